/**
 * The default classification scheme of docs/domain.md §6: 标准件 / 次标准件 (six kinds, 已纠正) /
 * 问题件 (mis-selling 未纠正, communication, forged signature) / 核实件 (seven kinds). Follow-ups
 * per docs/domain.md §7 and 基本服务规定 第18条.
 */

import type { FollowUpRule, OutcomeScheme } from './outcome-scheme';

const MIS_SELLING: FollowUpRule = { workOrderKind: 'mis_selling_resolution', deadlineWorkingDays: 15, sellerMayHandle: false };
const EXPLAIN: FollowUpRule = { workOrderKind: 'problem_explanation', deadlineWorkingDays: 3, sellerMayHandle: false };
const NOTICE: FollowUpRule = { workOrderKind: 'substandard_notice', deadlineWorkingDays: 3, sellerMayHandle: true };
const CONTACT: FollowUpRule = { workOrderKind: 'verification_contact', deadlineWorkingDays: 3, sellerMayHandle: true };
/** An unsuccessful visit (never reached) is handed to the branch within 1 working day (docs/domain.md §7). */
const UNSUCCESSFUL: FollowUpRule = { workOrderKind: 'unsuccessful_handover', deadlineWorkingDays: 1, sellerMayHandle: true };

const SIX = [
  ['not_insurance', '不知道所购为保险/以为是存款送保险', 'did not know it was insurance / thought it a deposit with free insurance'],
  ['risk_coverage', '不清楚风险提示、保险责任或责任免除', 'unclear on risk notice, coverage or exclusions'],
  ['cooling_off_surrender', '不清楚犹豫期或退保损失', 'unclear on cooling-off or surrender loss'],
  ['payment_term', '不清楚缴费年限或保险期间', 'unclear on payment years or term'],
  ['non_guaranteed', '不清楚收益的不确定性', 'unclear that returns are not guaranteed'],
  ['universal_fees', '不清楚万能险（投连险）费用', 'unclear on universal-life (investment-linked) fees'],
] as const;

/** docs/domain.md §6 scheme, id `default`. */
export const DEFAULT_SCHEME: OutcomeScheme = {
  id: 'default',
  name: { zh: '标准件/次标准件/问题件/核实件', en: 'standard / substandard / problem / verification' },
  categoryLabels: {
    standard: { zh: '标准件', en: 'standard' },
    substandard: { zh: '次标准件', en: 'substandard' },
    problem: { zh: '问题件', en: 'problem' },
    verification: { zh: '核实件', en: 'verification' },
  },
  kinds: [
    { code: 'forged_signature', category: 'problem', label: { zh: '代签名', en: 'forged signature' }, followUp: MIS_SELLING },
    { code: 'mis_denied_purchase', category: 'problem', label: { zh: '客户否认投保', en: 'customer denies buying' }, followUp: MIS_SELLING },
    ...SIX.map(([code, zh, en]) => ({
      code: `mis_${code}`,
      category: 'problem' as const,
      label: { zh: `销售误导嫌疑：${zh}（未纠正）`, en: `suspected mis-selling: ${en} (not corrected)` },
      followUp: MIS_SELLING,
    })),
    {
      code: 'mis_other',
      category: 'problem',
      label: {
        zh: '销售误导嫌疑：夸大收益、混淆概念、隐瞒条款或双录存疑',
        en: 'suspected mis-selling: exaggerated returns, mixed-up concepts, hidden terms or recorded-sale doubts',
      },
      followUp: MIS_SELLING,
    },
    {
      code: 'communication',
      category: 'problem',
      label: { zh: '沟通类问题（如记不清是否本人签名）', en: 'communication (e.g. cannot remember signing)' },
      followUp: EXPLAIN,
    },
    {
      code: 'ver_shared_number',
      category: 'verification',
      label: { zh: '电话共用（多名投保人同号/与业务员同号）', en: 'shared number' },
      followUp: { ...CONTACT, sellerMayHandle: false },
    },
    { code: 'ver_policy_data_wrong', category: 'verification', label: { zh: '保单资料错误', en: 'policy data wrong' }, followUp: CONTACT },
    { code: 'ver_wrong_number', category: 'verification', label: { zh: '电话错误', en: 'wrong number' }, followUp: CONTACT },
    { code: 'ver_refused', category: 'verification', label: { zh: '拒绝回访', en: 'refused' }, followUp: CONTACT },
    { code: 'ver_language', category: 'verification', label: { zh: '语言障碍（方言、老年、听力）', en: 'language barrier' }, followUp: CONTACT },
    {
      code: 'ver_contract_not_received',
      category: 'verification',
      label: { zh: '未收到合同', en: 'contract not received' },
      followUp: { workOrderKind: 'contract_delivery', deadlineWorkingDays: 3, sellerMayHandle: true },
    },
    { code: 'ver_not_reached', category: 'verification', label: { zh: '回访周期内未联系上', en: 'not reached within the cycle' }, followUp: UNSUCCESSFUL },
    ...SIX.map(([code, zh, en]) => ({
      code: `sub_${code}`,
      category: 'substandard' as const,
      label: { zh: `${zh}（已纠正）`, en: `${en} (corrected)` },
      followUp: NOTICE,
    })),
  ],
  findings: [
    { topics: ['signature'], resolution: 'not_corrected', answers: ['no'], kind: 'forged_signature' },
    { topics: ['signature'], resolution: 'not_corrected', kind: 'communication' },
    { topics: ['receipt'], resolution: 'not_corrected', answers: ['no'], kind: 'ver_contract_not_received' },
    { topics: ['receipt'], resolution: 'not_corrected', kind: 'communication' },
    { topics: ['recorded_sale'], resolution: 'not_corrected', kind: 'mis_other' },
    { topics: ['insurance_nature'], resolution: 'corrected', kind: 'sub_not_insurance' },
    { topics: ['insurance_nature'], resolution: 'not_corrected', kind: 'mis_not_insurance' },
    { topics: ['product_description', 'coverage', 'health_terms'], resolution: 'corrected', kind: 'sub_risk_coverage' },
    { topics: ['product_description', 'coverage', 'health_terms'], resolution: 'not_corrected', kind: 'mis_risk_coverage' },
    { topics: ['surrender_loss', 'cooling_off'], resolution: 'corrected', kind: 'sub_cooling_off_surrender' },
    { topics: ['surrender_loss', 'cooling_off'], resolution: 'not_corrected', kind: 'mis_cooling_off_surrender' },
    { topics: ['payment'], resolution: 'corrected', kind: 'sub_payment_term' },
    { topics: ['payment'], resolution: 'not_corrected', kind: 'mis_payment_term' },
    { topics: ['dividend', 'universal_return', 'investment_risk'], resolution: 'corrected', kind: 'sub_non_guaranteed' },
    { topics: ['dividend', 'universal_return', 'investment_risk'], resolution: 'not_corrected', kind: 'mis_non_guaranteed' },
    { topics: ['fees'], resolution: 'corrected', kind: 'sub_universal_fees' },
    { topics: ['fees'], resolution: 'not_corrected', kind: 'mis_universal_fees' },
  ],
  endReasons: {
    not_policyholder: 'ver_not_reached',
    no_such_person: 'ver_wrong_number',
    identity_mismatch: 'ver_policy_data_wrong',
    busy: 'ver_not_reached',
    driving_or_meeting: 'ver_not_reached',
    denies_purchase: 'mis_denied_purchase',
    unwilling: 'ver_refused',
    declines_knows_rights: 'ver_refused',
    // Hanging up mid-script is not a refusal (§6 refused = won't take the call, says never bought,
    // already surrendered, won't confirm identity). Used only when the call was cut off before the
    // policyholder confirmed identity; a reached call never carries this kind (cut-off.ts).
    hung_up: 'ver_not_reached',
    line_dropped: 'ver_not_reached',
    language_barrier: 'ver_language',
    hard_of_hearing: 'ver_language',
  },
  verificationKinds: {
    wrong_number: 'ver_wrong_number',
    shared_number: 'ver_shared_number',
    refused: 'ver_refused',
    policy_data_wrong: 'ver_policy_data_wrong',
    language: 'ver_language',
    not_reached: 'ver_not_reached',
    contract_not_received: 'ver_contract_not_received',
  },
  fallback: { corrected: 'sub_risk_coverage', notCorrected: 'communication' },
};
