import { sql, type Kysely } from 'kysely';
import type { StoreEngine } from '../engine';

/**
 * Schema version 0032: QA sampling's counting pass reads the period, not the archive. The pass
 * counts each agent-week's and agent-month's calls (center/qa/qa-sampling-pg.ts); through the
 * draw-order index of 0028, which begins with the agent, it had to walk every call ever archived
 * to find a week's. This index begins with the day, so a week's or a month's work list reads that
 * period's entries only, and is narrow enough that a two-month period of a million calls is read
 * by one process faster than the wide index by three.
 */
export function qaSamplingCountIndexMigration(engine: StoreEngine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql`create index archived_sessions_sample_count on archived_sessions (sample_day, agent_id, sample_week)
        include (team, outcome, qa_overridden, gap_count)
        where qa_scorable = 1 and purged_at is null`.execute(db);
    },
  };
}
