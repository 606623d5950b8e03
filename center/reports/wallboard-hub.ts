import type { WallboardTotals } from '../../shared/sync';

/** What a watcher of the wallboard receives: fresh totals, or why they could not be computed. */
export type WallboardNotice = { readonly totals: WallboardTotals } | { readonly error: string } | { readonly closing: true };

interface Board {
  readonly watchers: Set<(n: WallboardNotice) => void>;
  last: WallboardNotice | null;
  /** A recomputation is running; `again` asks for one more after it (a change arrived meanwhile). */
  busy: boolean;
  again: boolean;
  lastRunAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Pushes the wallboard's totals to the consoles showing it (README "Management reports":
 * wallboard). A change in any agent's feed (a result, an assignment, an import: the change
 * notifier) marks every board stale; each board — one per team, or the whole centre — is then
 * recomputed once for all its watchers, at most once per `minIntervalMs`, so a busy floor costs
 * the centre one computation per team every few seconds however many leads watch. Boards are also
 * recomputed every `refreshMs` (today's date and the deadline window move without any change).
 * Nothing runs while nobody watches.
 */
export class WallboardHub {
  private readonly boards = new Map<string, Board>();
  private refresher: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly compute: (team: string | null) => Promise<WallboardTotals>,
    private readonly opts: { readonly minIntervalMs: number; readonly refreshMs: number } = { minIntervalMs: 3000, refreshMs: 60_000 },
  ) {}

  /** Watches one team's board (null: the whole centre); the watcher gets the latest totals at once when known. */
  watch(team: string | null, fn: (n: WallboardNotice) => void): () => void {
    const key = team ?? '';
    let board = this.boards.get(key);
    if (!board) {
      board = { watchers: new Set(), last: null, busy: false, again: false, lastRunAt: 0, timer: null };
      this.boards.set(key, board);
      this.schedule(key, board);
    } else if (board.last) fn(board.last);
    board.watchers.add(fn);
    this.refresher ??= setInterval(() => this.changed(), this.opts.refreshMs);
    return () => {
      board.watchers.delete(fn);
      if (board.watchers.size > 0) return;
      if (board.timer) clearTimeout(board.timer);
      this.boards.delete(key);
      if (this.boards.size === 0 && this.refresher) {
        clearInterval(this.refresher);
        this.refresher = null;
      }
    };
  }

  /** Something the totals read has changed: every watched board is recomputed soon. */
  changed(): void {
    for (const [key, board] of this.boards) this.schedule(key, board);
  }

  /** The centre is closing: every watcher is told (its stream ends) and nothing more is computed. */
  end(): void {
    const boards = [...this.boards.values()];
    this.boards.clear();
    if (this.refresher) clearInterval(this.refresher);
    this.refresher = null;
    for (const board of boards) {
      if (board.timer) clearTimeout(board.timer);
      for (const fn of board.watchers) fn({ closing: true });
    }
  }

  /** Number of boards watched (for tests and health). */
  get size(): number {
    return this.boards.size;
  }

  private schedule(key: string, board: Board): void {
    if (board.busy) {
      board.again = true;
      return;
    }
    if (board.timer) return;
    const wait = Math.max(0, board.lastRunAt + this.opts.minIntervalMs - Date.now());
    board.timer = setTimeout(() => void this.run(key, board), wait);
  }

  private async run(key: string, board: Board): Promise<void> {
    board.timer = null;
    board.busy = true;
    board.lastRunAt = Date.now();
    let notice: WallboardNotice;
    try {
      notice = { totals: await this.compute(key === '' ? null : key) };
    } catch (err) {
      notice = { error: (err as Error).message };
    }
    board.busy = false;
    if (this.boards.get(key) !== board) return; // nobody watches any more
    board.last = notice;
    for (const fn of board.watchers) fn(notice);
    if (board.again) {
      board.again = false;
      this.schedule(key, board);
    }
  }
}
