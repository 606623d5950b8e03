/**
 * Another insurer's scheme (docs/domain.md §6): 核实件 / 一次沟通解释件 / 二次沟通解释件 / 销售误导件.
 * Same script, same findings, different kinds and follow-ups — selecting it is configuration.
 */

import type { EndReason } from '../script/script-definition';
import type { OutcomeScheme, VerificationKind } from './outcome-scheme';

const END_REASONS: readonly EndReason[] = [
  'not_policyholder',
  'no_such_person',
  'identity_mismatch',
  'busy',
  'driving_or_meeting',
  'denies_purchase',
  'unwilling',
  'declines_knows_rights',
  'hung_up',
  'line_dropped',
  'language_barrier',
  'hard_of_hearing',
];
const VERIFICATION: readonly VerificationKind[] = [
  'wrong_number',
  'shared_number',
  'refused',
  'policy_data_wrong',
  'language',
  'not_reached',
  'contract_not_received',
];

/** The four-kind scheme, id `four-kind`. */
export const ALTERNATIVE_SCHEME: OutcomeScheme = {
  id: 'four-kind',
  name: { zh: '核实件/一次沟通解释件/二次沟通解释件/销售误导件', en: 'verification / first explanation / second explanation / mis-selling' },
  categoryLabels: {
    standard: { zh: '正常件', en: 'normal' },
    substandard: { zh: '一次沟通解释件', en: 'first-explanation case' },
    problem: { zh: '二次沟通解释件/销售误导件', en: 'second-explanation or mis-selling case' },
    verification: { zh: '核实件', en: 'verification case' },
  },
  kinds: [
    {
      code: 'misselling',
      category: 'problem',
      label: { zh: '销售误导件', en: 'mis-selling case' },
      followUp: { workOrderKind: 'mis_selling_resolution', deadlineWorkingDays: 15, sellerMayHandle: false },
    },
    {
      code: 'second_explanation',
      category: 'problem',
      label: { zh: '二次沟通解释件', en: 'second-explanation case' },
      followUp: { workOrderKind: 'problem_explanation', deadlineWorkingDays: 3, sellerMayHandle: false },
    },
    {
      code: 'verification',
      category: 'verification',
      label: { zh: '核实件', en: 'verification case' },
      followUp: { workOrderKind: 'verification_contact', deadlineWorkingDays: 3, sellerMayHandle: true },
    },
    {
      code: 'first_explanation',
      category: 'substandard',
      label: { zh: '一次沟通解释件', en: 'first-explanation case' },
      followUp: { workOrderKind: 'substandard_notice', deadlineWorkingDays: 3, sellerMayHandle: true },
    },
  ],
  findings: [
    { topics: ['signature'], resolution: 'not_corrected', answers: ['no'], kind: 'misselling' },
    { topics: ['recorded_sale'], resolution: 'not_corrected', kind: 'misselling' },
    { topics: ['receipt'], resolution: 'not_corrected', answers: ['no'], kind: 'verification' },
  ],
  endReasons: Object.fromEntries(END_REASONS.map((r) => [r, r === 'denies_purchase' ? 'misselling' : 'verification'])) as Record<EndReason, string>,
  verificationKinds: Object.fromEntries(VERIFICATION.map((k) => [k, 'verification'])) as Record<VerificationKind, string>,
  fallback: { corrected: 'first_explanation', notCorrected: 'second_explanation' },
};
