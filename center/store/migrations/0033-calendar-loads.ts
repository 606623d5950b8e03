import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0033: every load of a holiday schedule is kept with the dates it moved
 * (center/calendar/calendar-loads-repo.ts), so an administrator can look back at what a load
 * changed after its answer has left the screen — a customer asking why a deadline moved is
 * answered from here. The audit entry keeps the first hundred only.
 */
export const calendarLoadsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table calendar_loads (
      id text primary key,
      year integer not null,
      source text,
      loaded_by text not null,
      loaded_at text not null,
      replaced smallint not null,
      cases_changed integer not null,
      work_orders_changed integer not null,
      moved_deadlines text not null,
      moved_orders text not null
    )`.execute(db);
    await sql`create index calendar_loads_loaded_at on calendar_loads (loaded_at)`.execute(db);
  },
};
