/** Exponential backoff settings for reconnecting to the proxy. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
  /** 0..1: share of the delay that is randomised (0.2 → delay × [0.8, 1]). */
  readonly jitter: number;
}

/**
 * Default: 250 ms, ×2, capped at 1 s. The cap is short on purpose: after a proxy restart the agent
 * must be registered again within ~2 s, and a restart is usually over within a second.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, factor: 2, maxMs: 1000, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (0-based). `random` in [0,1) is injectable for tests. */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt));
  return Math.round(raw * (1 - policy.jitter * random()));
}

/** Timer functions, injectable so tests can use fake timers. */
export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the reconnector reports while it works. */
export interface ReconnectListener {
  /** A retry is scheduled `delayMs` from now (attempt is 1-based). */
  onScheduled?(attempt: number, delayMs: number): void;
  /** The connection is back (the caller then re-REGISTERs). */
  onReconnected?(attempts: number): void;
}

/**
 * Keeps trying `connect()` with exponential backoff until it succeeds or `stop()` is called.
 * Only one loop runs at a time; `kick()` (e.g. on the browser's `online` event) retries at once
 * and resets the backoff.
 *
 *   idle ──start()──▶ waiting ──timer──▶ connecting ──ok──▶ idle (onReconnected)
 *                        ▲                    │fail
 *                        └────────────────────┘
 */
export class Reconnector {
  private attempt = 0;
  private timer: unknown = null;
  private connecting = false;
  private active = false;

  constructor(
    private readonly connect: () => Promise<void>,
    private readonly listener: ReconnectListener = {},
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly timers: TimerApi = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) },
    private readonly random: () => number = Math.random,
  ) {}

  /** True while a reconnect loop is running. */
  get running(): boolean {
    return this.active;
  }

  /** Starts the loop (no-op when already running). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.attempt = 0;
    this.schedule();
  }

  /** Retries now and resets the backoff (network came back). Starts the loop when idle. */
  kick(): void {
    if (!this.active) {
      this.active = true;
    }
    this.attempt = 0;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (!this.connecting) void this.tryOnce();
  }

  /** Stops retrying (shutdown, account removed). */
  stop(): void {
    this.active = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.active) return;
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt += 1;
    this.listener.onScheduled?.(this.attempt, delay);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.tryOnce();
    }, delay);
  }

  private async tryOnce(): Promise<void> {
    if (!this.active || this.connecting) return;
    this.connecting = true;
    try {
      await this.connect();
      const attempts = Math.max(1, this.attempt);
      this.active = false;
      this.attempt = 0;
      this.listener.onReconnected?.(attempts);
    } catch {
      this.schedule();
    } finally {
      this.connecting = false;
    }
  }
}
