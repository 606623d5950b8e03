import type { QueueBadge } from '../data/records';
import type { CaseKind } from '../../shared/sync';

/** zh-CN text of the queue. */
export const queueMessages = {
  title: '待回访队列',
  search: '搜索保单号或姓名',
  /** Placeholder: what the search finds (any part of a policy number; a name by its surname or any two characters in a row). */
  searchHint: '保单号任意部分，或姓氏、姓名中连续两字',
  empty: '队列为空',
  noMatch: '没有符合条件的回访件（单字只匹配姓氏或末字；其余请输入姓名中连续两字以上）',
  loading: '正在读取本地缓存…',
  count: (shown: number, total: number) => (shown === total ? `共 ${total} 件` : `显示 ${shown} / ${total} 件`),
  kindFilter: '类型',
  badgeFilter: '标记',
  all: '全部',
  kinds: { new: '新契约', verification: '核实件', returned: '退回件' } satisfies Record<CaseKind, string>,
  badges: {
    red_flag: '警示',
    age_60_plus: '60岁+',
    recorded_sale: '双录',
    dialect: '方言',
    callback_due: '回呼到期',
    escalated: '临期升级',
  } satisfies Record<QueueBadge, string>,
  dialectBadge: (name: string) => `方言·${name}`,
  deadline: '截止',
  noDeadline: '无截止日',
  /** Short marker beside a deadline in a year without a published holiday schedule (full text in its title). */
  dateUncertain: '日期待定',
  overdue: '已超期',
  /** Time left to the deadline, coarsest two units. */
  left: {
    daysHours: (days: number, hours: number) => `${days}天${hours}小时`,
    hoursMinutes: (hours: number, minutes: number) => `${hours}小时${minutes}分`,
    minutes: (minutes: number) => `${minutes}分钟`,
  },
  attempts: (n: number) => `已拨 ${n} 次`,
  /** A callback booked for later (month-day time). */
  callbackBooked: (when: string) => `预约回呼 ${when}`,
  shortcuts: '↑↓ 选择 · Enter 打开 · / 搜索 · Esc 清除搜索 · F2 我的工作台',
  columns: { policyNo: '保单号', holder: '投保人', product: '产品', kind: '类型', deadline: '剩余时间', badges: '标记' },
} as const;
