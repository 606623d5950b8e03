import type { Store } from '../store/open-store';
import { nowIso } from '../store/clock';
import { sweepMissingSessions } from './result-checks';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job';

/**
 * How long a pushed result may wait for its archived session before it is flagged (README "Result
 * checks"). 72 h: a desk archives a closed session as soon as it is online, and the longest normal
 * gap is a weekend — a desk switched off on Friday evening uploads on Monday morning (≈ 64 h). A
 * shorter deadline would flag every such desk; a longer one would leave a result nobody can check
 * unflagged past the team's next weekly review.
 */
export const DEFAULT_SESSION_DEADLINE_HOURS = 72;

/** How often the centre looks for results past the deadline: a flag is at most this late. */
const DEFAULT_SWEEP_EVERY_MS = 10 * 60_000;

/** The deadline and sweep interval a running centre uses. */
export interface ResultCheckOptions {
  readonly deadlineHours?: number;
  readonly sweepEveryMs?: number;
}

/** Starts the sweep with the centre (`startCenter`); the first runs one interval after start. */
export function startResultCheckJob(store: Store, opts: ResultCheckOptions = {}, log: (line: string) => void = () => {}): PeriodicJob {
  const deadlineMs = (opts.deadlineHours ?? DEFAULT_SESSION_DEADLINE_HOURS) * 3_600_000;
  const everyMs = opts.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS;
  return startPeriodicJob(
    async () => {
      const n = await sweepMissingSessions(store.db, Date.parse(nowIso()), deadlineMs);
      if (n > 0) log(`result checks: ${n} result(s) flagged, no archived session within ${deadlineMs / 3_600_000} h`);
    },
    // A failed sweep (database briefly away) is retried at the next interval; nothing is lost.
    { intervalMs: everyMs, firstDelayMs: everyMs, onError: (err) => log(`result checks: sweep failed: ${(err as Error).message}`) },
  );
}
