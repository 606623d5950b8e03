/** A running schedule; `stop` waits for a run in progress, so shutdown never cuts a purge in half. */
export interface PurgeSchedule {
  stop(): Promise<void>;
}

/** Once a day by default (README "Evidence archive" → Retention). */
export const DEFAULT_PURGE_INTERVAL_MS = 24 * 3_600_000;

/**
 * Runs `purge` every `intervalMs`, the first time `firstDelayMs` after start (a restart loop then
 * does not purge on every start). Runs never overlap; a failed run is reported and the next one
 * still comes. The timers are unref'd: the schedule alone keeps no process alive.
 */
export function startPurgeSchedule(
  purge: () => Promise<unknown>,
  opts: { readonly intervalMs: number; readonly firstDelayMs: number; readonly onError: (err: unknown) => void },
): PurgeSchedule {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = purge()
        .then(() => undefined, opts.onError)
        .finally(() => {
          running = null;
          next(opts.intervalMs);
        });
    }, ms);
    timer.unref();
  };
  next(opts.firstDelayMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
