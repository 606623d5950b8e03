import type { AuthorisedProxy, ProxyReason, ProxyRelation } from '../../shared/domain/script/authorised-proxy';
import type { EndReason, Topic } from '../../shared/domain/script/script-definition';
import type { BreakOffReason } from '../../shared/domain/script/script-state';

/** zh-CN names of why a call ended before the script's last step (wizard, live board). */
const END_REASON_LABELS: Readonly<Record<EndReason, string>> = {
  not_policyholder: '非投保人本人',
  no_such_person: '查无此人',
  identity_mismatch: '身份信息不符',
  busy: '客户不便接听',
  driving_or_meeting: '客户开车或开会',
  denies_purchase: '否认购买',
  unwilling: '不愿接受回访',
  declines_knows_rights: '了解权益，拒绝回访',
  hung_up: '客户挂断',
  line_dropped: '通话掉线',
  language_barrier: '语言不通',
  hard_of_hearing: '听力障碍',
};

/** The label of `reason`, or the code itself when it is one this desk does not know (newer script). */
function endReasonLabel(reason: string): string {
  return (END_REASON_LABELS as Record<string, string>)[reason] ?? reason;
}

/** zh-CN labels of the authorised family member's relation to the policyholder. */
const PROXY_RELATION_LABELS: Readonly<Record<ProxyRelation, string>> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  other_relative: '其他亲属',
};

/** zh-CN labels of why the policyholder could not answer. */
const PROXY_REASON_LABELS: Readonly<Record<ProxyReason, string>> = {
  hard_of_hearing: '投保人听力障碍',
  language_barrier: '投保人无法使用普通话',
};

/** Who answered and why: 李小红（子女，投保人听力障碍）. */
function proxyWho(p: AuthorisedProxy): string {
  return `${p.name}（${PROXY_RELATION_LABELS[p.relation]}，${PROXY_REASON_LABELS[p.reason]}）`;
}

/** zh-CN text of the script wizard. */
/** What each script topic is about, in the words the desk uses (docs/glossary.md). */
const TOPIC_LABELS: Readonly<Record<Topic, string>> = {
  identity: '身份确认',
  consent: '同意回访及录音',
  insurance_nature: '保险性质',
  signature: '亲笔签名',
  receipt: '合同及回执',
  product_description: '产品说明书及投保提示书',
  coverage: '保险责任、责任免除及保险期间',
  surrender_loss: '退保损失',
  cooling_off: '犹豫期',
  payment: '缴费期间及方式',
  dividend: '分红不确定性',
  universal_return: '万能账户收益',
  fees: '费用扣除',
  investment_risk: '投资风险',
  health_terms: '健康告知及等待期',
  recorded_sale: '双录',
  contact: '联系方式',
};

export const wizardMessages = {
  title: '回访话术',
  progress: (n: number, total: number) => `第 ${n} / ${total} 步`,
  answerGroup: '客户回答',
  selected: (label: string) => `已选：${label}（Enter 确认）`,
  /** `keys`: the answer keys this step takes, e.g. "1 是 · 2 否". */
  needAnswer: (keys: string, hasBranches: boolean) =>
    `请先选择客户的回答（${keys}），再按 Enter 确认${hasBranches ? '；其他情况用下方“客户反应”按钮（Alt+字母）' : ''}`,
  /** A number key that this step does not take. */
  keyNotHere: (key: string, keys: string, hasBranches: boolean) =>
    `本题不接受按键 ${key}：可按 ${keys}${hasBranches ? '；其他情况用下方“客户反应”按钮（Alt+字母）' : ''}`,
  answerKey: (key: string, label: string) => `${key} ${label}`,
  answerKeys: (keys: readonly string[]) => keys.join(' · '),
  acknowledge: '已读（Enter）',
  explanation: '请向客户解释后再次询问，并记录客户的回答：',
  reask: '解释后再次询问',
  branchLine: '请告知客户：',
  endLine: '结束语：',
  branches: '客户反应',
  proxyTitle: '授权家属代答',
  proxyRule: '仅限投保人听力障碍或无法使用普通话时，经投保人同意由家属代为回答；须记录家属姓名、关系和原因，全程录音。',
  proxyName: '家属姓名',
  proxyRelation: '与投保人关系',
  proxyReason: '代答原因',
  proxyConfirm: '确认代答（Enter）',
  proxyCancel: '取消（Esc）',
  proxyOnRecord: '当前由授权家属代答',
  proxyWording: '问题中的“您”已改为投保人称谓',
  back: '返回上一步（Backspace）',
  history: '回答记录',
  undone: '已撤回',
  firstAsk: '首次',
  afterExplanation: '解释后',
  notes: '备注（Alt+M）',
  forbiddenTitle: '禁用语提醒',
  forbidden: ['不是的', '你听我说', '我不知道', '这是公司的规定', '您说明白了吧', '您清楚了吧', '您知道了吧'],
  breakOff: '通话中断',
  breakOffReasons: {
    hung_up: END_REASON_LABELS.hung_up,
    line_dropped: END_REASON_LABELS.line_dropped,
    language_barrier: END_REASON_LABELS.language_barrier,
    hard_of_hearing: END_REASON_LABELS.hard_of_hearing,
  } satisfies Record<BreakOffReason, string>,
  finished: '话术已完成，按 Enter 进入结果确认',
  /** The script is over but the call is still up: Enter will hang up, so say so first. */
  finishedCallUp: '话术已完成。请向客户道别，按 Enter 结束通话并确认结果',
  endedCallUp: (reason: string | null) => `回访已结束${reason ? `（${reason}）` : ''}，通话仍在进行。请向客户道别，按 Enter 结束通话并确认结果`,
  hangUpAndConfirm: '结束通话并确认结果（Enter）',
  brokenOff: '通话已结束，按 Enter 进入结果确认',
  brokenOffBecause: (reason: string) => `通话已结束（${reason}），按 Enter 进入结果确认`,
  callEnded: '通话已结束：请选择结束原因后进入结果确认（方向键选择，Enter 确定）',
  callEndedEndLabel: '结束原因',
  toOutcome: '进入结果确认（Enter）',
  shortcuts: '1 是 · 2 否 · 3 不清楚 · 4 拒答 · Enter 确认 · Backspace 返回 · Alt+字母 选择客户反应 · Alt+M 备注',
  endReasons: END_REASON_LABELS,
  endReasonLabel,
  proxyRelations: PROXY_RELATION_LABELS,
  proxyReasons: PROXY_REASON_LABELS,
  proxyWho,
  /** One line for the outcome screen and the session note: 授权家属代答：李小红（子女，投保人听力障碍）. */
  proxySummary: (p: AuthorisedProxy) => `授权家属代答：${proxyWho(p)}`,
  confirmEnter: '确认（Enter）',
  topics: TOPIC_LABELS,
  /** The script resumed with answers a cut-off call left (docs/domain.md §6). */
  resumed: (when: string) => `上次通话（${when}）中断，已保留当时的回答：核对身份后从中断处继续，未解释完的问题先解释再询问`,
  recordingMarkerFailed: (msg: string) => `录音标记未能写入：${msg}`,
} as const;
