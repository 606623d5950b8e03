import { defaultCalendar, localIsoDate, type WorkingCalendar } from '../../../shared/domain';
import { messages } from '../../i18n/messages';

/** A deadline as the queue shows it. */
export interface Countdown {
  readonly text: string;
  /** Within one working day (or past): shown in red. */
  readonly urgent: boolean;
  readonly overdue: boolean;
}

const DAY = 86_400_000;

/** End of the deadline: a date means the end of that day (local time); a time is taken as is. */
export function deadlineEnd(deadline: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
    const [y, m, d] = deadline.split('-').map(Number);
    return new Date(y, m - 1, d + 1).getTime() - 1;
  }
  return Date.parse(deadline);
}

/**
 * Live countdown to a deadline. Urgent ("red within one working day") when the deadline falls on
 * or before the next working day after today: on a Friday a Monday deadline is urgent, because
 * only one working day is left to make the call. `calendar` is the desk's (with the holiday years
 * the centre loaded).
 */
export function countdown(deadline: string | null, now: number, calendar: WorkingCalendar = defaultCalendar): Countdown | null {
  if (deadline === null) return null;
  const end = deadlineEnd(deadline);
  if (Number.isNaN(end)) return null;
  const left = end - now;
  if (left < 0) return { text: messages.queue.overdue, urgent: true, overdue: true };
  const limit = deadlineEnd(calendar.addWorkingDays(localIsoDate(now), 1));
  const urgent = end <= limit;
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  const text =
    days > 0 ? messages.queue.left.daysHours(days, hours) : hours > 0 ? messages.queue.left.hoursMinutes(hours, minutes) : messages.queue.left.minutes(minutes);
  return { text, urgent, overdue: false };
}
