import type { Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import { checkArchiveIntegrity, lastIntegrityReport, type ArchiveHoldings, type IntegrityReport, type IntegrityTrigger } from './archive-integrity';

/** Once a day unless configured otherwise (`serve --integrity-hours`). */
export const DEFAULT_INTEGRITY_EVERY_MS = 24 * 3600_000;
/** Longest single wait: Node's timers overflow past 2^31-1 ms, and a long wait is re-checked anyway. */
const MAX_WAIT_MS = 3600_000;

/**
 * The archive's integrity check as a job of one centre process: at most one run at a time (a second
 * request joins the running one), on a schedule and on demand. The schedule is kept against the
 * stored report's start time, so a restarted centre does not re-check at once, and several centre
 * processes on one PostgreSQL mostly see each other's runs (two may still start within one tick).
 */
export class ArchiveIntegrityJob {
  private running: Promise<IntegrityReport | null> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly db: Kysely<CenterDatabase>,
    private readonly archive: ArchiveHoldings,
    private readonly log: (line: string) => void,
  ) {}

  /** Whether a run is in progress in this process. */
  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Runs a check now, or joins the one in progress; null when it was interrupted by `stop`. */
  run(trigger: IntegrityTrigger, actor: string): Promise<IntegrityReport | null> {
    if (this.running) return this.running;
    const run = checkArchiveIntegrity(this.db, this.archive, { trigger, actor, log: this.log, signal: this.abort.signal });
    this.running = run.finally(() => (this.running = null));
    return this.running;
  }

  /** The last finished run's report. */
  last(): Promise<IntegrityReport | null> {
    return lastIntegrityReport(this.db);
  }

  /** Checks every `everyMs`; the first look is after `min(everyMs, 1 min)` so start-up is not slowed. */
  start(everyMs: number): void {
    this.arm(Math.min(everyMs, 60_000), everyMs);
  }

  /** Stops the schedule and interrupts a run in progress (between two sessions); resolves when it has stopped. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private arm(waitMs: number, everyMs: number): void {
    if (this.abort.signal.aborted) return;
    this.timer = setTimeout(() => void this.tick(everyMs), Math.min(Math.max(waitMs, 0), MAX_WAIT_MS));
    this.timer.unref();
  }

  private async tick(everyMs: number): Promise<void> {
    let wait = everyMs;
    try {
      const last = await this.last();
      const due = last ? Date.parse(last.startedAt) + everyMs - Date.now() : 0;
      if (due > 0) wait = due;
      else await this.run('scheduled', 'system');
    } catch (err) {
      this.log(`centre: archive integrity check failed to run: ${(err as Error).message}`);
    }
    this.arm(wait, everyMs);
  }
}
