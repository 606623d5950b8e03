import type { LineId, PersonaId } from '../features/training/personas';

/**
 * zh-CN text of the training line (培训线路). `lines` are also the transcripts the clips are
 * synthesised from (scripts/make-training-clips.ts), so a caption always says what the clip says.
 */
export const trainingMessages = {
  title: '培训线路',
  captionsLabel: '模拟客户说',
  badge: '培训模式：模拟客户，不拨打真实电话',
  personas: {
    cooperative: '配合的客户',
    thinks_deposit: '以为是存款',
    denies_signing: '否认亲笔签名',
    busy_callback: '忙碌预约回呼',
    hangs_up: '中途挂断',
    family_for_hard_of_hearing: '家属代答（听力障碍）',
  } satisfies Record<PersonaId, string>,
  /** What the trainee should achieve with each simulated customer. */
  goals: {
    cooperative: '完整读完话术，判定为标准件',
    thinks_deposit: '解释保险性质后再次询问，判定为次标准件（已纠正）',
    denies_signing: '如实记录客户否认亲笔签名，判定为问题件（代签名）',
    busy_callback: '选择“客户不便（预约回呼）”分支并预约回呼，案件留待再次回访',
    hangs_up: '客户中途挂断：保留已答内容，案件留待再次回访',
    family_for_hard_of_hearing: '记录授权家属代答（听力障碍）后完成回访，判定为标准件',
  } satisfies Record<PersonaId, string>,
  /** What the simulated customers say (captions of the clips). */
  lines: {
    hello: '喂，您好。',
    its_me: '对，我是。',
    mm: '嗯，好的。',
    convenient: '方便，你说吧。',
    yes: '是的。',
    clear: '清楚。',
    know: '知道，了解。',
    read_it: '看过了，明白。',
    received: '收到了，回执也签了。',
    signed_myself: '是我自己签的。',
    he_signed: '是他本人签的。',
    contact_ok: '对的，没错。',
    goodbye: '好的，谢谢，再见。',
    thought_deposit: '不清楚，我以为是存款。',
    understood_now: '哦，明白了。',
    agent_signed: '不是我签的，是业务员帮我签的。',
    busy_call_tomorrow: '我现在在忙，你明天下午再打吧。',
    gotta_go: '好了好了，我还有事，先挂了。',
    family_answers: '他耳朵不好，我是他女儿，我替他回答。',
  } satisfies Record<LineId, string>,
  caption: (persona: string, line: string) => `${persona}：${line}`,
  /** The post-call verdict: the outcome reached against the persona's expected one. */
  verdict: {
    metAs: (expected: string) => `达成预期结果（${expected}）`,
    /** The notice after a practice call: which simulated customer, and how it went. */
    about: (persona: string, verdict: string) => `培训线路 · ${persona}：${verdict}`,
    missed: (expected: string, actual: string) => `未达成：预期 ${expected}，实际 ${actual}`,
    interim: (what: string) => `未完成回访（${what}）`,
    withCallback: (text: string) => `${text}，预约回呼`,
    withCarried: (text: string) => `${text}，保留已答内容`,
  },
} as const;
