/**
 * Statutory public holidays fixed by the calendar rules of 《全国年节及纪念日放假办法》, which are
 * never working days whatever the year's adjustment schedule (调休) says:
 *
 * | years      | 元旦 | 春节                 | 清明 | 劳动节    | 端午 | 中秋 | 国庆       |
 * |------------|------|----------------------|------|-----------|------|------|------------|
 * | 2000–2007  | 1/1  | 初一–初三            | —    | 5/1–5/3   | —    | —    | 10/1–10/3  |
 * | 2008–2013  | 1/1  | 除夕, 初一, 初二     | yes  | 5/1       | yes  | yes  | 10/1–10/3  |
 * | 2014–2024  | 1/1  | 初一–初三            | yes  | 5/1       | yes  | yes  | 10/1–10/3  |
 * | 2025–      | 1/1  | 除夕, 初一–初三      | yes  | 5/1–5/2   | yes  | yes  | 10/1–10/3  |
 *
 * Lunar dates (正月初一, 五月初五, 八月十五) come from a table that covers **2004–2035 only**;
 * Qingming (清明, a solar term) from the standard 21st-century formula, checked against the table
 * years. Outside 2004–2035 the lunar festivals are unknown here and only the solar-date holidays
 * are returned — such years have no official data either, so anything computed over them is
 * flagged as calendar-uncertain.
 */

import type { IsoDate } from './iso-date';
import { addDays } from './iso-date';

/** First and last Gregorian year for which the lunar-festival table below is filled in. */
export const LUNAR_TABLE_RANGE = { from: 2004, to: 2035 } as const;

/** 正月初一, 五月初五 (端午), 八月十五 (中秋) as MM-DD, per year from 2004. */
const LUNAR: readonly (readonly [string, string, string])[] = [
  ['01-22', '06-22', '09-28'], // 2004
  ['02-09', '06-11', '09-18'],
  ['01-29', '05-31', '10-06'],
  ['02-18', '06-19', '09-25'],
  ['02-07', '06-08', '09-14'],
  ['01-26', '05-28', '10-03'], // 2009
  ['02-14', '06-16', '09-22'],
  ['02-03', '06-06', '09-12'],
  ['01-23', '06-23', '09-30'],
  ['02-10', '06-12', '09-19'],
  ['01-31', '06-02', '09-08'], // 2014
  ['02-19', '06-20', '09-27'],
  ['02-08', '06-09', '09-15'],
  ['01-28', '05-30', '10-04'],
  ['02-16', '06-18', '09-24'],
  ['02-05', '06-07', '09-13'], // 2019
  ['01-25', '06-25', '10-01'],
  ['02-12', '06-14', '09-21'],
  ['02-01', '06-03', '09-10'],
  ['01-22', '06-22', '09-29'],
  ['02-10', '06-10', '09-17'], // 2024
  ['01-29', '05-31', '10-06'],
  ['02-17', '06-19', '09-25'],
  ['02-06', '06-09', '09-15'],
  ['01-26', '05-28', '10-03'],
  ['02-13', '06-16', '09-22'], // 2029
  ['02-03', '06-05', '09-12'],
  ['01-23', '06-24', '10-01'],
  ['02-11', '06-12', '09-19'],
  ['01-31', '06-01', '09-08'],
  ['02-19', '06-20', '09-27'], // 2034
  ['02-08', '06-10', '09-16'],
];

/** The lunar festival dates of `year`, or `null` outside the table's range. */
export function lunarFestivals(year: number): { springFestival: IsoDate; dragonBoat: IsoDate; midAutumn: IsoDate } | null {
  const row = LUNAR[year - LUNAR_TABLE_RANGE.from];
  if (!row) return null;
  return { springFestival: `${year}-${row[0]}`, dragonBoat: `${year}-${row[1]}`, midAutumn: `${year}-${row[2]}` };
}

/**
 * Qingming (清明) for a year 2001–2099: ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋ April, Y = year mod 100
 * (寿星公式, C = 4.81 for the 21st century; no exception year falls in 2001–2099).
 */
export function qingming(year: number): IsoDate {
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-0${day}`;
}

/** The statutory public holidays of `year` that the calendar rules fix (see the table above), sorted. */
export function statutoryHolidays(year: number): IsoDate[] {
  const out: IsoDate[] = [`${year}-01-01`, `${year}-10-01`, `${year}-10-02`, `${year}-10-03`, `${year}-05-01`];
  if (year < 2008) out.push(`${year}-05-02`, `${year}-05-03`);
  if (year >= 2025) out.push(`${year}-05-02`);
  if (year >= 2008 && year <= 2099) out.push(qingming(year));
  const lunar = lunarFestivals(year);
  if (lunar) {
    const sf = lunar.springFestival;
    if (year < 2008 || (year >= 2014 && year <= 2024)) out.push(sf, addDays(sf, 1), addDays(sf, 2));
    else if (year <= 2013) out.push(addDays(sf, -1), sf, addDays(sf, 1));
    else out.push(addDays(sf, -1), sf, addDays(sf, 1), addDays(sf, 2));
    if (year >= 2008) out.push(lunar.dragonBoat, lunar.midAutumn);
  }
  // 除夕 can fall in the previous Gregorian year only if 初一 were 1 January, which never happens.
  return [...new Set(out)].sort();
}
