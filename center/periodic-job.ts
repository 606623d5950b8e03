/** A running periodic job; `stop` waits for a run in progress, so shutdown never cuts a run in half. */
export interface PeriodicJob {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` (counted from the end of the previous run), the first time
 * `firstDelayMs` after start — a restart loop then does not run it on every start. Runs never
 * overlap; a failed run is reported and the next one still comes. The timers are unref'd: the job
 * alone keeps no process alive. The centre's retention purge and result-check sweep use it.
 */
export function startPeriodicJob(
  run: () => Promise<unknown>,
  opts: { readonly intervalMs: number; readonly firstDelayMs: number; readonly onError: (err: unknown) => void },
): PeriodicJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run()
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
