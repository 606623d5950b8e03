import type { Kysely, Transaction } from 'kysely';
import type { CenterDatabase } from './db-schema';
import { nowIso } from './clock';
import { lockChangeFeed, type Store } from './open-store';
import { toNum } from './to-num';
import { holdAuditsUntilCommit } from './audit-repo';
import { compiledOnce } from './compiled-once';

/**
 * The per-agent change feed behind pull cursors. A row says "case X changed for agent Y";
 * the pull reads the case's current state, so the op/reason are only hints.
 *
 * Sequence order must equal commit order (a reader's cursor must never pass a change that commits
 * later), so on PostgreSQL the rows are numbered under one advisory lock (`lockChangeFeed`). That
 * lock is taken at the very end of a writing transaction — its change rows are buffered meanwhile
 * and inserted just before commit — not at its start: held for the whole transaction it
 * serialised every push of every centre process behind each other's round trips (1 000
 * workstations on two processes timed out waiting for it). The holder then only inserts change
 * rows and commits, so it never waits for a row lock another transaction holds: no deadlock.
 */
export type ChangeOp = 'upsert' | 'drop';

type ChangeRow = { staff_no: string; policy_no: string; op: ChangeOp; reason: string | null; at: string };

/** Change rows of each open feed transaction, appended at its end. */
const pending = new WeakMap<object, ChangeRow[]>();

/** Runs `work` in one transaction; the change rows it appended go into the feed just before commit, under the lock. */
export async function changeFeedTransaction<T>(store: Store, work: (trx: Transaction<CenterDatabase>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const rows: ChangeRow[] = [];
    pending.set(trx, rows);
    const appendAudits = holdAuditsUntilCommit(trx);
    let result: T;
    try {
      result = await work(trx);
    } finally {
      pending.delete(trx);
    }
    // The audit chain's head lock comes after all other work and before the feed's (audit-repo.ts).
    await appendAudits();
    if (rows.length > 0) {
      await lockChangeFeed(trx, store.engine);
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('changes')
          .values(rows.slice(i, i + 500))
          .execute();
    }
    return result;
  });
}

function bufferOf(trx: Kysely<CenterDatabase>): ChangeRow[] {
  const rows = pending.get(trx);
  // Outside a feed transaction a change would be numbered without the lock: a programming error.
  if (!rows) throw new Error('appendChange outside changeFeedTransaction');
  return rows;
}

/** Appends one change to the caller's feed transaction (written at its end). */
export async function appendChange(trx: Kysely<CenterDatabase>, staffNo: string, policyNo: string, op: ChangeOp, reason: string | null = null): Promise<void> {
  bufferOf(trx).push({ staff_no: staffNo, policy_no: policyNo, op, reason, at: nowIso() });
}

/** Appends many changes at once (import of assigned cases). */
export async function appendChanges(
  trx: Kysely<CenterDatabase>,
  rows: readonly { staffNo: string; policyNo: string; op: ChangeOp; reason?: string | null }[],
): Promise<void> {
  const at = nowIso();
  bufferOf(trx).push(...rows.map((r) => ({ staff_no: r.staffNo, policy_no: r.policyNo, op: r.op, reason: r.reason ?? null, at })));
}

/** The highest sequence number each store (its Kysely handle) was seen to reach: numbers only grow, so this is never above the truth. */
const reached = new WeakMap<object, number>();

function noteReached(db: Kysely<CenterDatabase>, seq: number): void {
  if (seq > (reached.get(db) ?? 0)) reached.set(db, seq);
}

/** Highest sequence number so far (0 when empty). */
export async function maxChangeSeq(db: Kysely<CenterDatabase>): Promise<number> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  const max = toNum(row?.m);
  noteReached(db, max);
  return max;
}

/**
 * Whether `seq` lies beyond every change in the feed (a cursor of another centre or of a reset
 * database). A cursor at or below a number this process has already seen cannot be, so only a
 * cursor past it costs a read — otherwise every empty pull paid one round trip for this check.
 */
export async function beyondFeed(db: Kysely<CenterDatabase>, seq: number): Promise<boolean> {
  if (seq <= (reached.get(db) ?? 0)) return false;
  return seq > (await maxChangeSeq(db));
}

const feedPage = compiledOnce((db, p: { staffNo: string; afterSeq: number; limit: number }) =>
  db
    .selectFrom('changes')
    .select(['seq', 'policy_no', 'op', 'reason'])
    .where('staff_no', '=', p.staffNo)
    .where('seq', '>', p.afterSeq)
    .orderBy('seq')
    .limit(p.limit),
);

/** Changes for one agent after `afterSeq`, oldest first, at most `limit` (every pull reads them: compiled once). */
export async function changesSince(store: Store, staffNo: string, afterSeq: number, limit: number) {
  const rows = await feedPage(store.db, store.engine, { staffNo, afterSeq, limit });
  const changes = rows.map((r) => ({ seq: toNum(r.seq), policyNo: r.policy_no, op: r.op as ChangeOp, reason: r.reason }));
  if (changes.length > 0) noteReached(store.db, changes[changes.length - 1]!.seq);
  return changes;
}
