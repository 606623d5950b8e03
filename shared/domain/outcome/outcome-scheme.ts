/**
 * Outcome classification schemes as data (回访结果分类, docs/domain.md §6). A scheme names its kinds,
 * puts each in one of the four canonical categories, says which kind a finding on a script topic
 * produces, which kind each way of ending a call produces, and what follow-up each kind needs.
 * Insurers use different schemes; which one applies is configuration.
 */

import type { Message } from '../message';
import type { Answer } from '../script/answer';
import type { EndReason, Topic } from '../script/script-definition';

/** The canonical categories every scheme maps onto (标准件 / 次标准件 / 问题件 / 核实件). */
export type OutcomeCategory = 'standard' | 'substandard' | 'problem' | 'verification';

/** Category precedence: a result with kinds in several categories takes the highest. */
export const CATEGORY_PRECEDENCE: readonly OutcomeCategory[] = ['problem', 'verification', 'substandard', 'standard'];

/** Why a policy could not be visited (核实件 kinds of docs/domain.md §6), scheme-neutral. */
export type VerificationKind = 'wrong_number' | 'shared_number' | 'refused' | 'policy_data_wrong' | 'language' | 'not_reached' | 'contract_not_received';

/** Work-order kinds a follow-up can raise (docs/domain.md §7). */
export type WorkOrderKind =
  'unsuccessful_handover' | 'verification_contact' | 'contract_delivery' | 'problem_explanation' | 'mis_selling_resolution' | 'substandard_notice';

/** Follow-up rule of a kind. */
export interface FollowUpRule {
  readonly workOrderKind: WorkOrderKind;
  /** Working days the branch has to handle it. */
  readonly deadlineWorkingDays: number;
  /** Whether the selling agent may handle it (基本服务规定 第18条: mis-selling is handled by someone else). */
  readonly sellerMayHandle: boolean;
}

/** One kind of result in a scheme. */
export interface OutcomeKind {
  readonly code: string;
  readonly category: OutcomeCategory;
  readonly label: Message;
  /** `null`: no work order. */
  readonly followUp: FollowUpRule | null;
}

/** Which kind a non-是 answer on a topic produces. Rules are tried in order; first match wins. */
export interface FindingRule {
  readonly topics: readonly Topic[];
  /** `corrected`: first answer not 是, 是 after explanation (已纠正); `not_corrected`: final answer not 是. */
  readonly resolution: 'corrected' | 'not_corrected';
  /** Restrict to these (final, or first when corrected) answers; absent = any. */
  readonly answers?: readonly Answer[];
  readonly kind: string;
}

/**
 * What a call cut off before the script's end (hang-up, dropped line) makes of the answers so far
 * (docs/domain.md §6 "A call cut off before the script ends").
 */
export interface CutOffRule {
  /** Answers final at once even when the call is cut off right after them (default: 否 on a signature item). */
  readonly finalAnswers: readonly { readonly topics: readonly Topic[]; readonly answers: readonly Answer[] }[];
  /**
   * `carry`: a doubt not yet cleared is kept and the next call finishes its explanation; `final`:
   * the insurer wants such doubts final at once (the cut-off call becomes the result).
   */
  readonly doubts: 'carry' | 'final';
}

/** A classification scheme. */
export interface OutcomeScheme {
  readonly id: string;
  readonly name: Message;
  /** The scheme's own names of the categories. */
  readonly categoryLabels: Readonly<Record<OutcomeCategory, Message>>;
  /** Kinds, most severe first within each category (the first found kind of the top category sets the follow-up). */
  readonly kinds: readonly OutcomeKind[];
  readonly findings: readonly FindingRule[];
  /** Kind produced by each way a call can end early. */
  readonly endReasons: Readonly<Record<EndReason, string>>;
  /** Kind produced by each reason a policy could not be visited. */
  readonly verificationKinds: Readonly<Record<VerificationKind, string>>;
  /** What a cut-off call's answers mean; absent: {@link DEFAULT_CUT_OFF_RULE}. */
  readonly cutOff?: CutOffRule;
  /** Kinds used when no finding rule matches. */
  readonly fallback: { readonly corrected: string; readonly notCorrected: string };
}

/** The rule of docs/domain.md §6: only a 否 on a signature item is final at once; doubts are carried. */
export const DEFAULT_CUT_OFF_RULE: CutOffRule = { finalAnswers: [{ topics: ['signature'], answers: ['no'] }], doubts: 'carry' };
