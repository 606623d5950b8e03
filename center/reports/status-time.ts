/**
 * Time per desk status from the status log (center/live/status-log.ts, migration 0029). Each row
 * is a status an agent's desk entered at `since`; it lasts until the next row, but never more than
 * a minute past the last time the desk was heard in it (`until`, refreshed once a minute): a desk
 * that vanished without signing out is not counted on. `signed_out` counts toward nothing.
 */
export interface StatusSeconds {
  readonly readySec: number;
  readonly pausedSec: number;
  readonly inCallSec: number;
  readonly wrapUpSec: number;
}

export interface StatusRow {
  readonly since: string;
  readonly status: string;
  readonly until: string | null;
}

const HEARD_GRACE_MS = 60_000;
const FIELD: Readonly<Record<string, keyof StatusSeconds>> = { ready: 'readySec', paused: 'pausedSec', in_call: 'inCallSec', wrap_up: 'wrapUpSec' };

/** Seconds per status of one agent's rows (in `since` order) inside [startMs, endMs). */
export function statusSeconds(rows: readonly StatusRow[], startMs: number, endMs: number): StatusSeconds {
  const ms: Record<keyof StatusSeconds, number> = { readySec: 0, pausedSec: 0, inCallSec: 0, wrapUpSec: 0 };
  rows.forEach((row, i) => {
    const field = FIELD[row.status];
    if (!field) return;
    const begin = Date.parse(row.since);
    const heard = Date.parse(row.until ?? row.since) + HEARD_GRACE_MS;
    const next = rows[i + 1] ? Date.parse(rows[i + 1]!.since) : Infinity;
    const span = Math.min(endMs, next, heard) - Math.max(startMs, begin);
    if (span > 0) ms[field] += span;
  });
  return {
    readySec: Math.round(ms.readySec / 1000),
    pausedSec: Math.round(ms.pausedSec / 1000),
    inCallSec: Math.round(ms.inCallSec / 1000),
    wrapUpSec: Math.round(ms.wrapUpSec / 1000),
  };
}
