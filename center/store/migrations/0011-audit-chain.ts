import { sql, type Kysely } from 'kysely';
import { CHAIN_GENESIS, auditChainText, type AuditChainContent } from '../../../shared/sync/audit-chain';
import { sha256Hex } from '../audit-chain';
import { toNum } from '../to-num';

const PAGE = 1000;

/**
 * Eleventh schema version: the audit log becomes a hash chain (README "Security", 个人信息保护法
 * 第55–56条). `audit_log` gets `prev_hash` and `hash`; `audit_chain_head` holds one row (id 1) with
 * the newest row's id and hash — every append locks it, and a verifier sees rows removed from the end.
 *
 * Rows written before this version are chained here, in id order, so the whole log verifies from
 * its first row. One transaction: Kysely runs PostgreSQL migrations in one already; on SQLite
 * (whose DDL is transactional too) it is opened here, which also spares an fsync per chained row.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const auditChainMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (db.isTransaction) await chainTheLog(db);
    else await db.transaction().execute(chainTheLog);
  },
};

async function chainTheLog(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column prev_hash text`.execute(db);
  await sql`alter table audit_log add column hash text`.execute(db);
  await sql`create table audit_chain_head (id integer primary key, last_id bigint not null, last_hash text not null)`.execute(db);
  let prev = CHAIN_GENESIS;
  let lastId = 0;
  for (;;) {
    const page = await sql<AuditChainContent & { id: number | string }>`select id, at, actor, action, target, detail from audit_log
      where id > ${lastId} order by id limit ${PAGE}`.execute(db);
    for (const r of page.rows) {
      const hash = sha256Hex(auditChainText(prev, r));
      await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(db);
      prev = hash;
      lastId = toNum(r.id);
    }
    if (page.rows.length < PAGE) break;
  }
  await sql`insert into audit_chain_head (id, last_id, last_hash) values (1, ${lastId}, ${prev})`.execute(db);
}
