/**
 * The process-wide default calendar (bundled `chinese-days`, no overrides) and free-function
 * shorthands over it. Code that honours a centre's override table passes its own
 * `WorkingCalendar` instead.
 */

import type { IsoDate } from './iso-date';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar';

/** Calendar over the bundled official data only. */
export const defaultCalendar: WorkingCalendar = createWorkingCalendar();

/** True when `date` is a working day in China (see `WorkingCalendar.isWorkingDay`). */
export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar = defaultCalendar): boolean {
  return calendar.isWorkingDay(date);
}

/** The date `n` working days after `date`, `date` itself not counted. */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingCalendar = defaultCalendar): IsoDate {
  return calendar.addWorkingDays(date, n);
}

/** `date` if it is a working day, else the next working day (Civil Code 第203条). */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar = defaultCalendar): IsoDate {
  return calendar.nextWorkingDayOnOrAfter(date);
}

/** True when China's official holiday schedule for `year` is known to the calendar. */
export function hasOfficialData(year: number, calendar: WorkingCalendar = defaultCalendar): boolean {
  return calendar.hasOfficialData(year);
}
