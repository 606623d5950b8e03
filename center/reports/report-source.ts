import { sql, type Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import type { StoreEngine } from '../store/engine';

/** What the report queries read: the centre's database (or one transaction of it) and its engine. */
export interface ReportSource {
  readonly db: Kysely<CenterDatabase>;
  readonly engine: StoreEngine;
}

/**
 * Runs a report's queries. On PostgreSQL they share one transaction, so every figure comes from one
 * snapshot, with two settings for it alone: memory enough to group a month in a hash table (with
 * the default 4 MB the planner sorts a million rows on disk instead) and no JIT compilation (its
 * ≈0.3 s of compiling is more than it saves on one pass over a month). SQLite reads in-process.
 */
export async function readForReport<T>(src: ReportSource, run: (src: ReportSource) => Promise<T>): Promise<T> {
  if (src.engine !== 'postgres') return run(src);
  return src.db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    return run({ db: trx, engine: src.engine });
  });
}
