import { create } from 'zustand';
import type { HuifangDb } from '../../data/huifang-db';
import type { QueueRow } from '../../data/records';
import { searchToken } from '../../data/name-tokens';
import { FIRST_PAGE, readFirstPage, readQueueRow, readWholeQueue } from '../../data/queue-repo';
import { windowCipher } from '../../data/window-cipher';
import { readDeskCalendar } from '../../data/desk-calendar';
import { defaultCalendar, type WorkingCalendar } from '../../../shared/domain';
import { DEFAULT_CALLING_HOURS, type CallingHours } from '../../../shared/domain/calling-hours';
import { readSetting } from '../../data/settings-repo';
import { NO_FILTER, type NameSearch, type QueueFilter } from './queue-filter';

interface QueueState {
  /** Open rows in queue order (rank). */
  readonly rows: readonly QueueRow[];
  /** `first`: only the first page is loaded yet; `all`: the whole queue. */
  readonly loaded: 'none' | 'first' | 'all';
  readonly filter: QueueFilter;
  /**
   * Keyed hash and name token of the search text (null until computed, or with no search): the
   * queue finds a policyholder by name, or part of it, through them (`filterQueue`).
   */
  readonly nameSearch: NameSearch | null;
  /** Index into the filtered rows. */
  readonly selected: number;
  /** The desk's working calendar (loaded holiday years included), read with the rows. */
  readonly calendar: WorkingCalendar;
  /** The centre's calling hours (cached desk settings), read with the rows: each row says when it may be called. */
  readonly callingHours: CallingHours;
  setFilter(patch: Partial<QueueFilter>): void;
  select(index: number): void;
  /** Reads the queue from the cache: first page at once, the rest right after. */
  load(db: HuifangDb): Promise<void>;
  /** Re-reads one row after a local change (attempt, callback, finish) and keeps the order. */
  refreshRow(db: HuifangDb, policyNo: string): Promise<void>;
  reset(): void;
}

let loadSeq = 0;
let searchSeq = 0;

/** Zustand slice of the queue. */
export const useQueueStore = create<QueueState>((set, get) => ({
  rows: [],
  loaded: 'none',
  filter: NO_FILTER,
  nameSearch: null,
  selected: 0,
  calendar: defaultCalendar,
  callingHours: DEFAULT_CALLING_HOURS,
  setFilter(patch) {
    const searchChanged = patch.search !== undefined && patch.search !== get().filter.search;
    set((s) => ({ filter: { ...s.filter, ...patch }, selected: 0, ...(searchChanged ? { nameSearch: null } : {}) }));
    if (!searchChanged) return;
    // The name key and token are WebCrypto work (async): the policy-number matches show at once,
    // name matches join them a moment later. A newer search supersedes an older one still hashing.
    const seq = ++searchSeq;
    const text = patch.search!.trim();
    if (text === '') return;
    void windowCipher()
      .then((c) => Promise.all([c.nameKey(text), searchToken(c, text)]))
      .then(
        ([key, token]) => {
          if (seq === searchSeq) set({ nameSearch: { key, token } });
        },
        () => undefined, // no cipher: the workstation is locked anyway (sign-in shows why)
      );
  },
  select: (index) => set({ selected: Math.max(0, index) }),
  async load(db) {
    const seq = ++loadSeq;
    const [calendar, callingHours] = await Promise.all([readDeskCalendar(db), readSetting(db, 'callingHours')]);
    if (seq !== loadSeq) return;
    if (calendar !== get().calendar) set({ calendar });
    if (JSON.stringify(callingHours) !== JSON.stringify(get().callingHours)) set({ callingHours });
    // A reload of a big queue already on screen skips the first-page step (no flash).
    if (!(get().loaded === 'all' && get().rows.length >= FIRST_PAGE)) {
      const first = await readFirstPage(db);
      if (seq !== loadSeq) return;
      set({ rows: first, loaded: first.length < FIRST_PAGE ? 'all' : 'first' });
      if (first.length < FIRST_PAGE) return;
    }
    const all = await readWholeQueue(db);
    if (seq !== loadSeq) return;
    set({ rows: all, loaded: 'all' });
  },
  async refreshRow(db, policyNo) {
    const row = await readQueueRow(db, policyNo);
    set((s) => {
      const rows = s.rows.filter((r) => r.policyNo !== policyNo);
      if (row) {
        let lo = 0;
        let hi = rows.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (rows[mid].rank < row.rank) lo = mid + 1;
          else hi = mid;
        }
        rows.splice(lo, 0, row);
      }
      return { rows };
    });
  },
  reset: () => {
    searchSeq++;
    set({ rows: [], loaded: 'none', filter: NO_FILTER, nameSearch: null, selected: 0, calendar: defaultCalendar, callingHours: DEFAULT_CALLING_HOURS });
  },
}));
