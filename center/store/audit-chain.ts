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

/** Rows per insert statement (7 parameters a row: far under either engine's limit). */
const INSERT_CHUNK = 200;

/**
 * Appends rows, in order, to the chained audit log; `trx` must be a transaction (the caller commits).
 * The no-op update of the head row comes first: it locks that row until commit, so a second
 * writer — in this process or another centre process on the same PostgreSQL — waits there and then
 * reads the head this one wrote (READ COMMITTED re-reads an updated row). SQLite has one writer
 * at a time anyway. The lock therefore also orders the ids: each row's id is drawn after the
 * previous row's commit, so id order is chain order. Many rows cost one lock, one insert per
 * `INSERT_CHUNK` rows and one head update — a row at a time, a burst of audited reads queued behind
 * the head's lock for three round trips each (audit-repo.ts batches them).
 */
export async function appendChained(trx: Kysely<CenterDatabase>, rows: readonly AuditChainContent[]): Promise<void> {
  if (rows.length === 0) return;
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_hash: eb.ref('last_hash') }))
    .where('id', '=', 1)
    .returning('last_hash')
    .executeTakeFirst();
  if (!head) throw new Error('audit chain head row missing: the store was not migrated to 0011-audit-chain');
  let prev = head.last_hash;
  const chained = rows.map((row) => {
    const hash = sha256Hex(auditChainText(prev, row));
    const linked = { ...row, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
  let lastId = 0;
  for (let i = 0; i < chained.length; i += INSERT_CHUNK) {
    const chunk = chained.slice(i, i + INSERT_CHUNK);
    const inserted = await trx.insertInto('audit_log').values(chunk).returning(['id', 'hash']).execute();
    // The chain is walked in id order: a multi-row insert must number its rows in the order given.
    const byId = inserted.map((r) => ({ id: toNum(r.id), hash: r.hash })).sort((a, b) => a.id - b.id);
    if (byId.length !== chunk.length || byId.some((r, k) => r.hash !== chunk[k]!.hash)) {
      throw new Error('audit rows were not numbered in chain order; nothing was appended');
    }
    lastId = byId[byId.length - 1]!.id;
  }
  await trx.updateTable('audit_chain_head').set({ last_id: lastId, last_hash: prev }).where('id', '=', 1).execute();
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
