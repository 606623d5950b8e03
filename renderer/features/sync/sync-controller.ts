import { huifang } from '../../ipc/huifang';
import type { HuifangDb } from '../../data/huifang-db';
import { refreshDeskConfigDetailed, type DeskConfigRefresh } from '../../data/desk-config';
import { SyncEngine } from './sync-engine';
import { useSyncStore } from './sync-store';

/** How often to sync when nothing announces a change (the push channel is the fast path). */
const POLL_MS = 15_000;

/** Handle of the running sync. */
export interface SyncHandle {
  /** Runs a sync now (or joins the running one). */
  run(): Promise<void>;
  /**
   * Asks for a sync without waiting for it (a saved visit, a missed call): a failure is shown as the
   * link's last error, like a timer's run, instead of escaping as an unhandled rejection.
   */
  request(): void;
  stop(): void;
}

/**
 * Keeps the cache in step with the centre while an agent is signed in: syncs at start, on every
 * `center:changed` announcement, when the link comes back online, and on a timer as fall-back.
 * `onPulled` runs after a sync that brought queue changes.
 */
export function startSync(db: HuifangDb, author: () => string | null, onPulled: () => void = () => undefined, callUp: () => boolean = () => false): SyncHandle {
  const engine = new SyncEngine(db, author, undefined, callUp);
  let configFetched = false;
  const run = async () => {
    const r = await engine.run();
    if (r.kind !== 'done') return;
    // Desk settings (company name, attempt limit, loaded holiday years): once per sign-in, after
    // every reconnect, and whenever a pull brought changes — loading a holiday year at the centre
    // moves deadlines, which arrive as changes, and the dates must be judged on the same calendar.
    let calendarChanged = false;
    if (!configFetched || r.pulled > 0) {
      const refreshed = await refreshDeskConfigDetailed(db).catch((): DeskConfigRefresh => ({ answered: false, calendarChanged: false }));
      configFetched = refreshed.answered;
      // New calling hours re-read the queue too (each row says from when it may be called).
      calendarChanged = refreshed.calendarChanged || refreshed.hoursChanged === true;
    }
    if (r.pulled > 0 || calendarChanged) onPulled();
  };
  // Background runs (timer, announcements, reconnects) have no caller to tell: a failure is shown
  // as the link's last error instead of escaping as an unhandled rejection.
  const background = () => void run().catch((err: unknown) => useSyncStore.getState().patch({ lastError: err instanceof Error ? err.message : String(err) }));
  const offStatus = huifang().on('center:status', (state) => {
    const before = useSyncStore.getState().link;
    useSyncStore.getState().patch({ link: state.phase, embedded: state.embedded, lastError: state.lastError });
    if (before === 'offline' && state.phase === 'online') {
      configFetched = false;
      background();
    }
  });
  const offChanged = huifang().on('center:changed', background);
  const timer = setInterval(background, POLL_MS);
  void huifang()
    .center.getStatus({})
    .then((r) => r.ok && useSyncStore.getState().patch({ link: r.value.phase, embedded: r.value.embedded, lastError: r.value.lastError }));
  void engine.refreshCounts();
  background();
  return {
    run,
    request: background,
    stop() {
      offStatus();
      offChanged();
      clearInterval(timer);
      // The next person at this desk starts from their own counts, not this agent's.
      useSyncStore.getState().reset();
    },
  };
}
