import type { HuifangDb } from './huifang-db';
import type { CallbackRecord } from './records';

/** A callback that fell due and was claimed for announcing (its clear fields only). */
export type DueCallback = Pick<CallbackRecord, 'id' | 'policyNo' | 'dueAt' | 'owner'>;

/**
 * Claims the callbacks due at `at` for agent `me` (booked for them or for anyone): each pending one
 * becomes `notified` in the same transaction that finds it, so two checks never claim it twice.
 */
export async function claimDueCallbacks(db: HuifangDb, at: Date, me: string): Promise<DueCallback[]> {
  return db.transaction('rw', [db.callbacks], async () => {
    const due = await db.callbacks
      .where('dueAt')
      .belowOrEqual(at.toISOString())
      .filter((c) => c.state === 'pending' && (c.owner === null || c.owner === me))
      .toArray();
    for (const cb of due) await db.callbacks.update(cb.id, { state: 'notified' });
    return due.map(({ id, policyNo, dueAt, owner }) => ({ id, policyNo, dueAt, owner }));
  });
}
