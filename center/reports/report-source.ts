import { sql, type Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import type { StoreEngine } from '../store/engine';

/** What the report queries read: the centre's database (or one transaction of it) and its engine. */
export interface ReportSource {
  readonly db: Kysely<CenterDatabase>;
  readonly engine: StoreEngine;
}

/** A report's reading: its source, and a way to run independent queries beside it on the same data. */
export interface ReportReading extends ReportSource {
  /**
   * Runs `run` beside the report's other queries: on PostgreSQL in another pooled connection whose
   * transaction imports the report's snapshot (the figures still come from one state of the
   * database), on SQLite (in-process, one connection) in turn.
   */
  beside<T>(run: (src: ReportSource) => Promise<T>): Promise<T>;
}

/**
 * Connections the reports of this process may take beside their own at once. A reading past it runs
 * its queries in its own transaction, in turn: reports never take the pool the pushes need, and
 * never wait for a connection while holding one.
 */
const BESIDE_LIMIT = 2;
let besideInUse = 0;

/**
 * Memory enough to group a month in a hash table (with the default 4 MB the planner sorts a million
 * rows on disk instead) and no JIT compilation (its ≈0.3 s of compiling is more than it saves on
 * one pass over a month): for the report's transactions alone.
 */
async function tune(db: Kysely<CenterDatabase>): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(db);
  await sql`set local jit = off`.execute(db);
}

/**
 * Runs a report's queries. On PostgreSQL they read one snapshot: a repeatable-read transaction
 * exports it, and the queries run beside it import it (`set transaction snapshot`), so independent
 * figures are computed at once on several connections (the server's cores) yet agree with each
 * other. SQLite reads in-process, one query after the other.
 */
export async function readForReport<T>(src: ReportSource, run: (src: ReportReading) => Promise<T>): Promise<T> {
  if (src.engine !== 'postgres') return run({ ...src, beside: (r) => r(src) });
  return src.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await tune(trx);
      const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx)).rows[0]!.id;
      const own: ReportSource = { db: trx, engine: src.engine };
      const beside = async <U>(r: (s: ReportSource) => Promise<U>): Promise<U> => {
        if (besideInUse >= BESIDE_LIMIT) return r(own);
        besideInUse++;
        try {
          return await src.db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute(async (other) => {
              await sql`set transaction snapshot ${sql.lit(snapshot)}`.execute(other);
              await tune(other);
              return r({ db: other, engine: src.engine });
            });
        } finally {
          besideInUse--;
        }
      };
      return run({ ...own, beside });
    });
}
