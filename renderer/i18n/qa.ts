import { ANSWER_LABELS } from '../../shared/domain/script/answer';
import type { QaSource } from '../../shared/domain/qa/qa-form';
import type { PrefillReason, QaVerdict } from '../../shared/domain/qa/prefill';

/** zh-CN names of the default form's items (an item of a later version without a name shows its id). */
const ITEM_LABELS: Readonly<Record<string, string>> = {
  identity: '确认投保人本人身份',
  signed_personally: '本人购买，投保人、被保险人亲笔签名',
  product_description: '已阅读并理解产品说明书和投保提示书',
  coverage_term: '保险责任、责任免除及保险期间',
  surrender_loss: '犹豫期后退保的损失',
  cooling_off: '犹豫期起算、期限及期内权益',
  payment: '缴费期间及缴费频率（期缴）',
  dividend: '分红不保证的提示',
  universal_life: '万能险收益不确定及费用扣除',
  investment_linked: '投连险投资风险及费用',
  health_terms: '健康险等待期及如实告知',
  recorded_sale_accepted: '双录：是否接受销售过程录音录像',
  recorded_sale_intent: '双录：录音录像中的陈述是否真实意思表示',
  greeting: '问候并报工号',
  identity_first: '确认身份前未透露任何保单信息',
  no_leading: '无诱导性问法（如“您清楚了吧”）',
  no_forbidden: '未使用服务禁用语',
  pace: '语速适当，未机械照读',
  closing: '规范结束语',
};

const VERDICTS: Readonly<Record<QaVerdict, string>> = { pass: '合格', fail: '不合格', na: '不适用' };

const REASONS: Readonly<Record<PrefillReason, string>> = {
  not_asked: '未询问',
  not_reached: '通话中断前未到此项',
  no_final_answer: '解释后未得到答复',
  out_of_order: '询问顺序不符',
  explained: '经解释后复问',
  details_before_identity: '确认身份前已谈及保单',
  listen: '需听录音判定',
};

function source(s: QaSource): string {
  switch (s.doc) {
    case 'basic_service_15':
      return `《人身保险业务基本服务规定》第15条第（${s.item}）项`;
    case 'traceability_11':
      return '《保险销售行为可回溯管理暂行办法》第11条';
    case 'health_44':
      return '《健康保险管理办法》第44条';
    case 'visit_rule':
      return `回访管理规定第${s.article}条`;
    case 'domain':
      return `业务规则 §${s.section}`;
  }
}

/** An answer code as heard: 是, 不清楚→是 (after the explanation), 分支. */
function answer(code: string | null): string {
  if (code === null) return '未作答';
  if (code.startsWith('branch:')) return '分支';
  return code
    .split('->')
    .map((a) => (ANSWER_LABELS as Record<string, string>)[a] ?? (a === 'none' ? '未答' : a))
    .join('→');
}

/** The QA evaluation panel of the replay screen. */
export const qaMessages = {
  title: '质检评分',
  loading: '正在读取评分表…',
  refused: (why: string) => `无法读取评分表：${why}`,
  offline: (why: string) => `案件中心暂不可达，评分表无法读取：${why}`,
  formLine: (version: number, script: string, scriptVersion: string, passMark: number) =>
    `评分表第 ${version} 版 · 话术 ${script}（${scriptVersion}） · 合格线 ${passMark} 分`,
  item: (id: string) => ITEM_LABELS[id] ?? id,
  verdict: (v: QaVerdict | null) => (v === null ? '待判定' : VERDICTS[v]),
  reason: (r: PrefillReason) => REASONS[r],
  source,
  step: (stepId: string, code: string | null, position: number | null) =>
    position === null ? `${stepId}：${answer(code)}` : `第 ${position} 问 ${stepId}：${answer(code)}`,
  fatal: '致命项',
  weight: (w: number) => `权重 ${w}`,
  suggested: (v: QaVerdict | null) => `预填：${v === null ? '需听录音' : VERDICTS[v]}`,
  corrected: '已更正',
  note: (item: string) => `${item} 的备注`,
  jump: '跳到录音',
  noMarker: '无标记',
  items: '评分项',
  shortcuts: '↑/↓ 选择评分项 · P 合格 · F 不合格 · N 不适用 · G 跳到该项录音 · E 写备注（Esc 返回） · Ctrl+Enter 提交',
  submit: '提交评分',
  submitting: '正在提交…',
  undecided: (items: readonly string[]) => `尚有评分项未判定：${items.join('、')}`,
  list: (parts: readonly string[]) => parts.join('；'),
  submitted: (score: number, passed: boolean) => `已提交：${score} 分，${passed ? '合格' : '不合格'}`,
  submitRefused: (why: string) => `提交未成功：${why}`,
  alreadyScored: (evaluator: string, score: number) => `该通话已由 ${evaluator} 评分（${score} 分），不重复评分`,
  claimedBy: (who: string) => `该通话已由 ${who} 领取`,
  calibrationBlind: '校准盲评：本次评分计入校准，不显示他人评分',
} as const;
