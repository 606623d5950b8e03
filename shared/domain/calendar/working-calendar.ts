/**
 * China's working-day calendar (工作日历) for cooling-off ends and work-order deadlines.
 *
 * A day is a rest day when it is
 *   1. a statutory holiday fixed by the calendar rules (always — see `statutory-holidays.ts`), or
 *   2. listed as a holiday in the override table for its year, or
 *   3. a rest day in the official schedule of `chinese-days`, for the years it covers, or
 *   4. a Saturday or Sunday not listed as an adjusted working day (调休) by 2 or 3.
 *
 * A year is *officially known* when `chinese-days` covers it or the override table has it. For any
 * other year the answer follows only rules 1 and 4: adjusted working weekends and the extra days
 * of each holiday are unknown. Callers must surface that: `hasOfficialData` and
 * `uncertainYearsBetween` say when an answer rests on such a year.
 */

import { fromDayNumber, toDayNumber, weekdayOfDayNumber, type IsoDate } from './iso-date';
import type { CalendarOverrides } from './calendar-overrides';
import { chineseDaysCovers, officialDayListing } from './official-calendar';
import { statutoryHolidays } from './statutory-holidays';

/** Why a day is working or resting, for display. */
export type DayKind = 'workday' | 'weekend' | 'statutory_holiday' | 'holiday' | 'adjusted_workday';

/** A working-day calendar; create with `createWorkingCalendar`. */
export interface WorkingCalendar {
  /** True when `date` is a working day (not a weekend or public holiday, or an adjusted working weekend). */
  isWorkingDay(date: IsoDate): boolean;
  /** What kind of day `date` is. */
  dayKind(date: IsoDate): DayKind;
  /** `date` itself if it is a working day, else the first working day after it (Civil Code 第203条). */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  /** The date `n` working days after `date` (`date` itself not counted; n ≥ 0). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** True when the official schedule for `year` is known (package data or override table). */
  hasOfficialData(year: number): boolean;
  /** Years between `from` and `to` inclusive (by calendar year) without official data, ascending. */
  uncertainYearsBetween(from: IsoDate, to: IsoDate): number[];
}

const KIND_CODES: readonly DayKind[] = ['workday', 'weekend', 'statutory_holiday', 'holiday', 'adjusted_workday'];

/** Builds a calendar over `chinese-days` plus an override table (validate it with `parseCalendarOverrides`). */
export function createWorkingCalendar(overrides: CalendarOverrides = {}): WorkingCalendar {
  /** Per year: day-of-year index → index into KIND_CODES. Built lazily, once. */
  const years = new Map<number, Uint8Array>();
  const yearStart = (y: number): number => Math.round(Date.UTC(y, 0, 1) / 86_400_000);

  const official = (year: number): boolean => Object.hasOwn(overrides, String(year)) || chineseDaysCovers(year);

  function buildYear(year: number): Uint8Array {
    const start = yearStart(year);
    const len = yearStart(year + 1) - start;
    const kinds = new Uint8Array(len);
    const statutory = new Set(statutoryHolidays(year));
    const entry = overrides[String(year)];
    const extraHolidays = new Set(entry?.holidays ?? []);
    const extraWorkdays = new Set(entry?.workdays ?? []);
    const packaged = chineseDaysCovers(year);
    for (let i = 0; i < len; i++) {
      const day = start + i;
      const date = fromDayNumber(day);
      const dow = weekdayOfDayNumber(day);
      const weekend = dow === 0 || dow === 6;
      let kind: DayKind;
      if (statutory.has(date)) kind = 'statutory_holiday';
      else if (extraHolidays.has(date)) kind = 'holiday';
      else if (extraWorkdays.has(date)) kind = weekend ? 'adjusted_workday' : 'workday';
      else if (packaged) {
        const listed = officialDayListing(date);
        if (listed === 'workday') kind = weekend ? 'adjusted_workday' : 'workday';
        else if (listed === 'holiday') kind = 'holiday';
        else kind = weekend ? 'weekend' : 'workday';
      } else kind = weekend ? 'weekend' : 'workday';
      kinds[i] = KIND_CODES.indexOf(kind);
    }
    return kinds;
  }

  function kindOfDay(day: number): DayKind {
    const year = new Date(day * 86_400_000).getUTCFullYear();
    let kinds = years.get(year);
    if (!kinds) {
      kinds = buildYear(year);
      years.set(year, kinds);
    }
    return KIND_CODES[kinds[day - yearStart(year)]];
  }

  const workingDay = (day: number): boolean => {
    const k = kindOfDay(day);
    return k === 'workday' || k === 'adjusted_workday';
  };

  return {
    isWorkingDay: (date) => workingDay(toDayNumber(date)),
    dayKind: (date) => kindOfDay(toDayNumber(date)),
    nextWorkingDayOnOrAfter(date) {
      let day = toDayNumber(date);
      while (!workingDay(day)) day++;
      return fromDayNumber(day);
    },
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
      let day = toDayNumber(date);
      let left = n;
      while (left > 0) {
        day++;
        if (workingDay(day)) left--;
      }
      return fromDayNumber(day);
    },
    hasOfficialData: official,
    uncertainYearsBetween(from, to) {
      const out: number[] = [];
      const a = Number(from.slice(0, 4));
      const b = Number(to.slice(0, 4));
      for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!official(y)) out.push(y);
      return out;
    },
  };
}
