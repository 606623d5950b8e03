import { FRESH_MEMORY, replyFor, type PersonaMemory } from './persona-replies';
import type { LineId, Persona } from './personas';
import type { TrainingCue } from './training-line';

/**
 * The turns of one simulated customer on one call, as a pure reducer that returns the effects the
 * driver (`simulated-customer.ts`) carries out: ring, wait, answer, say a line, hush, hang up.
 *
 * ```
 *   ringing ──elapsed──▶ answering ──established──▶ speaking(喂/您好) ──speech_done──▶ listening
 *                                                        ▲                              │ cue
 *                                  speech_done           │ elapsed: say the reply       ▼
 *   listening ◀──────────────── speaking ◀────────────── thinking ◀──cue (replaces)── thinking
 *                                  │ the reply was a hang-up: speech_done
 *                                  ▼
 *                               hung_up (BYE)          any ──call_ended──▶ ended
 * ```
 *
 * A cue that arrives while the customer is still ringing, answering or speaking waits until the
 * customer is done speaking; a newer cue replaces one not yet answered (the agent moved on). The
 * reply is chosen only when it is said, so the persona's memory holds what it actually said.
 */
export type CustomerPhase = 'ringing' | 'answering' | 'speaking' | 'thinking' | 'listening' | 'hung_up' | 'ended';

type CueSeen = Pick<TrainingCue, 'stepId' | 'phase' | 'seq'>;

export interface CustomerState {
  readonly phase: CustomerPhase;
  readonly persona: Persona;
  readonly memory: PersonaMemory;
  /** The newest cue taken in (older or repeated ones are ignored). */
  readonly lastSeq: number;
  /** The prompt waiting for a reply, and how long after it the customer starts to speak. */
  readonly pending: { readonly cue: CueSeen; readonly delayMs: number } | null;
  /** The line being said, and whether the customer hangs up after it. */
  readonly saying: { readonly line: LineId; readonly thenHangUp: boolean } | null;
  /** Token of the wait in force; an `elapsed` with another token is stale. */
  readonly timer: number;
}

export type CustomerEvent =
  | { readonly type: 'elapsed'; readonly timer: number }
  | { readonly type: 'established' }
  | { readonly type: 'cue'; readonly cue: CueSeen; readonly delayMs: number }
  | { readonly type: 'speech_done' }
  | { readonly type: 'call_ended' };

export type CustomerEffect =
  | { readonly kind: 'ring' }
  | { readonly kind: 'wait'; readonly ms: number; readonly timer: number }
  | { readonly kind: 'answer' }
  | { readonly kind: 'say'; readonly line: LineId }
  | { readonly kind: 'hush' }
  | { readonly kind: 'hang_up' };

export interface CustomerStep {
  readonly state: CustomerState;
  readonly effects: readonly CustomerEffect[];
}

const HUMAN_DELAY_MS = { min: 800, max: 1500 };
/** Reading speed of an agent reading a prompt aloud (Mandarin, unhurried). */
const CHARS_PER_SECOND = 4.5;
/** Without the prompt's text, the time an explanation takes to read before the question is asked again. */
const EXPLANATION_MS = 6000;

/**
 * How long after a cue the customer starts to reply: a human pause (`random` in [0, 1) picks it
 * within 0.8–1.5 s) after the agent has had time to read the prompt aloud.
 */
export function replyDelayMs(cue: Pick<TrainingCue, 'phase' | 'text'>, random: number): number {
  const reading = cue.text !== undefined ? (cue.text.length / CHARS_PER_SECOND) * 1000 : cue.phase === 'explaining' ? EXPLANATION_MS : 0;
  return Math.round(reading + HUMAN_DELAY_MS.min + random * (HUMAN_DELAY_MS.max - HUMAN_DELAY_MS.min));
}

/**
 * A call reaches the persona: it rings for `ringMs`. `lastSeq` is the cue already showing when the
 * call came in (the previous call's last prompt), which this customer never answers.
 */
export function ringCustomer(persona: Persona, ringMs: number, lastSeq: number): CustomerStep {
  const state: CustomerState = { phase: 'ringing', persona, memory: FRESH_MEMORY, lastSeq, pending: null, saying: null, timer: 1 };
  return { state, effects: [{ kind: 'ring' }, { kind: 'wait', ms: ringMs, timer: 1 }] };
}

const same = (state: CustomerState): CustomerStep => ({ state, effects: [] });

/** After speaking (or greeting): reply to a waiting cue, or listen. */
function afterSpeech(state: CustomerState): CustomerStep {
  if (state.saying?.thenHangUp) return { state: { ...state, phase: 'hung_up', saying: null, pending: null }, effects: [{ kind: 'hang_up' }] };
  if (!state.pending) return same({ ...state, phase: 'listening', saying: null });
  const timer = state.timer + 1;
  return { state: { ...state, phase: 'thinking', saying: null, timer }, effects: [{ kind: 'wait', ms: state.pending.delayMs, timer }] };
}

function speak(state: CustomerState): CustomerStep {
  if (!state.pending) return same({ ...state, phase: 'listening' });
  const { reply, memory } = replyFor(state.persona, state.pending.cue, state.memory);
  const saying = { line: reply.line, thenHangUp: reply.intent.kind === 'hang_up' };
  return { state: { ...state, phase: 'speaking', memory, pending: null, saying }, effects: [{ kind: 'say', line: reply.line }] };
}

/** The reducer. Pure; exhaustive over phases and events. */
export function customerReducer(state: CustomerState, event: CustomerEvent): CustomerStep {
  if (event.type === 'call_ended') {
    if (state.phase === 'ended') return same(state);
    const effects: CustomerEffect[] = state.phase === 'speaking' ? [{ kind: 'hush' }] : [];
    return { state: { ...state, phase: 'ended', pending: null, saying: null }, effects };
  }
  if (event.type === 'cue') {
    if (event.cue.seq <= state.lastSeq) return same(state);
    const taken = { ...state, lastSeq: event.cue.seq, pending: { cue: event.cue, delayMs: event.delayMs } };
    switch (state.phase) {
      case 'ringing':
      case 'answering':
      case 'speaking':
        return same(taken);
      case 'thinking':
      case 'listening': {
        const timer = state.timer + 1;
        return { state: { ...taken, phase: 'thinking', timer }, effects: [{ kind: 'wait', ms: event.delayMs, timer }] };
      }
      case 'hung_up':
      case 'ended':
        return same(state);
    }
  }
  switch (state.phase) {
    case 'ringing':
      if (event.type === 'elapsed' && event.timer === state.timer) return { state: { ...state, phase: 'answering' }, effects: [{ kind: 'answer' }] };
      return same(state);
    case 'answering':
      if (event.type !== 'established') return same(state);
      return { state: { ...state, phase: 'speaking', saying: { line: 'hello', thenHangUp: false } }, effects: [{ kind: 'say', line: 'hello' }] };
    case 'speaking':
      return event.type === 'speech_done' ? afterSpeech(state) : same(state);
    case 'thinking':
      return event.type === 'elapsed' && event.timer === state.timer ? speak(state) : same(state);
    case 'listening':
    case 'hung_up':
    case 'ended':
      return same(state);
  }
}
