import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0021: the live board shared by several centre processes on one PostgreSQL
 * (README "Live board"). Each agent's last published state, the spent nonces of monitor grants
 * (a grant is single-use across processes) and which lead barges into which call (one at a time
 * across processes). Times are epoch milliseconds. A single SQLite centre keeps these in memory
 * and leaves the tables empty. Same SQL on SQLite and PostgreSQL.
 */
export const sharedLiveStateMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table live_states (
      staff_no text primary key,
      team text not null,
      state text not null,
      received_at bigint not null
    )`.execute(db);
    await sql`create table monitor_grant_uses (
      nonce text primary key,
      expires_at bigint not null
    )`.execute(db);
    await sql`create index monitor_grant_uses_expiry on monitor_grant_uses (expires_at)`.execute(db);
    await sql`create table live_barges (
      agent text primary key,
      lead text not null,
      call_since text not null
    )`.execute(db);
  },
};
