import { DEFAULT_SCHEME, type FollowUp, type FollowUpRule, type OutcomeCategory, type OutcomeScheme, type PolicyCase } from '../../shared/domain';
import type { ResultClass } from '../../shared/sync';

/** Per-category fall-back when none of the pushed kinds is known to the scheme. */
const CATEGORY_DEFAULT: Readonly<Record<Exclude<OutcomeCategory, 'standard'>, FollowUpRule>> = {
  substandard: { workOrderKind: 'substandard_notice', deadlineWorkingDays: 3, sellerMayHandle: true },
  // Unknown problem kind: the short 问题件 deadline (§7), and never the seller (第18条 may apply).
  problem: { workOrderKind: 'problem_explanation', deadlineWorkingDays: 3, sellerMayHandle: false },
  verification: { workOrderKind: 'verification_contact', deadlineWorkingDays: 3, sellerMayHandle: true },
};

const PREFIX: Readonly<Record<Exclude<OutcomeCategory, 'standard'>, string>> = { substandard: 'sub_', problem: 'mis_', verification: 'ver_' };

/** A follow-up and where its rule came from. */
export interface ResultFollowUp extends FollowUp {
  /** `kind`: a pushed kind code of the scheme set it; `category`: none matched, the category's default did. */
  readonly ruleSource: 'kind' | 'category';
}

/**
 * The work order a pushed result needs (docs/domain.md §7), or `null` for a standard result.
 *
 * A pushed result carries its category and kind codes, not the script items `classify` works
 * on, so the centre applies the same rule as `classify` does to its found kinds: the scheme
 * lists kinds most severe first, and the first kind of the result's category that was pushed
 * sets the follow-up. Codes may come bare (`wrong_number`) or as scheme codes
 * (`ver_wrong_number`). The owner is always the selling branch from the centre's copy of the case.
 */
export function followUpForResult(
  classification: ResultClass,
  kinds: readonly string[],
  c: Pick<PolicyCase, 'branch'>,
  scheme: OutcomeScheme = DEFAULT_SCHEME,
): ResultFollowUp | null {
  if (classification === 'standard') return null;
  const pushed = new Set<string>();
  for (const k of kinds) {
    pushed.add(k);
    pushed.add(`${PREFIX[classification]}${k}`);
  }
  const primary = scheme.kinds.find((k) => k.category === classification && k.followUp !== null && pushed.has(k.code));
  const rule = primary?.followUp ?? CATEGORY_DEFAULT[classification];
  return {
    workOrderKind: rule.workOrderKind,
    owner: { branchCode: c.branch.code, branchName: c.branch.name },
    deadlineWorkingDays: rule.deadlineWorkingDays,
    sellerMayHandle: rule.sellerMayHandle,
    ruleSource: primary ? 'kind' : 'category',
  };
}
