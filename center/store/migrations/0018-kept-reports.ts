import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0018: management reports (docs/domain.md §8). `kept_reports` holds each generated
 * monthly/yearly report, the figures as JSON and the workbook as base64 text (one column type on
 * both engines); the period is the key, so two centre processes generating the same month keep one.
 * Reports select a period's cases by deadline: the index keeps that a range scan. Same SQL on
 * SQLite and PostgreSQL.
 */
export const keptReportsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table kept_reports (
      period text primary key,
      generated_at text not null,
      figures text not null,
      xlsx_base64 text not null
    )`.execute(db);
    await sql`create index cases_deadline on cases (deadline)`.execute(db);
  },
};
