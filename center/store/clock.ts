/**
 * The centre's clock: one place for "now" so tests can move time (retention purge twenty years on)
 * without faking timers. Production never calls `setCenterClock`.
 */
// Null means the system clock, read through `Date.now()` at each call (not a captured reference) so
// that tests faking `Date` move the centre as well.
let source: (() => number) | null = null;

/** Replaces the clock (epoch ms); without an argument the system clock is back. */
export function setCenterClock(clock: (() => number) | null = null): void {
  source = clock;
}

function now(): number {
  return source ? source() : Date.now();
}

/** Current time as ISO text. */
export function nowIso(): string {
  return new Date(now()).toISOString();
}

/** The centre's local calendar date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date(now());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
