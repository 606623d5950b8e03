import type { PushItem } from '../../shared/sync';
import type { HuifangDb } from './huifang-db';
import type { OutboxEntry } from './records';

let lastCreated = 0;

/**
 * Adds an item to the outbox. Call inside the transaction that records the fact itself, so the
 * fact and its delivery promise are written together or not at all. The entry id is the item's
 * client id: the same id is re-sent until the centre acknowledges it.
 */
export async function enqueueOutbox(db: HuifangDb, item: PushItem, author: string, now = new Date()): Promise<OutboxEntry> {
  // Strictly increasing creation times keep delivery in the order the facts happened.
  const at = Math.max(now.getTime(), lastCreated + 1);
  lastCreated = at;
  const entry: OutboxEntry = { id: item.id, item, author, createdAt: new Date(at).toISOString(), state: 'pending', tries: 0, lastError: null, deliveredAt: null };
  await db.outbox.add(entry);
  return entry;
}
