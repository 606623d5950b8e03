/** The answers a policyholder can give to a script question (是 / 否 / 不清楚 / 拒答). */
export type Answer = 'yes' | 'no' | 'unclear' | 'refused';

/** zh-CN labels of the answers. */
export const ANSWER_LABELS: Readonly<Record<Answer, string>> = {
  yes: '是',
  no: '否',
  unclear: '不清楚',
  refused: '拒答',
};
