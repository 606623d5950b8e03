import { Inviter, UserAgent, type Invitation, type Web } from 'sip.js';
import type { SoftphoneConfig, ReportedCallState } from '../../../shared/ipc/channels/softphone';
import { micConstraints, routeToOutput } from '../../audio/audio-devices';
import type { ActiveCall } from './active-call';
import { CallMedia } from './call-media';
import { trackSession } from './call-tracking';
import { ExtensionDialler, extensionOf } from './extension-dialler';
import { byeWithin, reinviteCall, sendDtmfTone } from './in-dialog-requests';
import { RingbackTone } from './ringback-tone';
import { attemptFromLocalFailure, attemptFromSipCode, normaliseDialString, type AttemptFailure } from './sip-failure';
import type { CallResult, DialOptions, EndedCall, EstablishedCall } from './softphone-api';
import type { DeviceSnapshot, SoftphoneAction } from './softphone-state';
import { messages } from '../../i18n/messages';

/** What the controller needs from its owner (the SoftphoneService). */
export interface CallControllerDeps {
  userAgent(): UserAgent | null;
  registered(): boolean;
  config(): SoftphoneConfig | null;
  devices(): DeviceSnapshot;
  dialBlockedReason(): string | null;
  dispatch(action: SoftphoneAction): void;
  reportState(state: ReportedCallState, callId?: string): void;
  established(call: EstablishedCall): void;
  ended(info: EndedCall): void;
}

type Sdh = Web.SessionDescriptionHandler;

/** Delay before the ringback tone starts after 180 Ringing. */
const RINGBACK_DELAY_MS = 400;

/**
 * Places and controls the single outbound call: dial with prefix and ring timeout, cancel, hang
 * up, mute, hold/resume by re-INVITE, DTMF, ICE restart, and the end of calls whose media died.
 * Publishes serialisable snapshots through `dispatch`; SIP.js objects stay inside.
 */
export class CallController {
  private call: ActiveCall | null = null;
  private readonly ringback = new RingbackTone();
  /** The number's extension, keyed in after answer; the panel may edit, send or drop it. */
  readonly extension: ExtensionDialler;

  constructor(private readonly deps: CallControllerDeps) {
    this.extension = new ExtensionDialler({ dispatch: (a) => deps.dispatch(a), sendTone: (t) => this.sendDtmf(t) });
  }

  /** True while a call exists (any phase but idle). */
  busy(): boolean {
    return this.call !== null;
  }

  /** See `SoftphoneApi.dial`. */
  async dial(number: string, options: DialOptions = {}): Promise<CallResult> {
    const fail = (f: AttemptFailure, untilCallEnds = false): CallResult => {
      const result: CallResult = { kind: 'failed', ...f, refused: true };
      this.deps.dispatch({ type: 'notice', level: 'warning', text: f.reason, at: Date.now(), ...(untilCallEnds ? { untilCallEnds } : {}) });
      return result;
    };
    const config = this.deps.config();
    const ua = this.deps.userAgent();
    const blocked = this.deps.dialBlockedReason();
    if (blocked) return fail(attemptFromLocalFailure('blocked', blocked));
    // The warning lasts while that call does (cleared with it).
    if (this.call) return fail(attemptFromLocalFailure('busy_line'), true);
    if (!config || !ua || !this.deps.registered()) return fail(attemptFromLocalFailure('not_registered'));
    const dialString = normaliseDialString(config.dialPrefix, number);
    const domain = /@([^;>\s]+)/.exec(config.sipUri)?.[1];
    const target = dialString && domain ? UserAgent.makeURI(`sip:${dialString}@${domain}`) : undefined;
    if (!target) return fail(attemptFromLocalFailure('invalid_number', number));

    const inviter = new Inviter(ua, target, {
      sessionDescriptionHandlerOptions: { constraints: { audio: micConstraints(this.deps.devices().micId), video: false } },
      extraHeaders: config.callerId ? [`P-Preferred-Identity: <sip:${config.callerId}@${domain}>`] : [],
    });
    const call: ActiveCall = {
      session: inviter,
      inbound: false,
      callId: inviter.request.callId,
      caseId: options.caseId ?? null,
      failure: null,
      endedBy: null,
      endReason: null,
      established: false,
      finished: false,
      media: null,
      ringTimer: null,
      reinvitePending: false,
      hangingUp: false,
      extension: extensionOf(number),
    };
    this.call = call;
    const result = new Promise<CallResult>((resolve) => {
      this.track(call, resolve);
      const ringTimeoutMs = config.ringTimeoutSec * 1000;
      call.ringTimer = setTimeout(() => {
        if (call.established || call.finished) return;
        call.failure = attemptFromLocalFailure('ring_timeout');
        void inviter.cancel().catch(() => undefined);
      }, ringTimeoutMs);
      inviter
        .invite({
          requestDelegate: {
            onProgress: (response) => {
              const code = response.message.statusCode;
              if (code === 180 || code === 183) {
                this.deps.dispatch({ type: 'progress' });
                this.deps.reportState('ringing', call.callId);
                // Most answers follow 180 within a moment: start the tone only if it keeps ringing.
                setTimeout(() => {
                  if (!call.established && !call.finished) void this.ringback.start(this.deps.devices().ringerId);
                }, RINGBACK_DELAY_MS);
              }
            },
            onReject: (response) => {
              call.failure ??= attemptFromSipCode(response.message.statusCode ?? 0, response.message.reasonPhrase ?? '');
            },
          },
        })
        .catch((error: unknown) => {
          call.failure ??= attemptFromLocalFailure('media', error instanceof Error ? error.message : String(error));
          if (!call.finished) void inviter.dispose().catch(() => undefined);
        });
    });
    // invite() asked for the microphone synchronously: store and main process hear of the call while it opens.
    this.deps.dispatch({ type: 'dialStarted', number: dialString!, caseId: call.caseId, at: Date.now() });
    this.deps.dispatch({ type: 'callIdKnown', callId: call.callId });
    this.deps.reportState('calling', call.callId);
    return result;
  }

  /** Follows the call's session to its end (see `trackSession`). */
  private track(call: ActiveCall, resolve: (r: CallResult) => void): void {
    trackSession(call, resolve, {
      deps: this.deps,
      answered: () => this.clearRing(call),
      media: () =>
        new CallMedia(
          call.session.sessionDescriptionHandler as Sdh,
          this.deps,
          {
            onIceFailed: () => void this.endForMediaFailure(call),
            onNetworkSuspect: () => void this.iceRestart(),
          },
          Date.now(),
        ),
      armExtension: () => this.extension.arm(call.extension),
      finish: () => this.finish(call),
    });
  }

  /** Answers a ringing inbound call: from then on the same call as a dialled one (media, hold, recording). */
  async answer(invitation: Invitation, from: string, options: DialOptions = {}): Promise<CallResult> {
    if (this.call) return { kind: 'failed', ...attemptFromLocalFailure('busy_line'), refused: true };
    const call: ActiveCall = {
      session: invitation,
      inbound: true,
      callId: invitation.request.callId,
      caseId: options.caseId ?? null,
      ...{ failure: null, endedBy: null, endReason: null, established: false, finished: false, media: null },
      ...{ ringTimer: null, reinvitePending: false, hangingUp: false, extension: null },
    };
    this.call = call;
    this.deps.dispatch({ type: 'dialStarted', number: from, caseId: call.caseId, at: Date.now() });
    this.deps.dispatch({ type: 'callIdKnown', callId: call.callId });
    this.deps.reportState('calling', call.callId);
    return new Promise<CallResult>((resolve) => {
      this.track(call, resolve);
      const constraints = { audio: micConstraints(this.deps.devices().micId), video: false };
      invitation.accept({ sessionDescriptionHandlerOptions: { constraints } }).catch((error: unknown) => {
        call.failure ??= attemptFromLocalFailure('media', error instanceof Error ? error.message : String(error));
        if (!call.finished) void invitation.dispose().catch(() => undefined);
      });
    });
  }

  /** Cancels while ringing, hangs up when established; no-op when idle or already hanging up. */
  async hangup(): Promise<void> {
    const call = this.call;
    // A repeated BYE would fail on the terminating session and end the call locally at once.
    if (!call || call.finished || call.hangingUp) return;
    call.hangingUp = true;
    if (!call.established) {
      call.failure ??= attemptFromSipCode(487, 'Request Terminated');
      this.deps.dispatch({ type: 'ending' });
      // An answer still being set up has nothing to cancel: it is dropped.
      await (call.session instanceof Inviter ? call.session.cancel() : call.session.dispose()).catch(() => undefined);
      return;
    }
    call.endedBy ??= 'agent';
    call.endReason ??= messages.softphone.endedByAgent;
    this.deps.dispatch({ type: 'ending' });
    this.deps.reportState('ending', call.callId);
    await this.byeOrForce(call);
  }

  /** Mutes or unmutes the agent's microphone towards the customer. */
  setMuted(muted: boolean): void {
    const sdh = this.call?.established ? (this.call.session.sessionDescriptionHandler as Sdh | undefined) : undefined;
    if (!sdh) return;
    sdh.enableSenderTracks(!muted);
    this.deps.dispatch({ type: 'muted', muted });
  }

  /**
   * Holds or resumes by re-INVITE. The snapshot shows "held" only after the far end accepted;
   * a rejected or failed re-INVITE leaves the previous state and tells the agent.
   */
  async setHold(hold: boolean): Promise<boolean> {
    const call = this.call;
    if (!call?.established || call.reinvitePending) return false;
    this.deps.dispatch({ type: 'holdRequested' });
    // On hold the far end stops sending: that silence is expected, not a media failure.
    call.media?.setHeld(true);
    const ok = await reinviteCall(call, { hold });
    call.media?.setHeld(ok ? hold : !hold);
    this.deps.dispatch({ type: 'holdResult', held: ok ? hold : !hold });
    if (ok) this.deps.reportState(hold ? 'held' : 'established', call.callId);
    else this.deps.dispatch({ type: 'notice', level: 'error', text: hold ? messages.softphone.holdFailed : messages.softphone.resumeFailed, at: Date.now() });
    return ok;
  }

  /** Re-INVITE with an ICE restart (network changed); true when the far end accepted. */
  async iceRestart(): Promise<boolean> {
    const call = this.call;
    if (!call?.established || call.reinvitePending) return false;
    const held = (call.session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions).hold ?? false;
    const ok = await reinviteCall(call, { hold: held, offerOptions: { iceRestart: true } });
    this.deps.dispatch({
      type: 'notice',
      level: ok ? 'info' : 'warning',
      text: ok ? messages.softphone.iceRestarted : messages.softphone.iceRestartFailed,
      at: Date.now(),
    });
    return ok;
  }

  /** Sends one keypad tone (see `sendDtmfTone`). */
  async sendDtmf(tone: string): Promise<'rfc4733' | 'info' | 'failed'> {
    const call = this.call;
    if (!call?.established || !/^[0-9*#A-D]$/.test(tone)) return 'failed';
    return sendDtmfTone(call.session, tone);
  }

  /** Switches the microphone mid-call (replaceTrack); the local stream keeps its identity. */
  async switchMicrophone(deviceId: string): Promise<boolean> {
    return (await this.call?.media?.switchMicrophone(deviceId)) ?? true;
  }

  /** Routes the customer's audio to `deviceId`. */
  async setSpeaker(deviceId: string): Promise<boolean> {
    const element = this.call?.media?.remoteAudio;
    return element ? routeToOutput(element, deviceId) : true;
  }

  private async endForMediaFailure(call: ActiveCall): Promise<void> {
    if (call.finished) return;
    call.endedBy ??= 'system';
    call.endReason ??= messages.softphone.mediaFailed;
    this.deps.dispatch({ type: 'notice', level: 'error', text: messages.softphone.mediaFailed, at: Date.now() });
    await this.byeOrForce(call);
  }

  /** BYE; when the proxy is gone the BYE cannot go out, so the call is ended locally anyway. */
  private async byeOrForce(call: ActiveCall): Promise<void> {
    const sent = await byeWithin(call.session, 3000);
    if (!sent && !call.finished) {
      this.finish(call);
      void call.session.dispose().catch(() => undefined);
    }
  }

  private clearRing(call: ActiveCall) {
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    this.ringback.stop();
  }

  private finish(call: ActiveCall): void {
    if (call.finished) return;
    call.finished = true;
    this.clearRing(call);
    this.extension.clear();
    call.media?.stop();
    if (this.call === call) this.call = null;
    this.deps.reportState('idle');
    if (call.established) {
      this.deps.dispatch({ type: 'callEnded', result: null });
      this.deps.ended({
        callId: call.callId,
        caseId: call.caseId ?? undefined,
        reason: call.endReason ?? messages.softphone.endedUnknown,
        endedBy: call.endedBy ?? 'system',
        endedAt: Date.now(),
        noMedia: call.media?.noMediaSpans() ?? [],
      });
    }
  }
}
