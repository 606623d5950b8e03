import type { BranchWorkOrderList } from '../../../shared/sync/branch-console';
import { api } from '../../api/client';

/** An answer requested before the list mounted, usable for a few seconds only (never stale data later). */
let early: { query: string; at: number; answer: Promise<BranchWorkOrderList> } | null = null;
const FRESH_MS = 5_000;

/**
 * Starts a list request now, before the list is on screen: right after sign-in the shell's first
 * render and the centre's query then overlap instead of running one after the other
 * (`console.work_orders_first_paint_ms`, README "Web console").
 */
export function requestEarly(query: string): void {
  const answer = api<BranchWorkOrderList>('GET', query);
  answer.catch(() => undefined); // a failure is reported by whoever takes it, or by the list's own request
  early = { query, at: Date.now(), answer };
}

/** The early answer to `query` if one is fresh (taken once), else a new request. */
export function fetchOrders(query: string): Promise<BranchWorkOrderList> {
  const taken = early;
  early = null;
  if (taken && taken.query === query && Date.now() - taken.at < FRESH_MS) return taken.answer;
  return api<BranchWorkOrderList>('GET', query);
}
