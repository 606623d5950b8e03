/**
 * One year's official holiday schedule (国务院办公厅关于 YYYY 年部分节假日安排的通知) as a data file,
 * so a centre can load a year the bundled `chinese-days` does not hold yet. Format (JSON):
 *
 * ```json
 * {
 *   "year": 2027,
 *   "source": "国办发明电〔2026〕N号",
 *   "holidays": [{ "name": "春节", "days": ["2027-02-05", "2027-02-06", "…"] }],
 *   "workdays": ["2027-02-14"]
 * }
 * ```
 *
 * - `year`: the four-digit year the notice is for; every date must lie in it.
 * - `holidays`: one entry per holiday block of the notice, `days` = every rest day of the block
 *   (weekends inside it included, as the notice lists them: "2月5日至11日放假调休，共7天").
 * - `workdays`: the adjusted working days (调休上班), usually weekend days.
 * - `source` (optional): where the data came from, kept for the audit trail.
 *
 * Parsing is pure (no I/O) and never throws: problems come back as coded errors a person can read.
 */

import type { Message } from '../message';
import { isIsoDate, weekday, yearOf, type IsoDate } from './iso-date';
import type { CalendarYearOverride } from './calendar-overrides';
import { statutoryHolidays } from './statutory-holidays';

/** A validated schedule. Dates are sorted; no date appears twice. */
export interface HolidaySchedule {
  readonly year: number;
  readonly source?: string;
  readonly holidays: readonly { readonly name: string; readonly days: readonly IsoDate[] }[];
  readonly workdays: readonly IsoDate[];
}

/** Why a schedule file was refused. */
export type HolidayScheduleErrorCode =
  | 'empty'
  | 'not_json'
  | 'not_an_object'
  | 'missing_year'
  | 'wrong_year'
  | 'bad_field'
  | 'malformed_date'
  | 'date_outside_year'
  | 'duplicate_date'
  | 'holiday_and_workday'
  | 'workday_on_statutory_holiday';

/** Things worth a second look that do not stop the load. */
export type HolidayScheduleWarningCode = 'statutory_holiday_not_listed' | 'workday_not_weekend';

/** One problem: its code, where (JSON path), the date concerned, and a readable message. */
export interface HolidayScheduleIssue<C extends string> {
  readonly code: C;
  readonly path: string;
  readonly date?: string;
  readonly message: Message;
}

export type HolidayScheduleError = HolidayScheduleIssue<HolidayScheduleErrorCode>;
export type HolidayScheduleWarning = HolidayScheduleIssue<HolidayScheduleWarningCode>;

/** Result of `parseHolidaySchedule`. */
export type HolidayScheduleResult =
  | { readonly ok: true; readonly value: HolidaySchedule; readonly warnings: readonly HolidayScheduleWarning[] }
  | { readonly ok: false; readonly errors: readonly HolidayScheduleError[] };

/** Years a schedule may be for (the statutory-holiday rules are known for the 21st century). */
export const HOLIDAY_SCHEDULE_YEARS = { from: 2000, to: 2099 } as const;

const KNOWN_FIELDS = new Set(['year', 'source', 'holidays', 'workdays']);

function issue<C extends string>(code: C, path: string, en: string, zh: string, date?: string): HolidayScheduleIssue<C> {
  return date === undefined ? { code, path, message: { en, zh } } : { code, path, date, message: { en, zh } };
}

/**
 * Parses a schedule file's text (or an already-parsed JSON value). `expectedYear`, when given,
 * must equal the file's `year` (a loader that asked for 2027 must not store 2028).
 */
export function parseHolidaySchedule(input: string | unknown, expectedYear?: number): HolidayScheduleResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return { ok: false, errors: [issue('empty', '', 'the file is empty', '文件为空')] };
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { ok: false, errors: [issue('not_json', '', `not valid JSON: ${(e as Error).message}`, '不是有效的 JSON')] };
    }
  }
  if (value === null || value === undefined) return { ok: false, errors: [issue('empty', '', 'the file is empty', '文件为空')] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      errors: [issue('not_an_object', '', 'expected an object {"year", "holidays", "workdays"}', '应为包含 year、holidays、workdays 的对象')],
    };
  }
  const obj = value as Record<string, unknown>;
  const errors: HolidayScheduleError[] = [];
  for (const key of Object.keys(obj)) {
    if (!KNOWN_FIELDS.has(key)) errors.push(issue('bad_field', key, `unknown field "${key}"`, `未知字段“${key}”`));
  }

  const year = obj.year;
  if (year === undefined) {
    errors.push(issue('missing_year', 'year', 'the year is missing', '缺少年份 year'));
    return { ok: false, errors };
  }
  if (typeof year !== 'number' || !Number.isInteger(year) || year < HOLIDAY_SCHEDULE_YEARS.from || year > HOLIDAY_SCHEDULE_YEARS.to) {
    errors.push(
      issue(
        'wrong_year',
        'year',
        `year must be a whole number ${HOLIDAY_SCHEDULE_YEARS.from}–${HOLIDAY_SCHEDULE_YEARS.to}, got ${JSON.stringify(year)}`,
        `年份无效：${JSON.stringify(year)}`,
      ),
    );
    return { ok: false, errors };
  }
  if (expectedYear !== undefined && year !== expectedYear) {
    errors.push(issue('wrong_year', 'year', `the file is for ${year}, not ${expectedYear}`, `文件年份为 ${year}，不是 ${expectedYear}`));
    return { ok: false, errors };
  }
  if (obj.source !== undefined && (typeof obj.source !== 'string' || obj.source.length > 200)) {
    errors.push(issue('bad_field', 'source', 'source must be a text of at most 200 characters', 'source 应为不超过 200 字的文本'));
  }

  const seen = new Map<string, string>(); // date → path where first listed
  const checkDate = (d: unknown, path: string): IsoDate | null => {
    if (!isIsoDate(d)) {
      errors.push(
        issue(
          'malformed_date',
          path,
          `${JSON.stringify(d)} is not a real date in YYYY-MM-DD form`,
          `${JSON.stringify(d)} 不是 YYYY-MM-DD 格式的有效日期`,
          typeof d === 'string' ? d : undefined,
        ),
      );
      return null;
    }
    if (yearOf(d) !== year) {
      errors.push(issue('date_outside_year', path, `${d} is not in ${year}`, `${d} 不在 ${year} 年内`, d));
      return null;
    }
    return d;
  };

  const holidays: { name: string; days: IsoDate[] }[] = [];
  if (!Array.isArray(obj.holidays)) {
    errors.push(issue('bad_field', 'holidays', 'holidays must be a list of {"name", "days"}', 'holidays 应为 {"name","days"} 列表'));
  } else {
    obj.holidays.forEach((h: unknown, i) => {
      const path = `holidays[${i}]`;
      const entry = h as { name?: unknown; days?: unknown } | null;
      if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string' || entry.name.trim() === '' || !Array.isArray(entry.days)) {
        errors.push(issue('bad_field', path, 'each holiday needs a "name" and a list of "days"', '每个假日需有 name 和 days 列表'));
        return;
      }
      const days: IsoDate[] = [];
      entry.days.forEach((d: unknown, j) => {
        const at = `${path}.days[${j}]`;
        const date = checkDate(d, at);
        if (date === null) return;
        const first = seen.get(date);
        if (first !== undefined) errors.push(issue('duplicate_date', at, `${date} is listed twice (first at ${first})`, `${date} 重复列出`, date));
        else seen.set(date, at);
        days.push(date);
      });
      holidays.push({ name: entry.name.trim(), days: [...new Set(days)].sort() });
    });
  }

  const workdays: IsoDate[] = [];
  const statutory = new Set(statutoryHolidays(year));
  const warnings: HolidayScheduleWarning[] = [];
  if (!Array.isArray(obj.workdays)) {
    errors.push(issue('bad_field', 'workdays', 'workdays must be a list of dates (use [] when there are none)', 'workdays 应为日期列表（没有时写 []）'));
  } else {
    obj.workdays.forEach((d: unknown, j) => {
      const at = `workdays[${j}]`;
      const date = checkDate(d, at);
      if (date === null) return;
      const first = seen.get(date);
      if (first !== undefined && first.startsWith('holidays')) {
        errors.push(
          issue('holiday_and_workday', at, `${date} is listed both as a rest day (${first}) and as a working day`, `${date} 同时列为放假日和上班日`, date),
        );
      } else if (first !== undefined) {
        errors.push(issue('duplicate_date', at, `${date} is listed twice (first at ${first})`, `${date} 重复列出`, date));
      } else seen.set(date, at);
      if (statutory.has(date)) {
        errors.push(
          issue(
            'workday_on_statutory_holiday',
            at,
            `${date} is a statutory holiday and can never be a working day`,
            `${date} 是法定节假日，不能调为上班日`,
            date,
          ),
        );
      }
      const dow = weekday(date);
      if (dow !== 0 && dow !== 6) warnings.push(issue('workday_not_weekend', at, `${date} is a weekday already`, `${date} 本就是工作日`, date));
      workdays.push(date);
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  for (const d of statutory) {
    if (!seen.has(d))
      warnings.push(
        issue(
          'statutory_holiday_not_listed',
          'holidays',
          `statutory holiday ${d} is not listed (it stays a rest day)`,
          `法定节假日 ${d} 未列出（仍按放假处理）`,
          d,
        ),
      );
  }
  const source = typeof obj.source === 'string' && obj.source.trim() !== '' ? obj.source.trim() : undefined;
  const schedule: HolidaySchedule = { year, ...(source ? { source } : {}), holidays, workdays: [...new Set(workdays)].sort() };
  return { ok: true, value: schedule, warnings };
}

/** The schedule as one year of the calendar's override table. */
export function scheduleToOverride(schedule: HolidaySchedule): CalendarYearOverride {
  const holidays = schedule.holidays.flatMap((h) => h.days).sort();
  return { holidays, workdays: [...schedule.workdays], ...(schedule.source ? { source: schedule.source } : {}) };
}
