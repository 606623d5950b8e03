import type { HuifangDb } from './huifang-db';
import { enqueueOutbox } from './outbox-writer';
import { toQueueRow } from './queue-rank';
import type { StoredAttempt, StoredCallback, StoredCallSession, StoredCase, StoredOutboxEntry } from './records';

/** Everything one visit writes, already sealed (WebCrypto happens before the transaction). */
export interface VisitRows {
  readonly attempt: StoredAttempt;
  readonly session: StoredCallSession;
  /** A callback booked at the end of the call: it supersedes the case's open one. */
  readonly callback: StoredCallback | null;
  /** The visit's outbox entries, in delivery order. */
  readonly outbox: readonly StoredOutboxEntry[];
  /** A final result was recorded: the case is done and leaves the queue. */
  readonly finished: boolean;
}

/**
 * Stores one visit in one transaction: the attempt, the call session, the callback booked (or the
 * announced one closed), the outbox entries, and the case's place in the queue. The fact and its
 * delivery promise are written together or not at all.
 */
export async function storeVisit(db: HuifangDb, policyNo: string, rows: VisitRows, now = new Date()): Promise<void> {
  await db.transaction('rw', [db.cases, db.queue, db.attempts, db.sessions, db.callbacks, db.outbox], async () => {
    await db.attempts.add(rows.attempt);
    await db.sessions.put(rows.session);
    const ofCase = db.callbacks.where('policyNo').equals(policyNo);
    if (rows.callback) {
      await ofCase.filter((c) => c.state === 'pending' || c.state === 'notified').modify({ state: 'done' });
      await db.callbacks.add(rows.callback);
    } else {
      // The call answered the callback that was announced; one still pending stays booked.
      await ofCase.filter((c) => c.state === 'notified').modify({ state: 'done' });
    }
    for (const e of rows.outbox) await enqueueOutbox(db, e);
    if (rows.finished) {
      await db.cases.update(policyNo, { localState: 'done' } as Partial<StoredCase>);
      await db.queue.delete(policyNo);
      return;
    }
    const c = await db.cases.get(policyNo);
    if (!c) return;
    const attempts = await db.attempts.where('policyNo').equals(policyNo).count();
    const open = await db.callbacks
      .where('policyNo')
      .equals(policyNo)
      .filter((x) => x.state === 'pending')
      .sortBy('dueAt');
    await db.queue.put(toQueueRow(c, c.summary, { callbackAt: open[0]?.dueAt ?? null, attempts, localState: 'open' }, now));
  });
}
