import type { AssignedCase, PullResponse } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import { toQueueRow } from './queue-rank';
import type { CachedCase, QueueRow } from './records';

/** Centre statuses that belong in an agent's working queue. */
const QUEUE_STATUSES = new Set<AssignedCase['status']>(['assigned', 'in_progress', 'returned']);

/**
 * Applies one pull page to the cache in one transaction: upserts cases and their queue rows,
 * drops what the centre dropped. A case finished at this desk stays finished while its result
 * waits in the outbox (the centre has not seen it yet) unless the centre returns it for a revisit.
 * Returns the policy numbers it stored, so a multi-page snapshot can drop what it did not see.
 */
export async function applyPullPage(db: HuifangDb, page: PullResponse, now = new Date()): Promise<string[]> {
  const seen: string[] = [];
  await db.transaction('rw', [db.cases, db.queue, db.outbox], async () => {
    const keys = page.upserts.map((c) => c.policyNo);
    const [oldCases, oldRows] = await Promise.all([db.cases.bulkGet(keys), db.queue.bulkGet(keys)]);
    const cases: CachedCase[] = [];
    const rows: QueueRow[] = [];
    const gone: string[] = [];
    page.upserts.forEach((incoming, i) => {
      seen.push(incoming.policyNo);
      const old = oldCases[i];
      const stillDone = old?.localState === 'done' && incoming.status !== 'returned';
      const localState = stillDone ? 'done' : 'open';
      cases.push({ ...incoming, localState, syncedAt: now.toISOString() });
      if (localState === 'open' && QUEUE_STATUSES.has(incoming.status)) {
        const prev = oldRows[i];
        rows.push(toQueueRow(incoming, { callbackAt: prev?.callbackAt ?? null, attempts: prev?.attempts ?? 0, localState }, now));
      } else gone.push(incoming.policyNo);
    });
    await db.cases.bulkPut(cases);
    await db.queue.bulkPut(rows);
    const dropped = page.drops.map((d) => d.policyNo);
    await db.queue.bulkDelete([...gone, ...dropped]);
    await db.cases.bulkDelete(dropped);
  });
  return seen;
}

/** After a full snapshot: removes cached cases the snapshot did not contain. */
export async function dropCasesNotIn(db: HuifangDb, keep: ReadonlySet<string>): Promise<number> {
  return db.transaction('rw', [db.cases, db.queue], async () => {
    const all = await db.cases.toCollection().primaryKeys();
    const stale = all.filter((k) => !keep.has(k));
    await db.cases.bulkDelete(stale);
    await db.queue.bulkDelete(stale);
    return stale.length;
  });
}

/** Recomputes a case's queue row from the cache (after an attempt, a callback, a finish). */
export async function refreshQueueRow(db: HuifangDb, policyNo: string, now = new Date()): Promise<void> {
  await db.transaction('rw', [db.cases, db.queue, db.callbacks, db.attempts], async () => {
    const c = await db.cases.get(policyNo);
    if (!c) return;
    if (c.localState === 'done' || !QUEUE_STATUSES.has(c.status)) {
      await db.queue.delete(policyNo);
      return;
    }
    const pending = await db.callbacks.where('policyNo').equals(policyNo).filter((cb) => cb.state === 'pending' || cb.state === 'notified').sortBy('dueAt');
    const attempts = await db.attempts.where('policyNo').equals(policyNo).count();
    await db.queue.put(toQueueRow(c, { callbackAt: pending[0]?.dueAt ?? null, attempts, localState: 'open' }, now));
  });
}
