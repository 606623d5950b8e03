/**
 * Calling hours (可拨打时段): when a policyholder may be phoned, in the policyholder's local time.
 *
 * Why 09:00–21:00 by default: the 2013 rules for telephone sales of life insurance
 * (《人身保险电话销售业务管理办法》, 保监发〔2013〕40号) bar calls between 21:00 and 09:00 unless the
 * customer asked for that time. A new-policy visit (docs/domain.md §4) is a service call, for which
 * no statutory window exists, so the window is the centre's setting; the sales window is the
 * default because it is the stricter reading (docs/domain.md, preamble: stricter one as default).
 *
 * Regions: a region is chosen for a case by the number about to be dialled (an international
 * prefix such as `+852` rings in Hong Kong whatever branch sold the policy) and otherwise by the
 * longest matching prefix of the selling branch's code (`PolicyCase.branch.code`). The branch code is
 * used rather than the address because it is always present and structured, and a provincial
 * branch sells within its own province; the address is optional free text and the ID number tells
 * where someone was registered at birth, not where they live now. A case matching no region
 * follows the centre-wide settings.
 *
 * Validated with zod wherever settings enter (the admin endpoint, the desk's cache); messages
 * carry English and Chinese, like the rest of the centre's input errors.
 */

import { z } from 'zod';
import { isIsoDate } from './calendar/iso-date';
import { isKnownTimeZone } from './zoned-time';

/** `HH:MM`, 00:00–23:59. */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after midnight of a validated `HH:MM` (or `24:00`, the end of the day). */
export function minutesOfClock(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

const bilingual = (en: string, zh: string) => `${en} · ${zh}`;

const startClock = z.string().regex(CLOCK, { message: bilingual('a time of day in HH:MM form (00:00–23:59)', '时间格式应为 HH:MM（00:00–23:59）') });
/** The end may be `24:00`: calls allowed up to midnight. */
const endClock = z
  .string()
  .refine((v) => CLOCK.test(v) || v === '24:00', { message: bilingual('a time of day in HH:MM form (00:00–24:00)', '时间格式应为 HH:MM（00:00–24:00）') });
const timeZone = z.string().refine(isKnownTimeZone, {
  message: bilingual('an unknown time zone; use an IANA id such as Asia/Shanghai', '未知时区，请使用 IANA 时区名，如 Asia/Shanghai'),
});
const quietWeekdays = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(6, { message: bilingual('weekdays are 0 (Sunday) to 6 (Saturday)', '星期取值 0（周日）至 6（周六）') }),
  )
  .max(6, { message: bilingual('at least one weekday must stay open', '至少保留一天可拨打') })
  .refine((days) => new Set(days).size === days.length, { message: bilingual('a weekday is listed twice', '星期重复') });
const quietDates = z
  .array(z.string().refine(isIsoDate, { message: bilingual('not a real date in YYYY-MM-DD form', '不是有效日期（格式应为 YYYY-MM-DD）') }))
  .max(366);

/** What every case follows unless a region says otherwise. */
const baseShape = {
  /** The policyholder's zone (IANA id); mainland China is one zone, Asia/Shanghai. */
  timeZone,
  /** First minute calls may be placed, local time (inclusive). */
  start: startClock,
  /** First minute calls may no longer be placed, local time (exclusive); `24:00` = up to midnight. */
  end: endClock,
  /** Days of the week without calls: 0 = Sunday … 6 = Saturday (at most six). */
  quietWeekdays,
  /** Local calendar days without calls (YYYY-MM-DD). */
  quietDates,
  /** No calls on public holidays (rest days of the working calendar other than plain weekends). */
  quietOnPublicHolidays: z.boolean(),
};

/**
 * A region with its own hours. Every setting it leaves out is the centre-wide one; a setting it
 * gives replaces it (quiet dates included).
 */
export const callingRegionSchema = z
  .object({
    /** Stable key, e.g. `xinjiang`. */
    id: z.string().trim().min(1).max(40),
    /** What the desk shows, e.g. 新疆. */
    name: z.string().trim().min(1).max(40),
    /** Prefixes of the selling branch's code (`branch.code`) that belong to the region. */
    branchPrefixes: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
    /** Prefixes of the dialled number (`+852`, `00852`) that ring in the region; they win over branches. */
    phonePrefixes: z
      .array(z.string().regex(/^(\+|00)\d{1,6}$/, { message: bilingual('an international prefix such as +852 or 00852', '国际区号前缀，如 +852 或 00852') }))
      .max(50)
      .default([]),
    timeZone: baseShape.timeZone.optional(),
    start: baseShape.start.optional(),
    end: baseShape.end.optional(),
    quietWeekdays: baseShape.quietWeekdays.optional(),
    quietDates: baseShape.quietDates.optional(),
    quietOnPublicHolidays: baseShape.quietOnPublicHolidays.optional(),
  })
  .strict();

/** The effective rules for one case: the centre-wide settings with its region's overrides applied. */
export interface CallingRules {
  readonly timeZone: string;
  readonly start: string;
  readonly end: string;
  readonly quietWeekdays: readonly number[];
  readonly quietDates: readonly string[];
  readonly quietOnPublicHolidays: boolean;
  /** The region's name, or null for the centre-wide settings. */
  readonly region: string | null;
}

/** zod schema of the calling-hours settings (part of the desk settings). */
export const callingHoursSchema = z
  .object({ ...baseShape, regions: z.array(callingRegionSchema).max(100).default([]) })
  .strict()
  .superRefine((hours, ctx) => {
    const ids = new Set<string>();
    const windows: { path: PropertyKey[]; start: string; end: string }[] = [{ path: ['end'], start: hours.start, end: hours.end }];
    hours.regions.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['regions', i, 'id'], message: bilingual(`region id ${r.id} is used twice`, `地区标识 ${r.id} 重复`) });
      ids.add(r.id);
      if (r.branchPrefixes.length === 0 && r.phonePrefixes.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions', i],
          message: bilingual('a region needs branch or phone prefixes', '地区须至少指定一个机构代码前缀或电话区号前缀'),
        });
      }
      windows.push({ path: ['regions', i, 'end'], start: r.start ?? hours.start, end: r.end ?? hours.end });
    });
    for (const w of windows) {
      if (!CLOCK.test(w.start) || !(CLOCK.test(w.end) || w.end === '24:00')) continue;
      if (minutesOfClock(w.end) <= minutesOfClock(w.start)) {
        ctx.addIssue({
          code: 'custom',
          path: w.path,
          message: bilingual(`end ${w.end} is not after start ${w.start}`, `结束时间 ${w.end} 须晚于开始时间 ${w.start}`),
        });
      }
    }
  });
/** Calling-hours settings (see `callingHoursSchema`). */
export type CallingHours = z.infer<typeof callingHoursSchema>;

/** 09:00–21:00 in Beijing time, every day (保监发〔2013〕40号; see the module comment). */
export const DEFAULT_CALLING_HOURS: CallingHours = {
  timeZone: 'Asia/Shanghai',
  start: '09:00',
  end: '21:00',
  quietWeekdays: [],
  quietDates: [],
  quietOnPublicHolidays: false,
  regions: [],
};

/** Where a case is called: the selling branch's code and, at the dial, the number dialled. */
export interface CallingPlace {
  readonly branchCode: string | null;
  readonly number?: string | null;
}

function digitsOf(prefix: string): string {
  return prefix.replace(/^(\+|00)/, '');
}

/** True when `number` (as dialled: spaces, dashes allowed) starts with the international `prefix`. */
function dialsPrefix(number: string, prefix: string): boolean {
  const n = number.replace(/[\s-]/g, '');
  const international = n.startsWith('+') ? n.slice(1) : n.startsWith('00') ? n.slice(2) : null;
  return international !== null && international.startsWith(digitsOf(prefix));
}

/** The rules a case follows: its region's (by dialled number, then longest branch prefix) or the centre-wide ones. */
export function callingRulesFor(hours: CallingHours, place: CallingPlace): CallingRules {
  const number = place.number ?? null;
  let region = number ? hours.regions.find((r) => r.phonePrefixes.some((p) => dialsPrefix(number, p))) : undefined;
  if (!region && place.branchCode) {
    let best = 0;
    for (const r of hours.regions) {
      for (const p of r.branchPrefixes) {
        if (p.length > best && place.branchCode.startsWith(p)) {
          best = p.length;
          region = r;
        }
      }
    }
  }
  return {
    timeZone: region?.timeZone ?? hours.timeZone,
    start: region?.start ?? hours.start,
    end: region?.end ?? hours.end,
    quietWeekdays: region?.quietWeekdays ?? hours.quietWeekdays,
    quietDates: region?.quietDates ?? hours.quietDates,
    quietOnPublicHolidays: region?.quietOnPublicHolidays ?? hours.quietOnPublicHolidays,
    region: region?.name ?? null,
  };
}
