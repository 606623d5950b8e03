import { SessionState, UserAgent, type Invitation } from 'sip.js';
import type { CustomerLeg } from './customer-media';
import { customerReducer, replyDelayMs, ringCustomer, type CustomerEffect, type CustomerEvent, type CustomerState } from './customer-turns';
import type { LineId, Persona } from './personas';
import type { CustomerCallHandle } from './switchboard';
import type { TrainingCues } from './training-line';
import { WireTransport, type WireTransportOptions } from './training-wire';

/** What one simulated customer's call needs. */
export interface CustomerCallDeps {
  readonly cues: TrainingCues;
  readonly leg: CustomerLeg;
  /** In [0, 1): picks ring and reply delays within their human ranges. */
  readonly random: () => number;
  /** Multiplies every delay (1: human pace; tests run faster). */
  readonly pace: number;
  /** The customer said `line` (captions, tests). */
  readonly said: (line: LineId) => void;
}

/** A customer lets it ring 1–2 s before answering. */
const RING_MS = { min: 1000, max: 2000 };
/** After the call ends, the customer's user agent stays a moment for the last ACKs and replies. */
const LINGER_MS = 300;

/**
 * One call to a simulated customer: its own sip.js UserAgent on the training wire (named after the
 * dialled Request-URI), answering the INVITE with the leg's media, and carrying out the effects of
 * the persona's pure turn reducer (`customer-turns.ts`) with timers, the prompts the agent reads
 * (`cues`) and the leg's voice. Re-INVITE (hold), INFO (keys) and BYE/CANCEL from the desk are
 * answered by sip.js itself, as any user agent would.
 */
export function startCustomerCall(
  persona: Persona,
  target: { readonly user: string; readonly host: string },
  plug: WireTransportOptions['plug'],
  deps: CustomerCallDeps,
): CustomerCallHandle {
  let state: CustomerState | null = null;
  let session: Invitation | null = null;
  let finished = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const after = (ms: number, then: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      then();
    }, ms);
    timers.add(t);
  };

  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${target.user}@${target.host}`),
    transportConstructor: WireTransport,
    transportOptions: { plug } satisfies WireTransportOptions,
    // In-process media needs no STUN: host candidates, gathered at once.
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    sessionDescriptionHandlerFactory: deps.leg.sdhFactory,
    logLevel: 'error',
    userAgentString: 'Huifang training customer',
    delegate: { onInvite: (invitation) => invited(invitation) },
  });

  function dispatch(event: CustomerEvent): void {
    if (!state) return;
    const step = customerReducer(state, event);
    state = step.state;
    for (const effect of step.effects) run(effect);
  }

  function run(effect: CustomerEffect): void {
    const call = session;
    if (!call) return;
    switch (effect.kind) {
      case 'ring':
        void call.progress().catch(() => undefined);
        return;
      case 'wait':
        after(effect.ms, () => dispatch({ type: 'elapsed', timer: effect.timer }));
        return;
      case 'answer':
        void call.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).catch(() => {
          void call.dispose().catch(() => undefined);
        });
        return;
      case 'say':
        deps.said(effect.line);
        void deps.leg
          .say(effect.line)
          .catch(() => undefined)
          .then(() => dispatch({ type: 'speech_done' }));
        return;
      case 'hush':
        deps.leg.hush();
        return;
      case 'hang_up':
        void call.bye().catch(() => undefined);
        return;
    }
  }

  function cueChanged(): void {
    const cue = deps.cues.current();
    if (cue) dispatch({ type: 'cue', cue, delayMs: replyDelayMs(cue, deps.random()) * deps.pace });
  }
  const unsubscribe = deps.cues.subscribe(cueChanged);

  function invited(invitation: Invitation): void {
    // One call per customer user agent; anything else on it is refused as busy.
    if (session || finished) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    session = invitation;
    invitation.delegate = {
      onBye: (bye) => void bye.accept().catch(() => undefined),
      // Keys pressed at the desk (SIP INFO) are heard and ignored, as a person on the phone would.
      onInfo: (info) => void info.accept().catch(() => undefined),
    };
    invitation.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        dispatch({ type: 'established' });
        cueChanged();
      }
      if (s === SessionState.Terminated) end();
    });
    const ringMs = (RING_MS.min + deps.random() * (RING_MS.max - RING_MS.min)) * deps.pace;
    const step = ringCustomer(persona, ringMs, deps.cues.current()?.seq ?? -1);
    state = step.state;
    for (const effect of step.effects) run(effect);
  }

  function end(): void {
    if (finished) return;
    finished = true;
    dispatch({ type: 'call_ended' });
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    timers.clear();
    deps.leg.close();
    setTimeout(() => void ua.stop().catch(() => undefined), LINGER_MS);
  }

  void ua.start().catch(() => end());

  return {
    async stop() {
      const call = session;
      if (call && !finished) {
        if (call.state === SessionState.Established) await call.bye().catch(() => undefined);
        else if (call.state === SessionState.Initial || call.state === SessionState.Establishing) await call.reject({ statusCode: 480 }).catch(() => undefined);
      }
      end();
      await ua.stop().catch(() => undefined);
    },
  };
}
