import type { PolicyCase } from '../../../shared/domain/case';
import { classify, classifyCycleEnd, type Classification } from '../../../shared/domain/outcome/classify';
import { cutOffVerdict, isCutOff, reachedPolicyholder } from '../../../shared/domain/outcome/cut-off';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import { DEFAULT_SCHEME } from '../../../shared/domain/outcome/default-scheme';
import type { OutcomeScheme } from '../../../shared/domain/outcome/outcome-scheme';
import type { EndReason, Topic } from '../../../shared/domain/script/script-definition';
import type { ScriptResult } from '../../../shared/domain/script/script-state';

/** Attempt outcome (domain core vocabulary) of a call that connected but ended early. */
export const END_REASON_ATTEMPT: Readonly<Partial<Record<EndReason, AttemptOutcome>>> = {
  not_policyholder: 'not_policyholder',
  busy: 'unavailable',
  driving_or_meeting: 'unavailable',
  // A call cut off mid-script (the customer hung up or the line dropped) is an unsuccessful
  // attempt (通话中断), never a refusal; it counts toward the attempt limit.
  hung_up: 'network',
  line_dropped: 'network',
};

/** What finishing a visit will do. */
export interface VisitDecision {
  /** `final`: a result goes to the centre and the case leaves the queue; `interim`: an attempt only. */
  readonly kind: 'final' | 'interim';
  /** The result (final), or what the case becomes if the attempts run out (interim). */
  readonly classification: Classification;
  /** The attempt outcome recorded for an interim end (domain vocabulary), else null. */
  readonly attemptOutcome: AttemptOutcome | null;
  /**
   * The call was cut off after the policyholder was reached and nothing was final yet: its answers
   * (a doubt under explanation included) go to the next call (docs/domain.md §6).
   */
  readonly carriesAnswers?: boolean;
  /** The agent kept the case open although the call gave a final result. */
  readonly keptOpen?: boolean;
  /** The topic whose explanation the next call finishes first (null: none was under way). */
  readonly resumeTopic?: Topic | null;
}

/**
 * Decides whether a call is a final result or an interim attempt (docs/domain.md §6):
 * - a call that did not reach the policyholder this time (not them, busy, driving, cut off before
 *   identity) is an attempt; answers an earlier cut-off call left stay for the next call;
 * - a call cut off after identity is an attempt whose answers are carried to the next call, unless
 *   it already holds a finding that is final at once (a 否 on a signature item); a reached call never
 *   gets a not-reached kind;
 * - once the configured number of attempts is reached the case is closed: with a doubt that was
 *   never cleared as 问题件 of that kind, otherwise as the verification kind the attempts give.
 * `result` holds this call's answers and those carried from earlier calls.
 */
export function decideVisit(
  result: ScriptResult,
  previous: readonly AttemptOutcome[],
  maxAttempts: number,
  policy: PolicyCase,
  scheme: OutcomeScheme = DEFAULT_SCHEME,
): VisitDecision {
  const verdict = cutOffVerdict(result, scheme);
  const outcome = result.endReason ? (END_REASON_ATTEMPT[result.endReason] ?? null) : null;
  const interim = verdict === 'carry' || verdict === 'not_reached' || (verdict === 'not_cut_off' && outcome !== null);
  if (!interim || outcome === null) return { kind: 'final', classification: classify(result, policy, scheme), attemptOutcome: null };
  const all = [...previous, outcome];
  const atLimit = classifyCycleEnd(all, result, policy, scheme);
  if (all.length >= maxAttempts) return { kind: 'final', classification: atLimit, attemptOutcome: outcome };
  if (verdict !== 'carry') return { kind: 'interim', classification: atLimit, attemptOutcome: outcome };
  const pending = result.items.find((i) => i.final === null);
  return { kind: 'interim', classification: atLimit, attemptOutcome: outcome, carriesAnswers: true, resumeTopic: pending?.topic ?? null };
}

/**
 * The agent keeps the case open instead of closing it with `decision` (docs/domain.md §6: always
 * possible while the cooling-off period runs): no result is written; a call cut off after identity
 * still hands its answers to the next call, any other reached call leaves none (the next starts afresh).
 */
export function keepOpen(decision: VisitDecision, result: ScriptResult): VisitDecision {
  if (decision.kind === 'interim') return decision;
  const cutAfterIdentity = isCutOff(result) && reachedPolicyholder(result);
  const outcome = decision.attemptOutcome ?? (isCutOff(result) ? 'network' : null);
  return { kind: 'interim', classification: decision.classification, attemptOutcome: outcome, carriesAnswers: cutAfterIdentity, keptOpen: true };
}
