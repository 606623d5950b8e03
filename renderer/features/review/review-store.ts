import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { huifang } from '../../ipc/huifang';

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
  /** Index into the filtered rows. */
  readonly selected: number;
  readonly openId: string | null;
  load(): Promise<void>;
  setFilter(which: 'policy' | 'agent', value: string): void;
  move(delta: number): void;
  select(index: number): void;
  open(id: string): void;
  close(): void;
  reset(): void;
}

/** How many sessions the list asks for (the contract's maximum). */
export const REVIEW_LIST_LIMIT = 1000;

/** The rows that pass both filters (substring, case-insensitive), newest first as listed. */
export function filteredSessions(s: Pick<ReviewState, 'sessions' | 'policyFilter' | 'agentFilter'>): readonly SessionSummary[] {
  const p = s.policyFilter.trim().toLowerCase();
  const a = s.agentFilter.trim().toLowerCase();
  return (s.sessions ?? []).filter((x) => (!p || (x.caseId ?? '').toLowerCase().includes(p)) && (!a || (x.agentId ?? '').toLowerCase().includes(a)));
}

const initial = { sessions: null, error: null, policyFilter: '', agentFilter: '', selected: 0, openId: null };

/** Zustand slice of the QA replay screen. */
export const useReviewStore = create<ReviewState>((set, get) => ({
  ...initial,
  async load() {
    const r = await huifang().session.list({ limit: REVIEW_LIST_LIMIT });
    if (!r.ok) return set({ error: r.error.message, sessions: [] });
    set({ sessions: r.value, error: null, selected: Math.min(get().selected, Math.max(0, r.value.length - 1)) });
  },
  setFilter(which, value) {
    set(which === 'policy' ? { policyFilter: value, selected: 0 } : { agentFilter: value, selected: 0 });
  },
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
