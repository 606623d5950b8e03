/**
 * Adapter over the data of the `chinese-days` package: China's official holiday and
 * adjusted-working-day schedule as published by the State Council each year. The package carries
 * data only for the years it was built with (1.5.7: 2004–2026) and its functions silently treat
 * weekdays of later years as working days, so this adapter reports which years are covered.
 *
 * The package's JSON is read directly rather than through its functions: those parse
 * `YYYY-MM-DD` as UTC midnight and read it back in local time, which shifts every date by one day
 * in time zones west of Greenwich (its own holiday tables included). The JSON keys are plain
 * strings and zone-free.
 */

import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const holidays: Readonly<Record<string, string>> = officialData.holidays;
const workdays: Readonly<Record<string, string>> = officialData.workdays;

const coveredYears: ReadonlySet<number> = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

/** True when the installed `chinese-days` holds the official schedule for `year`. */
export function chineseDaysCovers(year: number): boolean {
  return coveredYears.has(year);
}

/**
 * What the official data say about `date`: `'holiday'` (rest day of a holiday block, weekends in it
 * included), `'workday'` (adjusted working day, 调休上班) or `null` (not listed: an ordinary weekday
 * or weekend). Meaningful only for covered years.
 */
export function officialDayListing(date: string): 'holiday' | 'workday' | null {
  if (Object.hasOwn(workdays, date)) return 'workday';
  if (Object.hasOwn(holidays, date)) return 'holiday';
  return null;
}
