import type { HuifangDb } from './huifang-db';
import type { QueueRow } from './records';

/** Rows read for the first paint, before the whole queue is in memory. */
export const FIRST_PAGE = 60;

/** Ordered first page: what the queue screen needs to paint. */
export function readFirstPage(db: HuifangDb, n = FIRST_PAGE): Promise<QueueRow[]> {
  return db.queue.orderBy('rank').limit(n).toArray();
}

/** The whole queue in order (summaries only: a few hundred bytes per case). */
export function readWholeQueue(db: HuifangDb): Promise<QueueRow[]> {
  return db.queue.orderBy('rank').toArray();
}

/** One case's queue row (undefined when the case is not in the queue). */
export function readQueueRow(db: HuifangDb, policyNo: string): Promise<QueueRow | undefined> {
  return db.queue.get(policyNo);
}
