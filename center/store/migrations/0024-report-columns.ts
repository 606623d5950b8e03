import { sql, type Kysely } from 'kysely';
import type { StoreEngine } from '../engine';

/** The case JSON fields the management reports group by, as `cases` columns (name → JSON path). */
const REPORT_FIELDS = [
  ['channel_kind', ['channel', 'kind']],
  ['branch_code', ['branch', 'code']],
  ['branch_name', ['branch', 'name']],
  ['product_design', ['product', 'design']],
] as const;

/**
 * Schema version 0024: the month's report over a million results. Its groupings (channel, branch,
 * product) live inside the case JSON; parsing that JSON for every case, in Node or in the query,
 * cost more than reading the cases twice. They become generated columns the database derives from
 * `data` itself, so no writer can let them drift and the migration fills existing rows:
 * - PostgreSQL stores them (computed once per write; the table is rewritten once here);
 * - SQLite cannot add a stored column to an existing table, so they are virtual (its JSON is
 *   parsed in C and cached per row, cheap beside a Node parse).
 * Work orders gain indexes on the period columns the reports filter on, and a covering index the
 * "branch closed it in time" test reads without touching the table.
 */
export function reportColumnsMigration(engine: StoreEngine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine === 'postgres') {
        const adds = REPORT_FIELDS.map(([column, [a, b]]) => `add column ${column} text generated always as ((data::jsonb) -> '${a}' ->> '${b}') stored`);
        await sql.raw(`alter table cases ${adds.join(', ')}`).execute(db);
      } else {
        for (const [column, [a, b]] of REPORT_FIELDS) {
          await sql.raw(`alter table cases add column ${column} text generated always as (json_extract(data, '$.${a}.${b}')) virtual`).execute(db);
        }
      }
      await sql`create index work_orders_from_date on work_orders (from_date)`.execute(db);
      await sql`create index work_orders_closed_on on work_orders (closed_on)`.execute(db);
      await sql`create index work_orders_done_in_time on work_orders (policy_no, status, closed_on, due_date)`.execute(db);
    },
  };
}
