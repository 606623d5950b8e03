/**
 * Which policies are visited (回访范围, docs/domain.md §2): a natural-person policyholder and an
 * insurance term of more than one year (人身保险业务基本服务规定 第15条; group business excluded by
 * 第32条). Life and health products of every channel; 100 % of eligible policies.
 */

import type { PolicyCase } from './case';
import type { Message } from './message';
import { termIsOverOneYear } from './policy-term';

/** Why a policy is not visited. */
export type ReasonCode = 'group_policyholder' | 'term_not_over_one_year';

/** One reason a policy is out of scope, with its legal source. */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: Message;
  /** The rule the reason rests on. */
  readonly source: string;
}

/** Result of `checkEligibility`: eligible, or every reason why not. */
export interface Eligibility {
  readonly eligible: boolean;
  /** Empty when eligible. */
  readonly reasons: readonly Reason[];
}

const GROUP: Reason = {
  code: 'group_policyholder',
  message: { zh: '投保人为单位（团体业务），不在新契约回访范围内', en: 'the policyholder is an organisation (group business), which is not visited' },
  source: '人身保险业务基本服务规定 第32条; docs/domain.md §2',
};

const SHORT_TERM: Reason = {
  code: 'term_not_over_one_year',
  message: { zh: '保险期间不超过一年，不需回访', en: 'the insurance term is not more than one year, so it is not visited' },
  source: '人身保险业务基本服务规定 第15条; docs/domain.md §2',
};

/** Decides whether a policy is visited, and if not, says why (all reasons, not just the first). */
export function checkEligibility(c: PolicyCase): Eligibility {
  const reasons: Reason[] = [];
  if (c.policyholder.kind !== 'individual') reasons.push(GROUP);
  if (!termIsOverOneYear(c)) reasons.push(SHORT_TERM);
  return { eligible: reasons.length === 0, reasons };
}
