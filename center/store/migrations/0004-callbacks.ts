import { sql, type Kysely } from 'kysely';

/**
 * Fourth schema version: callbacks (预约回呼) booked at a desk, mine or another agent's. `id` is
 * the pushed item's client id (primary key: a redelivered booking is never stored twice).
 * `deliver_to` is the agent whose pull carries it: the assignee, or the case holder at booking
 * time when the booking named nobody. Same SQL on SQLite and PostgreSQL.
 */
export const callbacksMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table callbacks (
      id text primary key,
      policy_no text not null,
      assignee text,
      deliver_to text not null,
      booked_by text not null,
      booked_at text not null,
      due_at text not null,
      note text not null,
      override_reason text
    )`.execute(db);
    await db.schema.createIndex('callbacks_deliver_to').on('callbacks').columns(['deliver_to', 'policy_no']).execute();
  },
};
