import { SessionState, type Web } from 'sip.js';
import { messages } from '../../i18n/messages';
import { mixIntoOutgoing } from '../../audio/outgoing-voice';
import type { ActiveCall } from './active-call';
import type { CallControllerDeps } from './call-controller';
import type { CallMedia } from './call-media';
import { attemptFromLocalFailure } from './sip-failure';
import type { CallResult } from './softphone-api';

/** What following a call needs from the controller that owns it. */
export interface TrackingHooks {
  readonly deps: Pick<CallControllerDeps, 'dispatch' | 'reportState' | 'established'>;
  /** The far end answered: ring timer and ringback stop. */
  answered(): void;
  /** The media watch of the answered call (metering, quality, ICE and no-audio watch). */
  media(): CallMedia;
  /** Keys in the number's extension after answer. */
  armExtension(): void;
  /** The call is over: release it. */
  finish(): void;
}

/**
 * Follows one call's SIP session — dialled (`Inviter`) or answered (`Invitation`) alike — to its
 * end: the far end's BYE names the customer as who hung up; once established the snapshot shows it
 * at once, and a task later media watching starts and `established` goes out; at the end the call
 * is released, and a call that never got established resolves as failed with the reason known by
 * then.
 */
export function trackSession(call: ActiveCall, resolve: (r: CallResult) => void, hooks: TrackingHooks): void {
  const { deps } = hooks;
  call.session.delegate = {
    onBye: (bye) => {
      call.endedBy ??= 'customer';
      call.endReason ??= messages.softphone.endedByCustomer;
      void bye.accept().catch(() => undefined);
    },
  };
  // A barging team lead's voice joins what the customer hears (renderer/audio/outgoing-voice.ts).
  let stopOutgoing: () => void = () => undefined;
  call.session.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      hooks.answered();
      call.established = true;
      deps.dispatch({ type: 'established', callId: call.callId, at: Date.now() });
      // Show the truth first: the store's change renders at the end of this task, and what follows
      // (an AudioContext for the mic meter alone takes 4–50 ms here) would hold 通话中 back if it
      // ran before. A task later, the call's media watch, the main process and the listeners
      // (recording, listen-in) hear of it — unless the call ended in between.
      setTimeout(() => {
        // Ended within that task (its end already went out): nothing left to start.
        if (call.finished) return resolve({ kind: 'connected', callId: call.callId });
        const sdh = call.session.sessionDescriptionHandler as Web.SessionDescriptionHandler;
        // Already hanging up: the main process has heard 'ending' and must not hear this after it.
        if (!call.hangingUp) deps.reportState('established', call.callId);
        call.media = hooks.media();
        call.media.start();
        if (sdh.peerConnection && call.session.state !== SessionState.Terminated) stopOutgoing = mixIntoOutgoing(call.callId, sdh.peerConnection);
        hooks.armExtension();
        deps.established({
          callId: call.callId,
          caseId: call.caseId ?? undefined,
          localStream: sdh.localMediaStream,
          remoteStream: sdh.remoteMediaStream,
          // As before the deferral: the recording's length is checked against answeredAt → endedAt.
          answeredAt: Date.now(),
        });
        resolve({ kind: 'connected', callId: call.callId });
      }, 0);
    } else if (state === SessionState.Terminated) {
      stopOutgoing();
      // sip.js moves to Terminated *before* calling the request delegate's onReject, so the
      // final response code is known only after this tick.
      setTimeout(() => {
        const failure = call.failure ?? attemptFromLocalFailure('transport');
        hooks.finish();
        if (!call.established) {
          const result: CallResult = { kind: 'failed', ...failure };
          deps.dispatch({ type: 'callEnded', result });
          resolve(result);
        }
      }, 0);
    }
  });
}
