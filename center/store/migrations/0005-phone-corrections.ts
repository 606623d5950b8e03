import { sql, type Kysely } from 'kysely';

/**
 * Fifth schema version:
 *
 * - `phone_corrections`: wrong numbers corrected at a desk (号码更正). `id` is the pushed item's
 *   client id (primary key: a redelivered correction is never stored twice). The original number
 *   stays on file next to the correction; `corrected` is null when the number was only marked
 *   wrong. `corrected_by` is the caller who pushed it, `corrected_at` when it happened at the desk,
 *   `received_at` when the centre stored it (the branch lists by this one).
 * - `cases.result_override`: JSON `{computedClassification, computedKinds, reason}` when the agent
 *   overrode the computed classification of the stored result; null otherwise.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const phoneCorrectionsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table phone_corrections (
      id text primary key,
      policy_no text not null,
      original text not null,
      corrected text,
      reason text not null,
      corrected_by text not null,
      corrected_at text not null,
      received_at text not null
    )`.execute(db);
    await db.schema.createIndex('phone_corrections_policy').on('phone_corrections').column('policy_no').execute();
    await db.schema.createIndex('phone_corrections_received').on('phone_corrections').column('received_at').execute();
    await sql`alter table cases add column result_override text`.execute(db);
  },
};
