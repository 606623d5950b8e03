/**
 * Call attempts (外呼尝试) and what an unreached cycle means (docs/domain.md §4, §6 核实件). When the
 * visit cycle ends without reaching the policyholder, the attempts' outcomes decide which
 * verification kind the case becomes.
 */

import type { VerificationKind } from './outcome-scheme';

/** Outcome of one call attempt that did not complete a visit. */
export type AttemptOutcome =
  /** 无人接听 */
  | 'no_answer'
  /** 占线 */
  | 'busy'
  /** 号码错误/号码不全 */
  | 'wrong_number'
  /** 空号/停机 (number out of service) */
  | 'disconnected'
  /** 关机 */
  | 'switched_off'
  /** 拒接/拒绝回访 */
  | 'refused'
  /** 方言/语言不通 */
  | 'language_barrier'
  /** 听力障碍 */
  | 'hard_of_hearing'
  /** 接听人非投保人本人 */
  | 'not_policyholder'
  /** 投保人暂时不便（开车、开会、约时间） */
  | 'unavailable'
  /** 已知权益拒绝回访、不愿回访 */
  | 'declined'
  /** 通话中断/网络故障 */
  | 'network'
  /** 查无此人 */
  | 'no_such_person'
  /** 总机/分机无法转接 */
  | 'switchboard'
  /** 身份核对不符（姓名/性别错误） */
  | 'policy_data_wrong'
  /** 客户称未收到合同 */
  | 'contract_not_received';

/** Every attempt outcome. */
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = [
  'no_answer',
  'busy',
  'wrong_number',
  'disconnected',
  'switched_off',
  'refused',
  'language_barrier',
  'hard_of_hearing',
  'not_policyholder',
  'unavailable',
  'declined',
  'network',
  'no_such_person',
  'switchboard',
  'policy_data_wrong',
  'contract_not_received',
];

/** The verification kind each attempt outcome points to (docs/domain.md §6 核实件 kinds). */
export const ATTEMPT_VERIFICATION_KIND: Readonly<Record<AttemptOutcome, VerificationKind>> = {
  no_answer: 'not_reached',
  busy: 'not_reached',
  switched_off: 'not_reached',
  unavailable: 'not_reached',
  network: 'not_reached',
  not_policyholder: 'not_reached',
  wrong_number: 'wrong_number',
  disconnected: 'wrong_number',
  no_such_person: 'wrong_number',
  switchboard: 'wrong_number',
  refused: 'refused',
  declined: 'refused',
  language_barrier: 'language',
  hard_of_hearing: 'language',
  policy_data_wrong: 'policy_data_wrong',
  contract_not_received: 'contract_not_received',
};

/**
 * Which verification kind wins when attempts disagree: the most specific and actionable finding
 * first (wrong data before refusal before language before "just not reached"), whatever the order
 * of the attempts.
 */
export const VERIFICATION_PRECEDENCE: readonly VerificationKind[] = [
  'policy_data_wrong',
  'shared_number',
  'wrong_number',
  'contract_not_received',
  'refused',
  'language',
  'not_reached',
];

/** The verification kind of a cycle that ended unreached; `not_reached` when there were no attempts. */
export function verificationKindForAttempts(outcomes: readonly AttemptOutcome[]): VerificationKind {
  let best = VERIFICATION_PRECEDENCE.length - 1;
  for (const o of outcomes) best = Math.min(best, VERIFICATION_PRECEDENCE.indexOf(ATTEMPT_VERIFICATION_KIND[o]));
  return VERIFICATION_PRECEDENCE[best];
}
