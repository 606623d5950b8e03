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

/**
 * The times booked as callbacks for a case (every state but cancelled: a callback already announced
 * or answered still marks the time the policyholder chose, so a retry close to it is at their request).
 */
export async function bookedCallbackTimes(db: HuifangDb, policyNo: string): Promise<string[]> {
  const rows = await db.callbacks
    .where('policyNo')
    .equals(policyNo)
    .filter((c) => c.state !== 'cancelled')
    .toArray();
  return rows.map((c) => c.dueAt);
}
