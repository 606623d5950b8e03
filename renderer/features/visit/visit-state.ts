import type { PolicyCase } from '../../../shared/domain/case';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import type { CachedCase } from '../../data/records';
import type { VisitDecision } from '../outcome/visit-decision';
import type { AttemptResult } from '../softphone/softphone-api';

/**
 * Where the agent is in the visit workflow.
 *
 *   queue ──opened──▶ case ──dial──▶ placing ──ringing──▶ dialling ──connected──▶ wizard
 *     ▲ ◀─────leave──── │ ▲ ◀──refused──┘                     │ failed, Esc       │ concluded
 *     │                   │                                     ▼                   ▼
 *     │                   └────── closed (not counted) ───── unreached           outcome ◀──┐
 *     │                                                   choose, confirm         │ finish   │ failed
 *     ├────────────── closed (attempt recorded) ──────────────┘                   ▼          │
 *     └────────────────────────── finished (next case offered) ──────────────── finishing ─┘
 *
 *   queue, case ──answerCaller──▶ placing ──ringing──▶ dialling ──connected──▶ caller ──adopt──▶ wizard
 *                                                                                │ callEnded
 *                                                                                ▼
 *                                                                              queue
 *
 * `caller`: an inbound call answered from a caller that matched no case (desks set to take any
 * caller): the call is up and recorded, the queue is shown so the agent can find the caller's case,
 * and opening it (`adopt`) runs the script on the same call; a call ended before that goes back to
 * the queue (its session is kept without a case).
 * `placing`: the call session (recording) is being opened, the phone is not dialling yet. While a
 * dial is placed or rings, and while an unreached attempt waits for its choice, the case cannot
 * be left nor another dial started: leaving would orphan the live call. In every phase `reset`
 * (sign-in) returns to the queue and `notice`/`dismissError` change only the message; `callEnded`
 * marks the call's end in wizard, outcome and finishing (the status turns to 话后整理).
 */
export type VisitPhase = 'queue' | 'case' | 'placing' | 'dialling' | 'unreached' | 'caller' | 'wizard' | 'outcome' | 'finishing';

/** Every phase, for exhaustive tests. */
export const VISIT_PHASES: readonly VisitPhase[] = ['queue', 'case', 'placing', 'dialling', 'unreached', 'caller', 'wizard', 'outcome', 'finishing'];

/** The screen a phase shows. */
export type VisitScreen = 'queue' | 'case' | 'wizard' | 'outcome';

/** The call of the current visit (serialisable: no SIP objects). */
export interface VisitCall {
  readonly sessionId: string | null;
  readonly callId: string | null;
  readonly number: string;
  readonly startedAt: string;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  /** Why this call was allowed outside the calling hours (a booked callback); kept with its attempt. */
  readonly callingNote?: string;
}

/** A dial that did not connect, waiting for the agent's choice of how it counts. */
export interface FailedDial {
  readonly attempt: AttemptResult;
  readonly reason: string;
  readonly sipCode?: number;
  readonly choice: AttemptOutcome | null;
  /** The attempt is being written: the choice is fixed meanwhile. */
  readonly saving: boolean;
}

/** The workflow's state; serialisable. */
export interface VisitState {
  readonly phase: VisitPhase;
  readonly policyNo: string | null;
  readonly policy: PolicyCase | null;
  readonly caseRecord: CachedCase | null;
  readonly call: VisitCall | null;
  /** Set in `unreached` only. */
  readonly failedDial: FailedDial | null;
  readonly decision: VisitDecision | null;
  /** Attempts before this one (domain vocabulary), for the outcome screen's count. */
  readonly previousAttempts: number;
  readonly error: string | null;
  /** The case offered next after finishing (the queue selects it). */
  readonly offered: string | null;
  /** What was just recorded (an unreached attempt), shown on the queue until the next step. */
  readonly confirmation: string | null;
}

/** Events of the workflow: the agent's keys and the effects' results. */
export type VisitEvent =
  | { readonly type: 'reset' }
  | {
      readonly type: 'opened';
      readonly policyNo: string;
      readonly record: CachedCase | null;
      readonly policy: PolicyCase | null;
      readonly error: string | null;
    }
  | { readonly type: 'openFailed'; readonly error: string }
  | { readonly type: 'leave' }
  | { readonly type: 'dial'; readonly number: string }
  | { readonly type: 'answerCaller' }
  | { readonly type: 'adopt'; readonly policyNo: string; readonly record: CachedCase | null; readonly policy: PolicyCase }
  | { readonly type: 'dialRefused'; readonly error: string }
  | { readonly type: 'ringing'; readonly sessionId: string; readonly number: string; readonly startedAt: string; readonly callingNote?: string }
  | { readonly type: 'connected'; readonly callId: string; readonly answeredAt: number }
  | { readonly type: 'dialFailed'; readonly attempt: AttemptResult; readonly reason: string; readonly sipCode?: number; readonly choice: AttemptOutcome | null }
  | { readonly type: 'choose'; readonly choice: AttemptOutcome | null }
  | { readonly type: 'confirmUnreached' }
  | { readonly type: 'unreachedClosed'; readonly to: 'case' | 'queue'; readonly error: string | null; readonly confirmation?: string | null }
  | { readonly type: 'callEnded'; readonly callId: string; readonly endedAt: number }
  | { readonly type: 'concluded'; readonly decision: VisitDecision; readonly previousAttempts: number }
  | { readonly type: 'finish' }
  | { readonly type: 'finishFailed'; readonly error: string }
  | { readonly type: 'finished'; readonly offered: string | null }
  | { readonly type: 'notice'; readonly error: string }
  | { readonly type: 'dismissError' };

/** Every event kind, for exhaustive tests. */
export const VISIT_EVENT_TYPES: readonly VisitEvent['type'][] = [
  'reset',
  'opened',
  'openFailed',
  'leave',
  'dial',
  'answerCaller',
  'adopt',
  'dialRefused',
  'ringing',
  'connected',
  'dialFailed',
  'choose',
  'confirmUnreached',
  'unreachedClosed',
  'callEnded',
  'concluded',
  'finish',
  'finishFailed',
  'finished',
  'notice',
  'dismissError',
];

/** Nothing open: the queue. */
export const INITIAL_VISIT: VisitState = {
  phase: 'queue',
  policyNo: null,
  policy: null,
  caseRecord: null,
  call: null,
  failedDial: null,
  decision: null,
  previousAttempts: 0,
  error: null,
  offered: null,
  confirmation: null,
};

/** The screen each phase shows: placing, ringing and the unreached choice stay on the case. */
export function screenOf(phase: VisitPhase): VisitScreen {
  switch (phase) {
    case 'queue':
    case 'caller':
      return 'queue';
    case 'case':
    case 'placing':
    case 'dialling':
    case 'unreached':
      return 'case';
    case 'wizard':
      return 'wizard';
    case 'outcome':
    case 'finishing':
      return 'outcome';
  }
}

/**
 * What the visit makes the agent's status: a ringing dial and an answered call are 通话中 (ringing
 * is not 就绪: no pause, no second call), everything after the call until the visit is written is
 * 话后整理; null where the desk is free (就绪 or the agent's own 示忙).
 */
export function visitWork(s: VisitState): 'in_call' | 'wrap_up' | null {
  switch (s.phase) {
    case 'queue':
    case 'case':
    case 'placing':
      return null;
    case 'dialling':
    case 'caller':
      return 'in_call';
    case 'wizard':
      return s.call && s.call.endedAt !== null ? 'wrap_up' : 'in_call';
    case 'unreached':
    case 'outcome':
    case 'finishing':
      return 'wrap_up';
  }
}

/** Pure transition function of the visit workflow; an event the phase does not accept returns `s` itself. */
export function visitReducer(s: VisitState, e: VisitEvent): VisitState {
  switch (e.type) {
    case 'reset':
      return INITIAL_VISIT;
    case 'opened':
      // Opening a case resets the dial state: only from the queue or another idle case.
      if (s.phase !== 'queue' && s.phase !== 'case') return s;
      return {
        ...s,
        phase: 'case',
        policyNo: e.policyNo,
        caseRecord: e.record,
        policy: e.policy,
        call: null,
        failedDial: null,
        decision: null,
        error: e.error,
        offered: null,
        confirmation: null,
      };
    case 'openFailed':
      return s.phase === 'queue' || s.phase === 'case' ? { ...s, phase: 'queue', error: e.error } : s;
    case 'leave':
      return s.phase === 'case' ? { ...s, phase: 'queue', error: null } : s;
    case 'dial':
      return s.phase === 'case' && s.policyNo !== null && s.policy !== null ? { ...s, phase: 'placing' } : s;
    case 'answerCaller':
      // An unmatched caller is answered from the queue or an idle case (left: the call is not about it).
      if (s.phase !== 'queue' && s.phase !== 'case') return s;
      return { ...INITIAL_VISIT, phase: 'placing' };
    case 'adopt':
      return s.phase === 'caller' ? { ...s, phase: 'wizard', policyNo: e.policyNo, caseRecord: e.record, policy: e.policy, error: null } : s;
    case 'dialRefused':
      // From `dialling` too: the phone refused the dial on the desk after all (nothing left it). An
      // unmatched caller not answered after all (gone meanwhile) leaves the desk on the queue.
      if (s.phase !== 'placing' && s.phase !== 'dialling') return s;
      return { ...s, phase: s.policyNo === null ? 'queue' : 'case', call: null, error: e.error };
    case 'ringing':
      if (s.phase !== 'placing') return s;
      return {
        ...s,
        phase: 'dialling',
        error: null,
        call: {
          sessionId: e.sessionId,
          callId: null,
          number: e.number,
          startedAt: e.startedAt,
          answeredAt: null,
          endedAt: null,
          ...(e.callingNote ? { callingNote: e.callingNote } : {}),
        },
      };
    case 'connected':
      if (s.phase !== 'dialling' || !s.call) return s;
      return { ...s, phase: s.policyNo === null ? 'caller' : 'wizard', call: { ...s.call, callId: e.callId, answeredAt: e.answeredAt } };
    case 'dialFailed':
      // Only a dial for a case can count as an unreached attempt.
      if (s.phase !== 'dialling' || s.policyNo === null) return s;
      return {
        ...s,
        phase: 'unreached',
        failedDial: { attempt: e.attempt, reason: e.reason, ...(e.sipCode ? { sipCode: e.sipCode } : {}), choice: e.choice, saving: false },
      };
    case 'choose':
      if (s.phase !== 'unreached' || !s.failedDial || s.failedDial.saving) return s;
      return { ...s, failedDial: { ...s.failedDial, choice: e.choice } };
    case 'confirmUnreached':
      if (s.phase !== 'unreached' || !s.failedDial || s.failedDial.saving) return s;
      return { ...s, failedDial: { ...s.failedDial, saving: true } };
    case 'unreachedClosed':
      // The unreached dialog always goes away, whatever happened to the attempt: it never traps the desk.
      if (s.phase !== 'unreached') return s;
      return { ...s, phase: e.to, failedDial: null, call: null, error: e.error, confirmation: e.confirmation ?? null };
    case 'callEnded':
      if (s.phase !== 'caller' && s.phase !== 'wizard' && s.phase !== 'outcome' && s.phase !== 'finishing') return s;
      if (!s.call || s.call.callId !== e.callId || s.call.endedAt !== null) return s;
      if (s.phase === 'caller') return { ...s, phase: 'queue', call: null };
      return { ...s, call: { ...s.call, endedAt: e.endedAt } };
    case 'concluded':
      return s.phase === 'wizard' ? { ...s, phase: 'outcome', decision: e.decision, previousAttempts: e.previousAttempts } : s;
    case 'finish':
      return s.phase === 'outcome' && s.decision && s.call && s.policyNo ? { ...s, phase: 'finishing', error: null } : s;
    case 'finishFailed':
      return s.phase === 'finishing' ? { ...s, phase: 'outcome', error: e.error } : s;
    case 'finished':
      if (s.phase !== 'finishing') return s;
      return { ...s, phase: 'queue', call: null, decision: null, policy: null, policyNo: null, caseRecord: null, offered: e.offered, confirmation: null };
    case 'notice':
      return s.error === e.error ? s : { ...s, error: e.error };
    case 'dismissError':
      return s.error === null ? s : { ...s, error: null };
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}
