import { sql, type Kysely } from 'kysely';
import type { StoreEngine } from '../engine';

/**
 * Schema version 0028: QA sampling over a million calls within two seconds on PostgreSQL. The rules
 * need two facts per call that lived in other tables: whether the call has its script facts on
 * record (`session_check_facts`, only such calls can be scored) and whether its result was
 * overridden (a `result_checks` row whose pushed JSON carries an override). Joining both for every
 * call of a period cost more than reading the period, so they become flags on the call itself,
 * written where those rows are written (center/archive/archive-service.ts, center/result-checks/)
 * and back-filled here.
 *
 * On PostgreSQL the work list is chosen per agent and week through an index in draw order
 * (center/qa/qa-sampling-pg.ts), and the mandatory calls through a partial index of just those:
 * both cover the columns the rules read so that no table row is visited. SQLite ranks the calls
 * with window functions (its planner has no lateral joins) and keeps the period index of 0025.
 */
export function qaSamplingFlagsMigration(engine: StoreEngine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`alter table archived_sessions add column qa_scorable smallint not null default 0`.execute(db);
      await sql`alter table archived_sessions add column qa_overridden smallint not null default 0`.execute(db);
      await sql`update archived_sessions set qa_scorable = 1
        where exists (select 1 from session_check_facts f where f.session_id = archived_sessions.session_id)`.execute(db);
      await sql`update archived_sessions set qa_overridden = 1
        where exists (select 1 from result_checks r where r.session_id = archived_sessions.session_id and r.pushed like '%"override":{%')`.execute(db);
      if (engine !== 'postgres') return;
      await sql`create index archived_sessions_sample_rank on archived_sessions (agent_id, sample_week, sample_draw, session_id)
        include (sample_day, team, outcome, qa_overridden, gap_count, created_at)
        where qa_scorable = 1 and purged_at is null`.execute(db);
      await sql`create index archived_sessions_sample_must on archived_sessions (sample_day)
        include (session_id, agent_id, team, created_at, outcome, qa_overridden, gap_count)
        where qa_scorable = 1 and purged_at is null and (outcome = 'problem' or qa_overridden = 1 or gap_count > 0)`.execute(db);
    },
  };
}
