import type { PulledCallback } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import { refreshQueueRow } from './case-repo';
import type { CallbackRecord } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';
import { addNewRows } from './add-new-rows';

/**
 * Stores callbacks the centre delivered (booked for this agent, possibly at another desk) in the
 * cache, each id once: a callback already here keeps its local state (notified, done), so a
 * redelivery never re-raises a notification. Newly stored callbacks recompute their case's queue
 * row (callback tier and badge). Notes are sealed before they are stored. Returns how many were new.
 */
export async function storePulledCallbacks(db: HuifangDb, callbacks: readonly PulledCallback[], now = new Date()): Promise<number> {
  if (callbacks.length === 0) return 0;
  const cipher = await windowCipher();
  const records: CallbackRecord[] = callbacks.map((c) => ({
    id: c.id,
    policyNo: c.policyNo,
    dueAt: c.dueAt,
    owner: c.assignee,
    bookedBy: c.bookedBy,
    bookedAt: c.bookedAt,
    note: c.note,
    overrideReason: c.overrideReason,
    state: 'pending',
  }));
  const sealed = await Promise.all(records.map((r) => sealedRows.sealCallback(cipher, r)));
  const fresh = await addNewRows(db.callbacks, sealed);
  for (const policyNo of new Set(fresh.map((c) => c.policyNo))) await refreshQueueRow(db, policyNo, now);
  return fresh.length;
}
