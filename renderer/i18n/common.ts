import { localIsoDate } from '../../shared/domain/calendar/iso-date';

/**
 * zh-CN punctuation shared by every area: how a label meets its value, a key hint, an aside in
 * parentheses, a list. Full-width marks are text too, so they live here and not in components.
 */
export const commonMessages = {
  /** 标签：值 */
  labelled: (label: string, value: string) => `${label}：${value}`,
  /** 标签： (the value follows in its own element) */
  labelPrefix: (label: string) => `${label}：`,
  /** 按钮（D）: a button with its keyboard shortcut. */
  withKey: (label: string, key: string) => `${label}（${key}）`,
  /** 正文（附注） */
  withAside: (text: string, aside: string) => `${text}（${aside}）`,
  /** （附注） */
  aside: (text: string) => `（${text}）`,
  /** 甲、乙、丙 */
  list: (items: readonly string[]) => items.join('、'),
  /** 甲；乙 */
  clauses: (items: readonly string[]) => items.join('；'),
  /** 姓名（工号）, 产品（代码） */
  nameWithCode: (name: string, code: string) => `${name}（${code}）`,
  /** The desk's one date-time format: 2026-12-02 18:50 (24-hour, local time). */
  dateTime: (at: Date | string | number) => localParts(at, (d) => `${localIsoDate(d)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`),
  /** A local calendar day: 2026-12-02 (also the value of a date input). */
  day: (at: Date | string | number) => localParts(at, localIsoDate),
  /** A time of day to the second: 18:50:07. */
  clock: (at: Date | string | number) => localParts(at, (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`),
  /** Shown where a value is unknown. */
  none: '—',
  /** After a date that rests on a year whose holiday schedule the centre has not loaded yet. */
  dateUncertain: '（节假日安排未公布，日期待定）',
} as const;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Formats a local time; an invalid one reads as unknown. */
function localParts(at: Date | string | number, format: (d: Date) => string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '—' : format(d);
}
