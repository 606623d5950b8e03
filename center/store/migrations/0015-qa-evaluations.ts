import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0015: QA evaluations generated from the script (README "QA evaluations").
 * - `qa_form_versions`: each version of a form as JSON (`QaFormVersion`); never changed once saved,
 *   so an evaluation keeps the version it was made with.
 * - `qa_claims`: a call taken from the work list by one QA; the primary key makes a second claim fail.
 * - `qa_evaluations`: one per call outside calibration (partial unique index), one per call and
 *   reviewer inside one; verdicts JSON, the score in tenths (an integer on both engines), and the
 *   agent's acknowledgement or dispute and the lead's resolution.
 * - `qa_calibrations`: a lead's chosen calls and reviewers.
 *
 * Same SQL on SQLite and PostgreSQL (both have partial indexes).
 */
export const qaEvaluationsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table qa_form_versions (
      form_id text not null,
      version integer not null,
      definition text not null,
      created_by text not null,
      created_at text not null,
      primary key (form_id, version)
    )`.execute(db);
    await sql`create table qa_claims (
      session_id text primary key,
      claimed_by text not null,
      claimed_at text not null,
      reasons text not null
    )`.execute(db);
    await sql`create table qa_calibrations (
      id text primary key,
      lead text not null,
      team text not null,
      sessions text not null,
      reviewers text not null,
      created_at text not null
    )`.execute(db);
    await sql`create table qa_evaluations (
      id text primary key,
      session_id text not null,
      policy_no text not null,
      agent_id text not null,
      team text not null,
      form_id text not null,
      form_version integer not null,
      script_id text not null,
      script_version text not null,
      evaluator text not null,
      calibration_id text,
      verdicts text not null,
      score_tenths integer not null,
      passed integer not null,
      fatal_failures text not null,
      state text not null,
      created_at text not null,
      acknowledged_at text,
      dispute_reason text,
      disputed_at text,
      resolution text,
      resolution_note text,
      resolved_by text,
      resolved_at text
    )`.execute(db);
    await sql`create unique index qa_evaluations_one_per_call on qa_evaluations (session_id) where calibration_id is null`.execute(db);
    await sql`create unique index qa_evaluations_one_per_reviewer on qa_evaluations (calibration_id, session_id, evaluator) where calibration_id is not null`.execute(
      db,
    );
    await sql`create index qa_evaluations_agent_created on qa_evaluations (agent_id, created_at)`.execute(db);
    await sql`create index qa_evaluations_team_state on qa_evaluations (team, state)`.execute(db);
  },
};
