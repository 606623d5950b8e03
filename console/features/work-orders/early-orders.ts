import type { BranchWorkOrderList } from '../../../shared/sync/branch-console';
import { api } from '../../api/client';

/** An answer requested before the list mounted, usable for a few seconds only (never stale data later). */
let early: { query: string; at: number; answer: Promise<BranchWorkOrderList>; arrived?: BranchWorkOrderList } | null = null;
const FRESH_MS = 5_000;

/**
 * Starts a list request now, before the list is on screen: right after sign-in the shell's first
 * render and the centre's query then overlap instead of running one after the other
 * (`console.work_orders_first_paint_ms`, README "Web console").
 */
export function requestEarly(query: string): Promise<void> {
  const answer = api<BranchWorkOrderList>('GET', query);
  const entry: NonNullable<typeof early> = { query, at: Date.now(), answer };
  early = entry;
  // A failure is reported by whoever takes the answer, or by the list's own request.
  return answer.then(
    (value) => {
      entry.arrived = value;
    },
    () => undefined,
  );
}

/** An answer the sign-in carried (GET `query`'s answer, read with the session): taken like an early one. */
export function provideEarly(query: string, value: BranchWorkOrderList): Promise<void> {
  early = { query, at: Date.now(), answer: Promise.resolve(value), arrived: value };
  return Promise.resolve();
}

/**
 * The early answer to `query` if it is already here and fresh, without taking it: the list starts
 * with it, so its first render has the rows (`fetchOrders` then answers the same object, and setting
 * it again re-renders nothing).
 */
export function arrivedEarly(query: string): BranchWorkOrderList | null {
  return early?.arrived && early.query === query && Date.now() - early.at < FRESH_MS ? early.arrived : null;
}

/** The early answer to `query` if one is fresh (taken once), else a new request. */
export function fetchOrders(query: string): Promise<BranchWorkOrderList> {
  const taken = early;
  early = null;
  if (taken && taken.query === query && Date.now() - taken.at < FRESH_MS) return taken.answer;
  return api<BranchWorkOrderList>('GET', query);
}
