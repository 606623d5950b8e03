import { sql, type Kysely } from 'kysely';

/**
 * Schema version 0014: the centre checks what it is told (README "Result checks").
 * - `result_checks`: one row per pushed result — the result as pushed (JSON), the session it is
 *   expected from (the call's attempt names it), and where the check stands (`result-check-state.ts`).
 * - `session_check_facts`: what an archived session holds for the check, in clear: script id and
 *   version, the answer codes (step ids and 是/否 codes, no personal data), outcome and kinds.
 * - `result_flags`: every disagreement found, never deleted: a resolved flag keeps when and why.
 * - an index on `sync_items (policy_no, kind)`: each pushed result looks up its call's attempt.
 *
 * Same SQL on SQLite and PostgreSQL.
 */
export const resultChecksMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table result_checks (
      result_item_id text primary key,
      policy_no text not null,
      agent_id text not null,
      team text not null,
      session_id text,
      pushed text not null,
      pushed_at text not null,
      state text not null,
      checked_at text,
      derived text
    )`.execute(db);
    await sql`create index result_checks_state_pushed on result_checks (state, pushed_at)`.execute(db);
    await sql`create index result_checks_session on result_checks (session_id)`.execute(db);
    await sql`create index result_checks_policy_agent on result_checks (policy_no, agent_id)`.execute(db);
    await sql`create table session_check_facts (
      session_id text primary key,
      policy_no text not null,
      agent_id text not null,
      facts text not null,
      archived_at text not null
    )`.execute(db);
    await sql`create index session_check_facts_policy_agent on session_check_facts (policy_no, agent_id)`.execute(db);
    await sql`create table result_flags (
      id text primary key,
      result_item_id text not null,
      policy_no text not null,
      agent_id text not null,
      team text not null,
      session_id text,
      kind text not null,
      detail text not null,
      raised_at text not null,
      resolved_at text,
      resolution text
    )`.execute(db);
    await sql`create index result_flags_team_raised on result_flags (team, raised_at)`.execute(db);
    await sql`create index result_flags_result on result_flags (result_item_id)`.execute(db);
    await sql`create index result_flags_session on result_flags (session_id)`.execute(db);
    await sql`create index sync_items_policy_kind on sync_items (policy_no, kind)`.execute(db);
  },
};
