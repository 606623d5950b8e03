/**
 * May this case be dialled now? The calling window (`calling-hours.ts`) applied to one case at one
 * instant, in the policyholder's local time.
 *
 * - Inside the window on an open day: allowed.
 * - Otherwise refused, with why (before or after the hours, a quiet weekday, a quiet date, a public
 *   holiday) and the first instant the case becomes dialable — unless the policyholder booked this
 *   time as a callback: a call within `CALLBACK_TOLERANCE_MINUTES` of a booked callback is allowed
 *   and marked `byCallback`, so the desk can log it (保监发〔2013〕40号 bars 21:00–09:00 calls except at
 *   the customer's request; README → Configuration).
 *
 * The window is half open: from `start` inclusive to `end` exclusive, so with 09:00–21:00 a call at
 * 08:59 or 21:00 is refused and one at 09:00 or 20:59 is allowed.
 */

import { addDays, weekday, type IsoDate } from './calendar/iso-date';
import type { WorkingCalendar } from './calendar/working-calendar';
import { callingRulesFor, minutesOfClock, type CallingHours, type CallingPlace, type CallingRules } from './calling-hours';
import { instantOfWallTime, wallTimeAt } from './zoned-time';

/**
 * A dial this close to a booked callback (before or after) is the call the policyholder asked for.
 * 30 minutes: an agent working a list reaches a due callback within a few minutes of its time, and a
 * callback booked for "about 21:30" should not be lost to a 21:31 dial; more than half an hour
 * either side is no longer the time the policyholder chose.
 */
export const CALLBACK_TOLERANCE_MINUTES = 30;

/** Why a dial is outside the window. */
export type CallingRefusalCode = 'before_hours' | 'after_hours' | 'quiet_weekday' | 'quiet_date' | 'public_holiday';

/** A refusal, with what the desk needs to say it. */
export interface CallingRefusal {
  readonly code: CallingRefusalCode;
  /** The policyholder's local day and time now (`HH:MM`). */
  readonly localDate: IsoDate;
  readonly localTime: string;
  /** The rules applied (zone, hours, region name). */
  readonly rules: CallingRules;
}

/** The verdict on a dial. */
export type CallingVerdict =
  | {
      readonly allowed: true;
      /** Outside the window, allowed because the policyholder booked this time: the desk logs it. */
      readonly byCallback?: boolean;
      /** The booked callback (ISO instant) that allowed it, with `byCallback`. */
      readonly callbackAt?: string;
      readonly rules: CallingRules;
    }
  | { readonly allowed: false; readonly reason: CallingRefusal; readonly opensAt: Date };

/** Optional inputs of `callingVerdict`. */
export interface CallingVerdictOptions {
  /** The case's booked callbacks (ISO instants); one within the tolerance of `now` allows the dial. */
  readonly bookedCallbacks?: readonly string[];
  /** The working calendar, for `quietOnPublicHolidays` (the desk's own: loaded holiday years included). */
  readonly calendar?: WorkingCalendar;
}

function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Why `date` is a quiet day under `rules`, or null when calls may be placed on it. */
function quietReason(rules: CallingRules, date: IsoDate, calendar: WorkingCalendar | undefined): CallingRefusalCode | null {
  if (rules.quietDates.includes(date)) return 'quiet_date';
  if (rules.quietWeekdays.includes(weekday(date))) return 'quiet_weekday';
  if (rules.quietOnPublicHolidays && calendar) {
    const kind = calendar.dayKind(date);
    if (kind === 'statutory_holiday' || kind === 'holiday') return 'public_holiday';
  }
  return null;
}

/**
 * The first instant at or after `now` when a case under `rules` may be dialled (the start of the
 * window on the next open day, or today's start when it is still ahead). Validated settings always
 * leave an open day within two years: at most six quiet weekdays and 366 quiet dates.
 */
function opensAtFor(rules: CallingRules, now: Date, calendar?: WorkingCalendar): Date {
  const local = wallTimeAt(now, rules.timeZone);
  const start = minutesOfClock(rules.start);
  const end = minutesOfClock(rules.end);
  for (let i = 0; i < 800; i++) {
    const date = addDays(local.date, i);
    if (quietReason(rules, date, calendar) !== null) continue;
    if (i === 0 && local.minutes >= end) continue;
    if (i === 0 && local.minutes >= start) return now;
    return instantOfWallTime(date, start, rules.timeZone);
  }
  throw new RangeError('calling hours leave no open day within two years');
}

/** The booked callback within the tolerance of `now` (the nearest one), if any. */
function bookedNow(bookedCallbacks: readonly string[], now: Date): string | null {
  let best: { at: string; off: number } | null = null;
  for (const at of bookedCallbacks) {
    const off = Math.abs(Date.parse(at) - now.getTime());
    if (off <= CALLBACK_TOLERANCE_MINUTES * 60_000 && (best === null || off < best.off)) best = { at, off };
  }
  return best?.at ?? null;
}

/**
 * The verdict on dialling the case at `place` at `now` (see the module comment). Pure: the same
 * settings, place and instant always give the same answer, on any machine in any zone.
 */
export function callingVerdict(hours: CallingHours, place: CallingPlace, now: Date, options: CallingVerdictOptions = {}): CallingVerdict {
  const rules = callingRulesFor(hours, place);
  const local = wallTimeAt(now, rules.timeZone);
  const quiet = quietReason(rules, local.date, options.calendar);
  const code: CallingRefusalCode | null =
    quiet ?? (local.minutes < minutesOfClock(rules.start) ? 'before_hours' : local.minutes >= minutesOfClock(rules.end) ? 'after_hours' : null);
  if (code === null) return { allowed: true, rules };
  const callbackAt = bookedNow(options.bookedCallbacks ?? [], now);
  if (callbackAt !== null) return { allowed: true, byCallback: true, callbackAt, rules };
  return {
    allowed: false,
    reason: { code, localDate: local.date, localTime: clockOf(local.minutes), rules },
    opensAt: opensAtFor(rules, now, options.calendar),
  };
}
