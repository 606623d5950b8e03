import { Dexie } from 'dexie';
import { pushItemSchema, type PushAck } from '../../shared/sync';
import { countWaiting, type OutboxWaiting } from './archive-outbox';
import type { HuifangDb } from './huifang-db';
import type { OutboxEntry, StoredOutboxEntry } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';
import { messages } from '../i18n/messages';

/**
 * Pending entries of one author, oldest first (delivery order), their items opened for the push.
 * An entry that does not open (tampered, or sealed under another key) is set aside as `rejected`
 * with the reason, kept for the agent to see, so it cannot hold back the entries behind it.
 */
export async function pendingOutbox(db: HuifangDb, limit: number, author: string): Promise<OutboxEntry[]> {
  const stored = await db.outbox
    .where('[state+createdAt]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
    .filter((e) => e.author === author)
    .limit(limit)
    .toArray();
  const cipher = await windowCipher();
  const opened = await Promise.all(
    stored.map((e) => sealedRows.openOutbox(cipher, e).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))),
  );
  const fit: OutboxEntry[] = [];
  for (const [i, o] of opened.entries()) {
    if (!(o instanceof Error)) fit.push(o);
    else await db.outbox.update(stored[i].id, { state: 'rejected', lastError: o.message, tries: stored[i].tries + 1 });
  }
  return fit;
}

/** Every outbox entry with its item opened, oldest first (diagnosis, tests). */
export async function readOutbox(db: HuifangDb): Promise<OutboxEntry[]> {
  const stored = await db.outbox.orderBy('createdAt').toArray();
  const cipher = await windowCipher();
  return Promise.all(stored.map((e) => sealedRows.openOutbox(cipher, e)));
}

/** Number of entries still waiting for the centre. */
export function countPendingOutbox(db: HuifangDb): Promise<number> {
  return db.outbox.where('[state+createdAt]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).count();
}

/** A refused outbox entry as the agent sees it listed (clear fields only: nothing to open). */
export type RefusedEntry = Pick<StoredOutboxEntry, 'id' | 'kind' | 'policyNo' | 'lastError' | 'createdAt'>;

/**
 * One author's outbox at a glance: results and sessions still waiting (with the sessions' bytes),
 * and every refused entry, newest first.
 * Only that author's: another agent's unsent or refused results are theirs to see.
 */
export async function outboxStatus(db: HuifangDb, author: string | null): Promise<{ waiting: OutboxWaiting; refused: RefusedEntry[] }> {
  const mine = (e: { author: string }) => e.author === author;
  const inState = (state: OutboxEntry['state']) => db.outbox.where('[state+createdAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).filter(mine);
  const waiting = countWaiting(await inState('pending').toArray());
  const refused = await inState('rejected').reverse().toArray();
  return { waiting, refused: refused.map(({ id, kind, policyNo, lastError, createdAt }) => ({ id, kind, policyNo, lastError, createdAt })) };
}

/**
 * Records the centre's acknowledgements: `accepted` and `duplicate` both mean "stored, stop
 * sending" (exactly once: the centre keeps each client id once); `rejected` will never be stored
 * and is kept with its reason for the agent to see.
 */
export async function applyAcks(db: HuifangDb, acks: readonly PushAck[], now = new Date()): Promise<{ delivered: number; rejected: number }> {
  let delivered = 0;
  let rejected = 0;
  await db.transaction('rw', db.outbox, async () => {
    for (const ack of acks) {
      const entry = await db.outbox.get(ack.id);
      if (!entry || entry.state !== 'pending') continue;
      if (ack.status === 'rejected') {
        rejected++;
        await db.outbox.update(ack.id, { state: 'rejected', lastError: ack.reason?.zh ?? messages.data.rejectedByCenter, tries: entry.tries + 1 });
      } else {
        delivered++;
        await db.outbox.update(ack.id, { state: 'delivered', deliveredAt: now.toISOString(), tries: entry.tries + 1, lastError: null });
      }
    }
  });
  return { delivered, rejected };
}

/** Notes a failed delivery try on entries that stay pending. */
export async function noteOutboxFailure(db: HuifangDb, ids: readonly string[], message: string): Promise<void> {
  await db.outbox
    .where('id')
    .anyOf([...ids])
    .modify((e: { tries: number; lastError: string | null }) => {
      e.tries += 1;
      e.lastError = message;
    });
}

/** Sets aside entries the centre refused outright (the whole push, e.g. for this role): kept with the reason, never retried. */
export async function setAsideRefused(db: HuifangDb, ids: readonly string[], message: string): Promise<void> {
  await db.outbox
    .where('id')
    .anyOf([...ids])
    .modify((e: { tries: number; lastError: string | null; state: string }) => {
      e.tries += 1;
      e.lastError = message;
      e.state = 'rejected';
    });
}

/**
 * Sets aside entries the centre could never accept because they break the protocol (written by an
 * older or faulty build): each becomes `rejected` with the first problem found, kept for the
 * agent to see, so one bad entry cannot hold back every result behind it. Returns the entries
 * that are fit to send.
 */
export async function setAsideMalformed(db: HuifangDb, entries: readonly OutboxEntry[]): Promise<OutboxEntry[]> {
  const fit: OutboxEntry[] = [];
  for (const e of entries) {
    const parsed = pushItemSchema.safeParse(e.item);
    if (parsed.success) {
      fit.push(e);
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue.path.join('.');
    await db.outbox.update(e.id, { state: 'rejected', lastError: messages.data.notProtocol(where, issue.message), tries: e.tries + 1 });
  }
  return fit;
}
