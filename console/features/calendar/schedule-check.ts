import {
  parseHolidaySchedule,
  type HolidaySchedule,
  type HolidayScheduleError,
  type HolidayScheduleWarning,
} from '../../../shared/domain/calendar/holiday-schedule';

/** A problem of the pasted file, with the line of the text it is on (null when it has no line, e.g. a missing year). */
export interface LocatedIssue {
  readonly line: number | null;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type ScheduleCheck =
  | { readonly ok: true; readonly schedule: HolidaySchedule; readonly warnings: readonly LocatedIssue[] }
  | { readonly ok: false; readonly errors: readonly LocatedIssue[] };

/** 1-based line numbers of each place `needle` starts in `text`. */
function linesOf(text: string, needle: string): number[] {
  const lines: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    lines.push(text.slice(0, at).split('\n').length);
  }
  return lines;
}

/**
 * Where a problem is in the text. The parser reports JSON paths; people read line numbers. A date
 * listed twice is reported at its second listing, the one to delete; anything else at its first.
 */
function lineOf(text: string, issue: HolidayScheduleError | HolidayScheduleWarning): number | null {
  if (issue.date !== undefined) {
    const at = linesOf(text, JSON.stringify(issue.date));
    const repeated = issue.code === 'duplicate_date' || issue.code === 'holiday_and_workday';
    return (repeated ? at[1] : at[0]) ?? at[0] ?? null;
  }
  const key = /^[a-z]+/i.exec(issue.path)?.[0];
  return key ? (linesOf(text, `"${key}"`)[0] ?? null) : null;
}

const located = (text: string) => (issue: HolidayScheduleError | HolidayScheduleWarning) => ({
  line: lineOf(text, issue),
  path: issue.path,
  code: issue.code,
  message: issue.message.zh,
});

/**
 * The same checks the centre runs on a load (shared/domain's parseHolidaySchedule), in the browser:
 * an administrator sees every problem of the file, line by line, before anything is sent or stored.
 */
export function checkSchedule(text: string): ScheduleCheck {
  const parsed = parseHolidaySchedule(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(located(text)) };
  return { ok: true, schedule: parsed.value, warnings: parsed.warnings.map(located(text)) };
}
