import { LIVE_MIN_GAP_MS, LIVE_STALE_SECONDS, type LiveState } from '../../shared/sync';

/** What the registry keeps per agent. */
export interface LiveEntry {
  readonly team: string;
  readonly state: LiveState;
  /** Centre clock (ms) when it arrived. */
  readonly receivedAt: number;
}

/** Outcome of a publication. */
export type PublishOutcome = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/**
 * The live board's memory: each agent's last published state, in this centre process only (not
 * the database — it is gone after a restart, and several centre processes on one PostgreSQL do
 * not share it: a lead only sees agents publishing to the same process). Tells the leads of the
 * agent's team when a state arrives or is cleared (sign-out). Rate-limits each caller.
 */
export class LiveRegistry {
  private readonly entries = new Map<string, LiveEntry>();
  private readonly lastAccepted = new Map<string, number>();
  private readonly teamListeners = new Map<string, Set<(staffNo: string) => void>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly minGapMs = LIVE_MIN_GAP_MS,
    private readonly staleMs = LIVE_STALE_SECONDS * 1000,
  ) {}

  /** Stores the caller's own state unless their previous one came less than `minGapMs` ago. */
  publish(staffNo: string, team: string, state: LiveState): PublishOutcome {
    const at = this.now();
    const last = this.lastAccepted.get(staffNo);
    if (last !== undefined && at - last < this.minGapMs) return { ok: false, retryAfterMs: this.minGapMs - (at - last) };
    this.lastAccepted.set(staffNo, at);
    const previous = this.entries.get(staffNo);
    this.entries.set(staffNo, { team, state, receivedAt: at });
    // An agent moved to another team: the old team's leads must see them go.
    if (previous && previous.team !== team) this.tell(previous.team, staffNo);
    this.tell(team, staffNo);
    return { ok: true };
  }

  /** Forgets an agent (signed out); their team's leads are told. */
  clear(staffNo: string): void {
    const entry = this.entries.get(staffNo);
    if (!entry) return;
    this.entries.delete(staffNo);
    this.tell(entry.team, staffNo);
  }

  /** The agent's last state and whether it is stale, or undefined when there is none. */
  read(staffNo: string): { entry: LiveEntry; stale: boolean } | undefined {
    const entry = this.entries.get(staffNo);
    return entry ? { entry, stale: this.now() - entry.receivedAt > this.staleMs } : undefined;
  }

  /** The registry's clock (ms), for answers that report "now". */
  clock(): number {
    return this.now();
  }

  /** Subscribes to a team's publications (a lead's push channel); returns the unsubscribe function. */
  subscribeTeam(team: string, fn: (staffNo: string) => void): () => void {
    let set = this.teamListeners.get(team);
    if (!set) this.teamListeners.set(team, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.teamListeners.delete(team);
    };
  }

  private tell(team: string, staffNo: string): void {
    for (const fn of this.teamListeners.get(team) ?? []) fn(staffNo);
  }
}
