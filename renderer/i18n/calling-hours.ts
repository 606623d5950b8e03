import type { CallingRefusal } from '../../shared/domain/calling-window';
import { commonMessages } from './common';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
const dayNumber = (d: Date) => Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);

/** Where the policyholder's clock differs from Beijing time, the zone (and region) is named. */
function whereOf(r: CallingRefusal): string {
  const parts = [r.rules.region, r.rules.timeZone === 'Asia/Shanghai' ? null : r.rules.timeZone].filter(Boolean);
  return parts.length > 0 ? `（${parts.join('，')}）` : '';
}

/** Why the case may not be dialled now, in the policyholder's local time. */
function reasonOf(r: CallingRefusal): string {
  const where = whereOf(r);
  switch (r.code) {
    case 'before_hours':
    case 'after_hours':
      return `客户当地时间${where} ${r.localTime}，不在可拨打时段 ${r.rules.start}–${r.rules.end} 内`;
    case 'quiet_weekday':
      return `客户当地今天${where}是${WEEKDAYS[new Date(`${r.localDate}T12:00:00Z`).getUTCDay()]}，设为不拨打`;
    case 'quiet_date':
      return `客户当地今天${where}（${r.localDate}）设为不拨打日`;
    case 'public_holiday':
      return `客户当地今天${where}（${r.localDate}）是节假日，设为不拨打`;
  }
}

/**
 * zh-CN text of the calling hours (可拨打时段): the refusal of a dial outside them, the log of a
 * call made at a time the policyholder booked, and the queue's "may be called from" marker. Times
 * the agent acts on are the desk's own clock; the policyholder's local time is said as such.
 */
export const callingHoursMessages = {
  /** When a case becomes dialable, on the agent's clock: 今天 09:00 / 明天 09:00 / 12-07 09:00. */
  opensWhen: (opensAt: Date, now: Date) => {
    const days = dayNumber(opensAt) - dayNumber(now);
    if (days === 0) return `今天 ${clock(opensAt)}`;
    if (days === 1) return `明天 ${clock(opensAt)}`;
    return commonMessages.dateTime(opensAt).slice(5);
  },
  reason: reasonOf,
  /** The dial refused: why, and from when the case may be called; nothing was recorded. */
  refused: (r: CallingRefusal, when: string) => `不在可拨打时段，未拨出：${reasonOf(r)}。最早可拨打：${when}。本次不计为拨打`,
  /** Kept with the attempt: the call was placed outside the hours because the policyholder booked that time. */
  byCallback: (bookedAt: string, r: { start: string; end: string }) =>
    `约定时间外呼：客户预约 ${commonMessages.dateTime(bookedAt)}，在可拨打时段 ${r.start}–${r.end} 之外`,
  /** Queue marker on a case not dialable now. */
  opensBadge: (when: string) => `可拨打 ${when}`,
} as const;
