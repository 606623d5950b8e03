/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings.
 *
 * Dates in the domain are civil dates in China (no time of day, no zone), so they are handled as
 * day numbers (days since 1970-01-01, proleptic Gregorian) with UTC arithmetic only. This keeps the
 * results identical on every machine whatever its local time zone.
 */

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The calendar date of `at` on this machine's clock (its local zone): what a desk calls "today".
 * The one place the domain's zone-free dates meet a wall clock.
 */
export function localIsoDate(at: Date | number): IsoDate {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** True when `value` is a string `YYYY-MM-DD` naming a real calendar day (2023-02-29 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  // Validation of a list checks the same few thousand dates on every row: each is checked once.
  if (realDates.has(value)) return true;
  if (!isRealDate(value)) return false;
  if (realDates.size >= REAL_DATES_MAX) realDates.clear();
  realDates.add(value);
  return true;
}

/** Texts found to be real dates (bounded: all-distinct dates only clear it now and then). */
const realDates = new Set<string>();
const REAL_DATES_MAX = 20_000;

function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Number of days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Gregorian leap-year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day number (days since 1970-01-01) of an ISO date. The input is assumed valid. */
export function toDayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** ISO date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  const dt = new Date(day * MS_PER_DAY);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day of week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** Calendar year of an ISO date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
