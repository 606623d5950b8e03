import { sql, type Kysely } from 'kysely';

/**
 * Sixth schema version: `calendar_years`, the official holiday schedules an administrator loaded
 * for years the bundled `chinese-days` data does not cover (README "Holiday schedules"). One row per
 * year; loading a year again replaces its row. `schedule` is the validated file as JSON
 * (`HolidaySchedule`), `source` its notice number when given, `loaded_by`/`loaded_at` who and when.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const calendarYearsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table calendar_years (
      year integer primary key,
      schedule text not null,
      source text,
      loaded_by text not null,
      loaded_at text not null
    )`.execute(db);
  },
};
