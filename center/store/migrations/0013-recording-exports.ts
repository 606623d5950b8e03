import { sql, type Kysely } from 'kysely';

/**
 * Thirteenth schema version: `recording_exports`, one row per request for a copy of one archived
 * session's recording (README "Recording exports"; docs/domain.md §9: a copy leaves only with the
 * department head's written approval). `state` follows `exportTransition` (shared/sync/recording-export.ts);
 * `expires_at` is set at approval; `claimed_at` marks a download in progress. The session's team,
 * agent and call time are copied at request time so the listing never joins the archive (whose rows
 * retention may remove). Times are ISO text.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const recordingExportsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table recording_exports (
      id text primary key,
      session_id text not null,
      team text not null,
      agent_id text not null,
      session_created_at text not null,
      requested_by text not null,
      reason text not null,
      requested_at text not null,
      state text not null,
      decided_by text,
      decided_at text,
      decision_comment text,
      expires_at text,
      claimed_at text,
      downloaded_at text
    )`.execute(db);
    await sql`create index recording_exports_requester on recording_exports (requested_by, requested_at)`.execute(db);
    await sql`create index recording_exports_state on recording_exports (state, requested_at)`.execute(db);
  },
};
