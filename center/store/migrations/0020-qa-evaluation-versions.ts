import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0020: a lead who revises a disputed QA evaluation makes a new version of it
 * (README "QA evaluations": the lead's decision is recorded, the agent's record changes, the first
 * scoring stays for history).
 * - `supersedes`: the evaluation this one replaces (null for the first scoring of a call).
 * - `is_current`: 1 for the version that counts, 0 once superseded. The one-per-call index from 0015
 *   now holds only among current versions, so a revision can stand beside the evaluation it replaces.
 *
 * Same SQL on SQLite and PostgreSQL (both add a defaulted NOT NULL column and have partial indexes).
 */
export const qaEvaluationVersionsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table qa_evaluations add column supersedes text`.execute(db);
    await sql`alter table qa_evaluations add column is_current integer not null default 1`.execute(db);
    await sql`drop index qa_evaluations_one_per_call`.execute(db);
    await sql`create unique index qa_evaluations_one_current_per_call on qa_evaluations (session_id) where calibration_id is null and is_current = 1`.execute(
      db,
    );
  },
};
