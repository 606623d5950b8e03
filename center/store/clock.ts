/**
 * The centre's clock: one place for "now" so tests can move time (retention purge twenty years on)
 * without faking timers. Production never calls `setCenterClock`.
 */
let source: () => number = Date.now;

/** Replaces the clock (epoch ms); without an argument the system clock is back. */
export function setCenterClock(clock: () => number = Date.now): void {
  source = clock;
}

/** Current time as ISO text. */
export function nowIso(): string {
  return new Date(source()).toISOString();
}

/** The centre's local calendar date as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date(source());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
