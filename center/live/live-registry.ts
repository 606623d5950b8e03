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

/** Where a registry sends its own changes so that other centre processes hear them (PostgreSQL). */
export interface LiveReplica {
  published(staffNo: string, entry: LiveEntry): void;
  cleared(staffNo: string, at: number): void;
}

/** Told of a change on a team's board: the agent's entry now (undefined: signed out) — possibly of another team, when they moved. */
type TeamListener = (staffNo: string, entry: LiveEntry | undefined) => void;

/**
 * The live board's memory: each agent's last published state. A single centre process (SQLite)
 * keeps it here only, gone after a restart. Several processes on one PostgreSQL each keep a copy:
 * a `LiveReplica` (center/live/pg-live-relay.ts) writes this process's publications to a table
 * and NOTIFYs the others, which `applyRemote` them — so a lead on any process sees every agent,
 * and a restarted process reads the table back. Tells the leads of the agent's team when a state
 * arrives or is cleared (sign-out). Rate-limits each caller.
 */
export class LiveRegistry {
  private readonly entries = new Map<string, LiveEntry>();
  private readonly lastAccepted = new Map<string, number>();
  private readonly teamListeners = new Map<string, Set<TeamListener>>();
  private replica: LiveReplica | null = null;

  constructor(
    /** The registry's clock (epoch ms); the PostgreSQL relay ages the shared rows by it too. */
    readonly now: () => number = Date.now,
    private readonly minGapMs = LIVE_MIN_GAP_MS,
    private readonly staleMs = LIVE_STALE_SECONDS * 1000,
  ) {}

  /** Stores the caller's own state unless their previous one came less than `minGapMs` ago. */
  publish(staffNo: string, team: string, state: LiveState): PublishOutcome {
    const at = this.now();
    const last = this.lastAccepted.get(staffNo);
    if (last !== undefined && at - last < this.minGapMs) return { ok: false, retryAfterMs: this.minGapMs - (at - last) };
    this.lastAccepted.set(staffNo, at);
    const entry: LiveEntry = { team, state, receivedAt: at };
    this.store(staffNo, entry);
    this.replica?.published(staffNo, entry);
    return { ok: true };
  }

  /** Forgets an agent (signed out); their team's leads are told. */
  clear(staffNo: string): void {
    const at = this.now();
    this.replica?.cleared(staffNo, at);
    this.forget(staffNo, at);
  }

  /** Sends this process's publications and sign-outs to other processes too (null: stop). */
  setReplica(replica: LiveReplica | null): void {
    this.replica = replica;
  }

  /** A state that reached another process; kept unless this one holds a newer one. */
  applyRemote(staffNo: string, entry: LiveEntry): void {
    const current = this.entries.get(staffNo);
    if (current && current.receivedAt > entry.receivedAt) return;
    this.store(staffNo, entry);
  }

  /** A sign-out at another process at `at` (ms); a state received later stays. */
  applyRemoteClear(staffNo: string, at: number): void {
    this.forget(staffNo, at);
  }

  private store(staffNo: string, entry: LiveEntry): void {
    const previous = this.entries.get(staffNo);
    this.entries.set(staffNo, entry);
    // An agent moved to another team: the old team's leads must see them go.
    if (previous && previous.team !== entry.team) this.tell(previous.team, staffNo, entry);
    this.tell(entry.team, staffNo, entry);
  }

  private forget(staffNo: string, at: number): void {
    const entry = this.entries.get(staffNo);
    if (!entry || entry.receivedAt > at) return;
    this.entries.delete(staffNo);
    this.tell(entry.team, staffNo, undefined);
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
  subscribeTeam(team: string, fn: TeamListener): () => void {
    let set = this.teamListeners.get(team);
    if (!set) this.teamListeners.set(team, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.teamListeners.delete(team);
    };
  }

  private tell(team: string, staffNo: string, entry: LiveEntry | undefined): void {
    for (const fn of this.teamListeners.get(team) ?? []) fn(staffNo, entry);
  }
}
