import { isTrainingPolicy } from '../../shared/domain/training-cases';
import type { AssignedCase, PullResponse } from '../../shared/sync';
import type { CacheCipher } from './cache-cipher';
import { summariseCase } from './case-summary';
import type { HuifangDb } from './huifang-db';
import type { NameTokenMemo } from './name-tokens';
import { toQueueRow } from './queue-rank';
import type { CachedCase, CaseSummary, QueueRow, StoredCase } from './records';
import { windowCipher } from './window-cipher';

/** Centre statuses that belong in an agent's working queue. */
const QUEUE_STATUSES = new Set<AssignedCase['status']>(['assigned', 'in_progress', 'returned']);

/** A pulled case ready to store: its data sealed, its queue summary worked out. */
export interface PreparedCase {
  readonly incoming: AssignedCase;
  readonly data: StoredCase['data'];
  readonly summary: CaseSummary;
}

/** Seals pulled cases (WebCrypto, outside any transaction): data sealed, summary from the plain data. */
export async function prepareCases(cipher: CacheCipher, upserts: readonly AssignedCase[], now = new Date()): Promise<PreparedCase[]> {
  const memo: NameTokenMemo = new Map(); // one page's names share their token work
  return Promise.all(
    upserts.map(async (incoming) => {
      const [data, summary] = await Promise.all([cipher.seal('cases', incoming.policyNo, incoming.data), summariseCase(cipher, incoming.data, now, memo)]);
      return { incoming, data, summary };
    }),
  );
}

/**
 * Applies one pull page to the cache in one transaction: upserts cases and their queue rows,
 * drops what the centre dropped. A case finished at this desk stays finished while its result
 * waits in the outbox (the centre has not seen it yet) unless the centre returns it for a revisit.
 * The cases are sealed first (personal data never reaches IndexedDB in the clear).
 * Returns the policy numbers it stored, so a multi-page snapshot can drop what it did not see.
 */
export async function applyPullPage(db: HuifangDb, page: PullResponse, now = new Date()): Promise<string[]> {
  const prepared = await prepareCases(await windowCipher(), page.upserts, now);
  const seen: string[] = [];
  await db.transaction('rw', [db.cases, db.queue, db.outbox], async () => {
    const keys = page.upserts.map((c) => c.policyNo);
    const [oldCases, oldRows] = await Promise.all([db.cases.bulkGet(keys), db.queue.bulkGet(keys)]);
    const cases: StoredCase[] = [];
    const rows: QueueRow[] = [];
    const gone: string[] = [];
    prepared.forEach(({ incoming, data, summary }, i) => {
      seen.push(incoming.policyNo);
      const old = oldCases[i];
      const stillDone = old?.localState === 'done' && incoming.status !== 'returned';
      const localState = stillDone ? 'done' : 'open';
      cases.push({ ...incoming, data, summary, localState, syncedAt: now.toISOString() });
      if (localState === 'open' && QUEUE_STATUSES.has(incoming.status)) {
        const prev = oldRows[i];
        rows.push(toQueueRow(incoming, summary, { callbackAt: prev?.callbackAt ?? null, attempts: prev?.attempts ?? 0, localState }, now));
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

/** Opens a stored case (its data) for the case view and the visit. */
export async function openCase(cipher: CacheCipher, stored: StoredCase): Promise<CachedCase> {
  const { summary: _summary, data, ...clear } = stored;
  return { ...clear, data: await cipher.open('cases', stored.policyNo, data) };
}

/**
 * Reads one case with its data opened (undefined when not cached). Safe as a liveQuery querier:
 * the Dexie read comes first, the WebCrypto work after it.
 */
export async function readCase(db: HuifangDb, policyNo: string): Promise<CachedCase | undefined> {
  const stored = await db.cases.get(policyNo);
  if (!stored) return undefined;
  return openCase(await windowCipher(), stored);
}

/**
 * After a full snapshot: removes cached cases the snapshot did not contain. Training cases never
 * come from the centre, so a snapshot says nothing about them.
 */
export async function dropCasesNotIn(db: HuifangDb, keep: ReadonlySet<string>): Promise<number> {
  return db.transaction('rw', [db.cases, db.queue], async () => {
    const all = await db.cases.toCollection().primaryKeys();
    const stale = all.filter((k) => !keep.has(k) && !isTrainingPolicy(k));
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
    const pending = await db.callbacks
      .where('policyNo')
      .equals(policyNo)
      .filter((cb) => cb.state === 'pending' || cb.state === 'notified')
      .sortBy('dueAt');
    const attempts = await db.attempts.where('policyNo').equals(policyNo).count();
    await db.queue.put(toQueueRow(c, c.summary, { callbackAt: pending[0]?.dueAt ?? null, attempts, localState: 'open' }, now));
  });
}
