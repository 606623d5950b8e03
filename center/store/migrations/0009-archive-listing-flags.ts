import { sql, type Kysely } from 'kysely';

/**
 * Ninth schema version: the archive listing's QA filters (README "Evidence archive", QA across desks
 * — recording gaps, on hold). Copied out of the session in clear at archive time, like the
 * other listing columns, so a listing never opens a sealed record:
 * `recording_state` (none / failed / finalised), `recovered` (0/1: finalised by crash recovery),
 * `gap_count` (gaps in the recording) and `legal_hold` (0/1: held at the desk when archived).
 *
 * Rows archived before this version: `recording_state` and `gap_count` are derived from the
 * stored manifest (clear JSON); `recovered` likewise; `legal_hold` stays 0 because it lives only
 * in the sealed record, which a migration has no key to open.
 *
 * Same SQL on SQLite and PostgreSQL (one column per statement: SQLite adds only one at a time).
 */
export const archiveListingFlagsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table archived_sessions add column recording_state text not null default 'none'`.execute(db);
    await sql`alter table archived_sessions add column recovered integer not null default 0`.execute(db);
    await sql`alter table archived_sessions add column gap_count integer not null default 0`.execute(db);
    await sql`alter table archived_sessions add column legal_hold integer not null default 0`.execute(db);
    const rows = await sql<{ session_id: string; manifest: string }>`select session_id, manifest from archived_sessions where manifest is not null`.execute(db);
    for (const r of rows.rows) {
      const m = JSON.parse(r.manifest) as { recovered?: boolean; gaps?: unknown[] };
      await sql`update archived_sessions set recording_state = 'finalised', recovered = ${m.recovered ? 1 : 0}, gap_count = ${m.gaps?.length ?? 0}
        where session_id = ${r.session_id}`.execute(db);
    }
  },
};
