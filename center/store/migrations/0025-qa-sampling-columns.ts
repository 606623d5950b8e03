import { sql, type Kysely } from 'kysely';
import { sampleKeys } from '../../qa/sample-keys';

/**
 * Schema version 0025: QA sampling over a million archived calls. The rules group calls by the
 * agent's local day, ISO week and month and draw them in a stable pseudo-random order
 * (shared/domain/qa/sampling.ts); computed in Node that meant reading every call of the period
 * into the centre. Written once per session here instead (`sample_day`, `sample_week`,
 * `sample_draw`), the selection runs inside the database (center/qa/qa-sampling-query.ts) and only
 * the chosen calls leave it. Existing rows are filled in batches; an index serves the period filter.
 */
export const qaSamplingColumnsMigration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table archived_sessions add column sample_day text`.execute(db);
    await sql`alter table archived_sessions add column sample_week text`.execute(db);
    await sql`alter table archived_sessions add column sample_draw bigint`.execute(db);
    for (;;) {
      const rows = await sql<{ session_id: string; created_at: string }>`
        select session_id, created_at from archived_sessions where sample_day is null limit 1000`.execute(db);
      if (rows.rows.length === 0) break;
      for (const r of rows.rows) {
        const k = sampleKeys(r.session_id, r.created_at);
        await sql`update archived_sessions set sample_day = ${k.sample_day}, sample_week = ${k.sample_week}, sample_draw = ${k.sample_draw}
          where session_id = ${r.session_id}`.execute(db);
      }
    }
    await sql`create index archived_sessions_sample on archived_sessions (sample_day, agent_id)`.execute(db);
  },
};
