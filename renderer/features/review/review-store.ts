import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

/** One row of the session list, as `session:list` returns it. */
export type SessionSummary = ResponseOf<'session:list'>[number];

/**
 * The replay screen's list state (serialisable: rows, filters, selection, the open session's id).
 *
 *   list --Enter--> player(openId) --Esc--> list
 */
interface ReviewState {
  /** null until the first load. */
  readonly sessions: readonly SessionSummary[] | null;
  readonly error: string | null;
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
  open(id: string): void;
  close(): void;
  reset(): void;
}

/** How many sessions the list asks for (the contract's maximum). */
export const REVIEW_LIST_LIMIT = 1000;

/** QA's result filter: a category, any unfinished call, or all. */
export const RESULT_FILTERS = ['all', 'standard', 'substandard', 'problem', 'verification', 'unfinished', 'none'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];
/** QA's flag filter: recordings that need a look. */
export const FLAG_FILTERS = ['all', 'recovered', 'recording_failed', 'no_recording'] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

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
  }
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
    const r = await huifang().session.list({ limit: REVIEW_LIST_LIMIT });
    if (!r.ok) return set({ error: r.error.message, sessions: [] });
    set({ sessions: r.value, error: null, selected: Math.min(get().selected, Math.max(0, r.value.length - 1)) });
  },
  setFilter(which, value) {
    set(
      which === 'policy' ? { policyFilter: value, selected: 0 } : which === 'agent' ? { agentFilter: value, selected: 0 } : { dayFilter: value, selected: 0 },
    );
  },
  setResultFilter: (value) => set({ resultFilter: value, selected: 0 }),
  setFlagFilter: (value) => set({ flagFilter: value, selected: 0 }),
  move(delta) {
    const n = filteredSessions(get()).length;
    if (n === 0) return;
    set({ selected: Math.min(n - 1, Math.max(0, get().selected + delta)) });
  },
  select: (index) => set({ selected: index }),
  open: (id) => set({ openId: id }),
  close: () => set({ openId: null }),
  reset: () => set(initial),
}));
