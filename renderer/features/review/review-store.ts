import { create } from 'zustand';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';
import { centreQuery, mergeRows, type FlagFilter, type ResultFilter, type ReviewRow } from './archive-rows';

export { FLAG_FILTERS, RESULT_FILTERS, type FlagFilter, type ResultFilter } from './archive-rows';

/** One row of the session list: this workstation's and the centre's archive merged. */
export type SessionSummary = ReviewRow;

/**
 * The replay screen's list state (serialisable: rows, filters, selection, the open session's id,
 * the fetch in progress).
 *
 *   list --Enter (here)--> player(openId) --Esc--> list
 *   list --Enter (centre only, or its audio at the centre)--> fetching --playable--> player
 *                                          --failed/offline--> list (fetchError)
 *   (the download goes on behind the player; its end marks the row as here, or sets fetchError)
 */
interface ReviewState {
  /** null until the first load. */
  readonly sessions: readonly SessionSummary[] | null;
  readonly error: string | null;
  /** Why the centre's archive is not in the list (offline, refused); null when it is. */
  readonly centreNote: string | null;
  readonly fetching: { readonly id: string; readonly received: number; readonly total: number } | null;
  readonly fetchError: string | null;
  readonly policyFilter: string;
  readonly agentFilter: string;
  /** YYYY-MM-DD (local) or '' for every day. */
  readonly dayFilter: string;
  readonly resultFilter: ResultFilter;
  readonly flagFilter: FlagFilter;
  /** Index into the filtered rows. */
  readonly selected: number;
  readonly openId: string | null;
  load(): Promise<void>;
  setFilter(which: 'policy' | 'agent' | 'day', value: string): void;
  setResultFilter(value: ResultFilter): void;
  setFlagFilter(value: FlagFilter): void;
  move(delta: number): void;
  select(index: number): void;
  open(id: string): Promise<void>;
  close(): void;
  reset(): void;
}

/** How many sessions the list asks for (the contract's maximum). */
export const REVIEW_LIST_LIMIT = 1000;

function resultMatches(outcome: string | null, f: ResultFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'none':
      return outcome === null;
    case 'unfinished':
      return outcome !== null && (outcome === 'not_counted' || outcome.startsWith('unreached:') || outcome.startsWith('interim:'));
    default:
      return outcome === f;
  }
}

function flagMatches(x: SessionSummary, f: FlagFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'recovered':
      return x.recovered;
    case 'recording_failed':
      return x.recordingState === 'failed';
    case 'no_recording':
      return x.recordingState === 'none';
    case 'gaps':
      return (x.gapCount ?? 0) > 0;
    case 'on_hold':
      return x.legalHold === true;
    case 'result_flagged':
      return (x.resultFlags?.length ?? 0) > 0;
  }
}

export function fetchErrorOf(v: { kind: 'offline' | 'refused' | 'failed'; message: string }): string {
  return v.kind === 'offline' ? messages.review.fetchOffline(v.message) : messages.review.fetchFailed(v.message);
}

type Filters = Pick<ReviewState, 'sessions' | 'policyFilter' | 'agentFilter' | 'dayFilter' | 'resultFilter' | 'flagFilter'>;

/** The rows that pass every filter (text filters: substring, case-insensitive), newest first as listed. */
export function filteredSessions(s: Filters): readonly SessionSummary[] {
  const p = s.policyFilter.trim().toLowerCase();
  const a = s.agentFilter.trim().toLowerCase();
  return (s.sessions ?? []).filter(
    (x) =>
      (!p || (x.caseId ?? '').toLowerCase().includes(p)) &&
      (!a || (x.agentId ?? '').toLowerCase().includes(a)) &&
      (!s.dayFilter || messages.common.day(x.createdAt) === s.dayFilter) &&
      resultMatches(x.outcome, s.resultFilter) &&
      flagMatches(x, s.flagFilter),
  );
}

const initial = {
  sessions: null,
  error: null,
  centreNote: null,
  fetching: null,
  fetchError: null,
  policyFilter: '',
  agentFilter: '',
  dayFilter: '',
  resultFilter: 'all' as ResultFilter,
  flagFilter: 'all' as FlagFilter,
  selected: 0,
  openId: null,
};

/** Zustand slice of the QA replay screen. */
export const useReviewStore = create<ReviewState>((set, get) => ({
  ...initial,
  async load() {
    // The centre is asked with the filters it can apply, so its limit counts matching sessions only.
    const [local, centre] = await Promise.all([
      huifang().session.list({ limit: REVIEW_LIST_LIMIT }),
      huifang().archive.list(centreQuery(get(), REVIEW_LIST_LIMIT)),
    ]);
    if (!local.ok) return set({ error: local.error.message, sessions: [] });
    let centreNote: string | null = null;
    let archived: Parameters<typeof mergeRows>[1] = [];
    if (!centre.ok) centreNote = messages.review.centreRefused(centre.error.message);
    else if (centre.value.kind === 'ok') archived = centre.value.items;
    else
      centreNote = centre.value.kind === 'offline' ? messages.review.centreOffline(centre.value.message) : messages.review.centreRefused(centre.value.message);
    const rows = mergeRows(local.value, archived);
    set({ sessions: rows, error: null, centreNote, selected: Math.min(get().selected, Math.max(0, rows.length - 1)) });
  },
  setFilter(which, value) {
    set(
      which === 'policy' ? { policyFilter: value, selected: 0 } : which === 'agent' ? { agentFilter: value, selected: 0 } : { dayFilter: value, selected: 0 },
    );
    if (which === 'day') void get().load();
  },
  setResultFilter: (value) => {
    set({ resultFilter: value, selected: 0 });
    void get().load();
  },
  setFlagFilter: (value) => {
    set({ flagFilter: value, selected: 0 });
    void get().load();
  },
  move(delta) {
    const n = filteredSessions(get()).length;
    if (n === 0) return;
    set({ selected: Math.min(n - 1, Math.max(0, get().selected + delta)) });
  },
  select: (index) => set({ selected: index }),
  async open(id) {
    const row = get().sessions?.find((s) => s.id === id);
    // Held only at the centre, or here with its audio deleted by the desk's retention: fetch first.
    if (row?.origin !== 'centre' && !row?.audioAtCentre) return set({ openId: id, fetchError: null });
    if (get().fetching) return;
    set({ fetching: { id, received: 0, total: 0 }, fetchError: null });
    const off = huifang().on('archive:fetchProgress', (p) => {
      if (p.sessionId === id && get().fetching?.id === id) set({ fetching: { id, received: p.received, total: p.total } });
    });
    try {
      // The player opens as soon as the host can play the recording, while the download runs on.
      const r = await huifang().archive.fetch({ sessionId: id, playable: true });
      if (!r.ok) return set({ fetching: null, fetchError: messages.review.fetchFailed(r.error.message) });
      if (r.value.kind !== 'ok') return set({ fetching: null, fetchError: fetchErrorOf(r.value) });
      set({ fetching: null, openId: id });
      // The fetch's own outcome: stored here now (the row says so), or why it stopped (the player,
      // reading from the same download, has already failed with that reason).
      const done = await huifang().archive.fetch({ sessionId: id });
      if (!done.ok) set({ fetchError: messages.review.fetchFailed(done.error.message) });
      else if (done.value.kind !== 'ok') set({ fetchError: fetchErrorOf(done.value) });
      else set({ sessions: get().sessions?.map((s) => (s.id === id ? { ...s, origin: 'both' as const, audioAtCentre: false } : s)) ?? null });
    } finally {
      off();
    }
  },
  close: () => set({ openId: null }),
  reset: () => set(initial),
}));
