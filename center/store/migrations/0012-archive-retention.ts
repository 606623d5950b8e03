import { sql, type Kysely } from 'kysely';

/**
 * Twelfth schema version: retention, disputes and legal hold of the evidence archive (README
 * "Evidence archive" → Retention; docs/domain.md §9, §11; 可回溯管理暂行办法 第13条).
 *
 * `archived_sessions` gains `contract_end` (the policy's last day, null = unknown), `retain_until`
 * (the last day it must be kept, null = no end while a dispute is open), `retention_basis`
 * (call / contract_end / dispute / open_dispute), and the tombstone columns `purged_at`,
 * `purge_reason`: a purged session keeps its row (id, policy, listing columns) with the sealed
 * record, wrapped key and manifest emptied, so the listing says it was purged.
 * `archive_disputes`: disputes on a policy (opened, ended). `legal_holds`: holds on a policy or a
 * session, released ones kept for the record. Ids are text (random UUIDs) on both engines.
 *
 * Rows archived before this version get `retain_until` at the next purge run (the first runs a minute
 * after `serve` starts; `recomputeRetention`), which reads case data a migration should not interpret.
 * Same SQL on SQLite and PostgreSQL (one column per statement).
 */
export const archiveRetentionMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table archived_sessions add column contract_end text`.execute(db);
    await sql`alter table archived_sessions add column retain_until text`.execute(db);
    await sql`alter table archived_sessions add column retention_basis text not null default 'pending'`.execute(db);
    await sql`alter table archived_sessions add column purged_at text`.execute(db);
    await sql`alter table archived_sessions add column purge_reason text`.execute(db);
    await sql`create index archived_sessions_retain_until on archived_sessions (retain_until)`.execute(db);
    await sql`create index archived_sessions_case on archived_sessions (case_id)`.execute(db);
    await sql`create table archive_disputes (
      id text primary key,
      policy_no text not null,
      opened_on text not null,
      reason text not null,
      ended_on text,
      end_note text,
      recorded_by text not null,
      recorded_at text not null,
      ended_by text,
      ended_at text
    )`.execute(db);
    await sql`create index archive_disputes_policy on archive_disputes (policy_no)`.execute(db);
    await sql`create table legal_holds (
      id text primary key,
      scope text not null,
      target text not null,
      reason text not null,
      placed_by text not null,
      placed_at text not null,
      released_by text,
      released_at text,
      release_reason text
    )`.execute(db);
    await sql`create index legal_holds_target on legal_holds (scope, target)`.execute(db);
  },
};
