import { isTrainingPolicy } from '../../shared/domain/training-cases';
import type { HuifangDb } from './huifang-db';
import type { OutboxItem, StoredOutboxEntry } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';

let lastCreated = 0;

/**
 * Builds and seals the outbox entry of an item (WebCrypto: call before the transaction that will
 * add it). The entry id is the item's client id: the same id is re-sent until the centre
 * acknowledges it.
 */
export async function prepareOutbox(item: OutboxItem, author: string, now = new Date()): Promise<StoredOutboxEntry> {
  // Strictly increasing creation times keep delivery in the order the facts happened.
  const at = Math.max(now.getTime(), lastCreated + 1);
  lastCreated = at;
  return sealedRows.sealOutbox(await windowCipher(), {
    id: item.id,
    item,
    author,
    createdAt: new Date(at).toISOString(),
    state: 'pending',
    tries: 0,
    lastError: null,
    deliveredAt: null,
  });
}

/**
 * Adds a prepared entry to the outbox. Call inside the transaction that records the fact itself,
 * so the fact and its delivery promise are written together or not at all. A training case's fact
 * stays on the desk: this is the one door every push goes through, so practice never reaches the
 * centre's statistics (shared/domain/training-cases.ts).
 */
export async function enqueueOutbox(db: HuifangDb, entry: StoredOutboxEntry): Promise<void> {
  if (isTrainingPolicy(entry.policyNo)) return;
  await db.outbox.add(entry);
}

/** Seals an item and adds it to the outbox in its own transaction (facts that have no row of their own). */
export async function addToOutbox(db: HuifangDb, item: OutboxItem, author: string, now = new Date()): Promise<StoredOutboxEntry> {
  const entry = await prepareOutbox(item, author, now);
  await db.transaction('rw', db.outbox, () => enqueueOutbox(db, entry));
  return entry;
}
