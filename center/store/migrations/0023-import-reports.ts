import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0023: the per-row report of each list import made through the centre's HTTP API
 * (README "Web console" → administration), kept so the console can filter it and download it as a
 * workbook after the upload's answer is gone. The report is JSON text (one column type on both
 * engines). Same SQL on SQLite and PostgreSQL.
 */
export const importReportsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table import_reports (
      id text primary key,
      at text not null,
      actor text not null,
      file_name text not null,
      report text not null
    )`.execute(db);
    await sql`create index import_reports_at on import_reports (at)`.execute(db);
  },
};
