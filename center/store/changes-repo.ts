import type { Kysely } from 'kysely';
import type { CenterDatabase } from './db-schema';
import { nowIso } from './clock';
import { toNum } from './to-num';

/**
 * The per-agent change feed behind pull cursors. A row says "case X changed for agent Y";
 * the pull reads the case's current state, so the op/reason are only hints. Writers must hold
 * `lockChangeFeed` (PostgreSQL) so sequence order equals commit order.
 */
export type ChangeOp = 'upsert' | 'drop';

/** Appends one change inside the caller's transaction. */
export async function appendChange(trx: Kysely<CenterDatabase>, staffNo: string, policyNo: string, op: ChangeOp, reason: string | null = null): Promise<void> {
  await trx.insertInto('changes').values({ staff_no: staffNo, policy_no: policyNo, op, reason, at: nowIso() }).execute();
}

/** Appends many changes at once (import of assigned cases). */
export async function appendChanges(
  trx: Kysely<CenterDatabase>,
  rows: readonly { staffNo: string; policyNo: string; op: ChangeOp; reason?: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  const at = nowIso();
  await trx
    .insertInto('changes')
    .values(rows.map((r) => ({ staff_no: r.staffNo, policy_no: r.policyNo, op: r.op, reason: r.reason ?? null, at })))
    .execute();
}

/** Highest sequence number so far (0 when empty). */
export async function maxChangeSeq(db: Kysely<CenterDatabase>): Promise<number> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return toNum(row?.m);
}

/** Changes for one agent after `afterSeq`, oldest first, at most `limit`. */
export async function changesSince(db: Kysely<CenterDatabase>, staffNo: string, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'policy_no', 'op', 'reason'])
    .where('staff_no', '=', staffNo)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: toNum(r.seq), policyNo: r.policy_no, op: r.op as ChangeOp, reason: r.reason }));
}
