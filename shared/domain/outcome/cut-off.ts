/**
 * A call cut off before the script's end (docs/domain.md §6 "A call cut off before the script
 * ends"): the customer hung up or the line dropped. It is an unsuccessful attempt unless it already
 * produced a final finding; a doubt still being explained is carried to the next call, never
 * turned into "not cleared" by the cut-off itself.
 */

import type { ScriptResult } from '../script/script-state';
import type { EndReason } from '../script/script-definition';
import { DEFAULT_CUT_OFF_RULE, type OutcomeScheme } from './outcome-scheme';

/** The end reasons that cut a call off (as opposed to an ending the script itself offers). */
export const CUT_OFF_REASONS: readonly EndReason[] = ['hung_up', 'line_dropped'];

/**
 * What a result means for the case:
 * - `not_cut_off`: the script completed or ended through one of its own branches;
 * - `not_reached`: cut off before the policyholder confirmed identity (an unsuccessful attempt);
 * - `final`: cut off after a finding that is final at once (a 否 on a signature item), or the
 *   scheme wants doubts final at once and there is one;
 * - `carry`: cut off after identity, nothing final yet: an attempt, and the answers so far (a
 *   doubt under explanation included) go to the next call.
 */
export type CutOffVerdict = 'not_cut_off' | 'not_reached' | 'final' | 'carry';

/** Whether the call reached the policyholder: identity confirmed, or an authorised family member recorded. */
export function reachedPolicyholder(result: ScriptResult): boolean {
  return result.proxy !== null || result.items.some((i) => i.topic === 'identity' && i.final === 'yes');
}

/** Whether the result ended because the call was cut off (hang-up, dropped line). */
export function isCutOff(result: ScriptResult): boolean {
  return result.status === 'broken_off' && result.endReason !== null && CUT_OFF_REASONS.includes(result.endReason);
}

/** Mandatory answers that were not a plain 是 at the first ask (the doubts, cleared or not). */
export function doubtsOf(result: ScriptResult): ScriptResult['items'] {
  return result.items.filter((i) => i.mandatory && i.topic !== 'identity' && !(i.first === 'yes' && i.final === 'yes'));
}

/** The verdict on a result under `scheme` (see {@link CutOffVerdict}). */
export function cutOffVerdict(result: ScriptResult, scheme: OutcomeScheme): CutOffVerdict {
  if (!isCutOff(result)) return 'not_cut_off';
  if (!reachedPolicyholder(result)) return 'not_reached';
  const rule = scheme.cutOff ?? DEFAULT_CUT_OFF_RULE;
  const finalAtOnce = result.items.some((i) =>
    rule.finalAnswers.some((f) => i.topic !== null && f.topics.includes(i.topic) && [i.first, i.final].some((a) => a !== null && f.answers.includes(a))),
  );
  if (finalAtOnce) return 'final';
  return rule.doubts === 'final' && doubtsOf(result).length > 0 ? 'final' : 'carry';
}
