import { sql, type Kysely } from 'kysely';

/**
 * Eighth schema version: `archived_sessions`, one row per call session whose record and recording
 * reached the centre (README "Evidence archive"; docs/domain.md §9, §11: kept ≥ 20 years).
 * `session_sealed` is the session JSON sealed with the centre's AES-256-GCM key (personal data is
 * never stored in clear); `wrapped_key` is the desk's recording key wrapped for the centre's
 * archive key; `blob_key` names the recording in the blob store (its SHA-256), null without one.
 * Times are ISO text; `kinds` a JSON array.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const sessionArchiveMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table archived_sessions (
      session_id text primary key,
      agent_id text not null,
      case_id text,
      team text not null,
      created_at text not null,
      ended_at text,
      outcome text,
      kinds text not null,
      recording_sha256 text,
      recording_bytes bigint,
      blob_key text,
      wrapped_key text not null,
      session_sealed text not null,
      manifest text,
      archived_at text not null
    )`.execute(db);
    await sql`create index archived_sessions_team_created on archived_sessions (team, created_at)`.execute(db);
    await sql`create index archived_sessions_agent_created on archived_sessions (agent_id, created_at)`.execute(db);
  },
};
