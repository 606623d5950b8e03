/** zh-CN text of the agent's own day: the agenda of callbacks, the day's figures, the cases finished today. */
export const agendaMessages = {
  title: '我的工作台 · 今日',
  /** The queue's button that opens it. */
  open: '我的工作台',
  back: '返回队列',
  loading: '正在读取本地缓存…',
  callbacks: {
    title: '我的预约回呼',
    hint: '今天到期和已逾期的预约回呼，最早的在前；↑↓ 选择 · Enter 打开案件',
    empty: '今天没有到期的预约回呼',
    overdue: '已逾期',
    today: '今天',
    forAnyone: '组内任何人',
    due: (when: string) => `预约 ${when}`,
    columns: { due: '预约时间', policyNo: '保单号', holder: '投保人', product: '产品', state: '状态' },
  },
  figures: {
    title: '今日数据',
    calls: '拨打次数',
    visitsCompleted: '完成回访',
    successRate: '成功率',
    talkTime: '通话时长',
    /** The rate with the counts it rests on. */
    rate: (percent: number, successes: number, results: number) => `${percent}%（${successes} / ${results}）`,
    noResults: '—（今日尚无结果）',
    talk: (hours: number, minutes: number, seconds: number) =>
      hours > 0 ? `${hours}小时${minutes}分${seconds}秒` : minutes > 0 ? `${minutes}分${seconds}秒` : `${seconds}秒`,
    /**
     * The desk's rate is the agent's own, of the results written today; the centre's success rate
     * (docs/domain.md §8) is over the cases due and includes the branches' follow-ups.
     */
    rateDefinition:
      '成功率 = 本人今日写入的结果中标准件与次标准件之和 ÷ 本人今日写入的结果数。中心考核的回访成功率以应回访件数为分母并计入分支机构跟进成功件，与此不同。',
    callsDefinition: '拨打次数含未接通；完成回访为接通并进入话术的次数；通话时长为今日各次通话时长之和。',
  },
  finished: {
    title: '今日完成',
    empty: '今天还没有结案的件',
    columns: { at: '结案时间', policyNo: '保单号', holder: '投保人', product: '产品', category: '结果类别' },
  },
  shortcuts: 'F2 / Esc 返回队列 · ↑↓ 选择回呼 · Enter 打开案件',
} as const;
