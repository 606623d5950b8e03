import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  CHAIN_GENESIS,
  auditChainFault,
  auditChainText,
  type AuditChainBreak,
  type AuditChainContent,
  type AuditChainVerdict,
} from '../../shared/sync/audit-chain';
import type { CenterDatabase } from './db-schema';
import { toNum } from './to-num';

/** SHA-256 hex of UTF-8 text: the chain's hash. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const PAGE = 1000;

/**
 * Appends one row to the chained audit log; `trx` must be a transaction (the caller commits).
 * The no-op update of the head row comes first: it locks that row until commit, so a second
 * writer — in this process or another centre process on the same PostgreSQL — waits there and then
 * reads the head this one wrote (READ COMMITTED re-reads an updated row). SQLite has one writer
 * at a time anyway. The lock therefore also orders the ids: each row's id is drawn after the
 * previous row's commit, so id order is chain order.
 */
export async function appendChained(trx: Kysely<CenterDatabase>, row: AuditChainContent): Promise<void> {
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_hash: eb.ref('last_hash') }))
    .where('id', '=', 1)
    .returning('last_hash')
    .executeTakeFirst();
  if (!head) throw new Error('audit chain head row missing: the store was not migrated to 0011-audit-chain');
  const hash = sha256Hex(auditChainText(head.last_hash, row));
  const inserted = await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.last_hash, hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('audit_chain_head').set({ last_id: inserted.id, last_hash: hash }).where('id', '=', 1).execute();
}

/**
 * Walks the audit log in id order up to the chain head (read first, so rows appended meanwhile are
 * left for the next run) in pages, and names the first row where the chain does not hold.
 */
export async function verifyAuditChain(db: Kysely<CenterDatabase>): Promise<AuditChainVerdict> {
  const head = await db.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) throw new Error('audit chain head row missing: the store was not migrated to 0011-audit-chain');
  const headId = toNum(head.last_id);
  let prev = CHAIN_GENESIS;
  let lastId: number | null = null;
  let rows = 0;
  const broken = (b: AuditChainBreak): AuditChainVerdict => ({ ok: false, rows, firstBroken: b, headHash: head.last_hash });
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'action', 'target', 'detail', 'prev_hash', 'hash'])
      .where('id', '>', lastId ?? 0)
      .where('id', '<=', headId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of page) {
      const id = toNum(r.id);
      const fault = auditChainFault(prev, { ...r, id, prevHash: r.prev_hash }, sha256Hex);
      if (fault) return broken({ id, reason: fault, afterId: lastId });
      prev = r.hash as string;
      lastId = id;
      rows++;
    }
    if (page.length < PAGE) break;
  }
  // Rows removed from the end leave the head naming a row (and hash) the walk never reached.
  if (prev !== head.last_hash || (lastId ?? 0) !== headId) return broken({ id: headId, reason: 'tail_missing', afterId: lastId });
  return { ok: true, rows, headHash: head.last_hash };
}
