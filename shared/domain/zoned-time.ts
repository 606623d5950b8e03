/**
 * Wall-clock time in a named time zone (IANA id such as `Asia/Shanghai`, `Asia/Hong_Kong`,
 * `Europe/London`), through the platform's `Intl` only — the same code runs in Node, in Electron and
 * in the browser, whatever the machine's own zone. Zones with daylight saving are handled: a wall
 * time is converted with the offset in force at that instant.
 */

import { isIsoDate, type IsoDate } from './calendar/iso-date';

/** A moment as the clock on the wall of a zone shows it. */
export interface WallTime {
  /** The local calendar day. */
  readonly date: IsoDate;
  /** Minutes since local midnight, 0–1439. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows `timeZone` as a zone id (an unknown id would throw in `Intl`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsAt(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, mo: p.month, d: p.day, h: p.hour % 24, mi: p.minute, s: p.second };
}

/** The wall time in `timeZone` at `instant` (throws on an unknown zone: validate settings first). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const { y, mo, d, h, mi } = partsAt(instant.getTime(), timeZone);
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { date, minutes: h * 60 + mi };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const { y, mo, d, h, mi, s } = partsAt(instant, timeZone);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` at `minutes` past midnight. A wall
 * time skipped by a daylight-saving jump resolves to the instant the clock jumps past it.
 */
export function instantOfWallTime(date: IsoDate, minutes: number, timeZone: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const guess = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 0, minutes);
  const before = offsetAt(guess, timeZone);
  const first = guess - before;
  const after = offsetAt(first, timeZone);
  return new Date(after === before ? first : guess - after);
}
