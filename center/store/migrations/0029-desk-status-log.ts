import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0029: time per desk status for the agents' activity report (docs/domain.md §8).
 * Live states stay in memory (center/live/), but each change of an agent's status (ready, paused
 * with its reason, in call, wrap-up) and each sign-out is kept here as the time it began, so a
 * month's report can add up how long each agent spent in each. The key makes the row idempotent: a
 * desk republishing the same status, or two centre processes hearing it, store it once. `until` is
 * when the desk was last heard in that status (refreshed at most once a minute), so a desk that
 * vanishes without signing out is not counted on for hours.
 */
export const deskStatusLogMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table desk_status_log (
      staff_no text not null,
      since text not null,
      status text not null,
      pause_reason text,
      until text,
      primary key (staff_no, since, status)
    )`.execute(db);
    await sql`create index desk_status_log_since on desk_status_log (since)`.execute(db);
  },
};
