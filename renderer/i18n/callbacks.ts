import { commonMessages } from './common';

const WEEKDAYS = '日一二三四五六';

/** zh-CN text of callbacks. */
export const callbackMessages = {
  book: '预约回呼（Alt+B）',
  title: '预约回呼',
  when: '回呼时间',
  owner: '由谁回呼',
  mine: '我本人',
  anyone: '组内任何人',
  owners: { mine: '我本人', anyone: '组内任何人（当前持件人）', colleague: '指定同事' },
  colleague: '同事',
  pickColleague: '请选择同事',
  member: (name: string, staffNo: string, lead: boolean, languages: string) => `${name}（${staffNo}${lead ? '，组长' : ''}）· ${languages}`,
  noDialect: (name: string, dialect: string) => `注意：${name} 的语言技能中没有${dialect}，客户可能需要${dialect}沟通`,
  rosterLoading: '正在读取本组同事名单…',
  rosterNone: '暂时取不到本组同事名单（案件中心不可达）：可预约给自己或组内任何人',
  rosterCached: (at: string) => `同事名单为 ${commonMessages.dateTime(at)} 的缓存（案件中心暂不可达）`,
  note: '备注（如客户方便的时段）',
  override: '超出截止日期的原因',
  problems: {
    invalid: '请填写有效的日期和时间',
    past: '回呼时间必须晚于现在',
    after_deadline: '回呼时间晚于回访截止日，请填写原因后才能预约',
    no_colleague: '请选择要预约给哪位同事',
  },
  due: (policyNo: string, name: string) => `预约回呼到期：${policyNo} ${name}`,
  notificationTitle: '回访预约回呼到期',
  cancel: '取消预约',
  /**
   * A local time in zh-CN words for reading back to the customer, e.g. `11月25日 周三 17:30`
   * (the native datetime-local input shows the browser's locale, which may not be Chinese).
   * Empty for an invalid time.
   */
  timeWords: (at: Date): string => {
    if (Number.isNaN(at.getTime())) return '';
    const p = (n: number) => String(n).padStart(2, '0');
    return `${at.getMonth() + 1}月${at.getDate()}日 周${WEEKDAYS[at.getDay()]} ${p(at.getHours())}:${p(at.getMinutes())}`;
  },
} as const;
