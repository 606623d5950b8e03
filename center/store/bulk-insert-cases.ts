import { CompiledQuery, type Transaction } from 'kysely';
import type { CasesTable, CenterDatabase } from './db-schema';
import type { StoreEngine } from './engine';
import { copyValues } from './pg-copy';

/** Every `cases` column, in table order (migrations 0001 and 0005); the type makes it miss none. */
const COLUMNS: Readonly<Record<keyof CasesTable, true>> = {
  policy_no: true,
  data: true,
  team: true,
  language: true,
  holder_age: true,
  holder_phone: true,
  visit_mode: true,
  kind: true,
  status: true,
  priority: true,
  deadline: true,
  escalated: true,
  flags: true,
  assigned_to: true,
  assigned_at: true,
  attempt_count: true,
  result_class: true,
  result_by: true,
  result_item_id: true,
  result_override: true,
  closed_reason: true,
  return_month: true,
  version: true,
  imported_at: true,
  updated_at: true,
};
/** The column order of `insertCaseValues`. */
export const CASE_COLUMNS = Object.keys(COLUMNS) as (keyof CasesTable)[];
const COLUMN_LIST = CASE_COLUMNS.join(', ');

/** Rows per SQLite statement: 1 000 × 25 bind variables stays under SQLite's limit of 32 766. */
const SQLITE_BATCH = 1000;
const sqliteInsert = (rows: number) =>
  `insert into cases (${COLUMN_LIST}) values ${Array.from({ length: rows }, () => `(${CASE_COLUMNS.map(() => '?').join(', ')})`).join(', ')}`;
const FULL_SQLITE_INSERT = sqliteInsert(SQLITE_BATCH);

/**
 * Inserts new case rows, given as one flat list of values, `CASE_COLUMNS` after `CASE_COLUMNS`: an
 * import builds it straight from its checked rows, with no object of 25 keys per row to build and
 * collect. On PostgreSQL one `COPY … FROM STDIN` per chunk (pg-copy.ts): an insert
 * of `unnest` arrays spent most of a large import in the driver quoting every array element and the
 * server parsing them back — the 20 chunks of 5 000 rows of a 100 000-row import took about 12 s in a
 * profile of the whole import. On SQLite multi-row inserts of 1 000 rows whose prepared statement the store's
 * statement cache keeps: the statement text is fixed per batch size, so nothing is parsed anew.
 */
export async function insertCaseValues(trx: Transaction<CenterDatabase>, engine: StoreEngine, values: readonly unknown[]): Promise<void> {
  if (values.length % CASE_COLUMNS.length !== 0) throw new Error(`case values come ${CASE_COLUMNS.length} a row, got ${values.length}`);
  if (values.length === 0) return;
  if (engine === 'postgres') {
    await copyValues(trx, 'cases', CASE_COLUMNS, values);
    return;
  }
  const step = SQLITE_BATCH * CASE_COLUMNS.length;
  for (let i = 0; i < values.length; i += step) {
    const part = values.length - i > step || i > 0 ? values.slice(i, i + step) : values;
    const rows = part.length / CASE_COLUMNS.length;
    await trx.executeQuery(CompiledQuery.raw(rows === SQLITE_BATCH ? FULL_SQLITE_INSERT : sqliteInsert(rows), part as unknown[]));
  }
}
