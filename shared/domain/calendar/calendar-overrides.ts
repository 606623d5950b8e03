/**
 * Override table for the working-day calendar: lets a centre load a year's official schedule
 * (国务院办公厅关于…部分节假日安排的通知) as data, without a release, when the bundled
 * `chinese-days` package does not have it yet, or correct a day.
 */

import { z } from 'zod';
import { isIsoDate, yearOf, type IsoDate } from './iso-date';
import { statutoryHolidays } from './statutory-holidays';

/** One year's official schedule: extra rest days and adjusted working days (调休上班日). */
export interface CalendarYearOverride {
  /** Rest days (holidays, including weekdays taken off in lieu). */
  readonly holidays: readonly IsoDate[];
  /** Weekend days that are working days (调休上班). */
  readonly workdays: readonly IsoDate[];
  /** Where the data came from, e.g. the notice's number (国办发明电〔2026〕N号). */
  readonly source?: string;
}

/** Override table keyed by four-digit year (`"2027"`). A year present here counts as officially known. */
export type CalendarOverrides = Readonly<Record<string, CalendarYearOverride>>;

const isoDate = z.string().refine(isIsoDate, { message: 'not a real date in YYYY-MM-DD form' });

/** zod schema of the override table as loaded from JSON. Rejects dates outside their year's key and statutory holidays listed as working days. */
export const calendarOverridesSchema = z
  .record(z.string().regex(/^\d{4}$/), z.object({ holidays: z.array(isoDate), workdays: z.array(isoDate), source: z.string().optional() }))
  .superRefine((table, ctx) => {
    for (const [yearKey, entry] of Object.entries(table)) {
      const year = Number(yearKey);
      const statutory = new Set(statutoryHolidays(year));
      const holidaySet = new Set(entry.holidays);
      entry.holidays.forEach((d, i) => {
        if (yearOf(d) !== year) ctx.addIssue({ code: 'custom', path: [yearKey, 'holidays', i], message: `${d} is not in ${yearKey}` });
      });
      entry.workdays.forEach((d, i) => {
        if (yearOf(d) !== year) ctx.addIssue({ code: 'custom', path: [yearKey, 'workdays', i], message: `${d} is not in ${yearKey}` });
        if (statutory.has(d)) {
          ctx.addIssue({ code: 'custom', path: [yearKey, 'workdays', i], message: `${d} is a statutory holiday and can never be a working day` });
        }
        if (holidaySet.has(d)) ctx.addIssue({ code: 'custom', path: [yearKey, 'workdays', i], message: `${d} is listed both as holiday and as working day` });
      });
    }
  });

/** Validates an override table loaded from data; returns readable problems instead of throwing. */
export function parseCalendarOverrides(input: unknown): { ok: true; value: CalendarOverrides } | { ok: false; problems: string[] } {
  const r = calendarOverridesSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
