import type { PolicyCase } from '../../../shared/domain/case';
import { classifyUnreached, type Classification } from '../../../shared/domain/outcome/classify';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import type { EndReason } from '../../../shared/domain/script/script-definition';

/** Kind codes that only say "not reached this time": the case stays in the queue until the cycle ends. */
const INTERIM_KINDS = new Set(['ver_not_reached']);

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
  readonly classification: Classification;
  /** The attempt outcome recorded for an interim end (domain vocabulary), else null. */
  readonly attemptOutcome: AttemptOutcome | null;
}

/**
 * Decides whether a classified call is a final result or an interim attempt. A call that only
 * "did not reach" the policyholder (not them, busy, driving, hung up or dropped mid-script) is an attempt; once the
 * configured number of attempts is reached the case becomes a verification case of the kind the
 * domain core's attempt mapping gives (`classifyUnreached`).
 */
export function decideVisit(
  classification: Classification,
  endReason: EndReason | null,
  previous: readonly AttemptOutcome[],
  maxAttempts: number,
  policy: PolicyCase,
): VisitDecision {
  const interim = classification.kinds.length > 0 && classification.kinds.every((k) => INTERIM_KINDS.has(k.code));
  if (!interim) return { kind: 'final', classification, attemptOutcome: null };
  const outcome = (endReason && END_REASON_ATTEMPT[endReason]) ?? 'no_answer';
  const all = [...previous, outcome];
  if (all.length >= maxAttempts) return { kind: 'final', classification: classifyUnreached(all, policy), attemptOutcome: outcome };
  return { kind: 'interim', classification, attemptOutcome: outcome };
}
