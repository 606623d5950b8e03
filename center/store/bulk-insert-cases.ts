import { CompiledQuery, type Transaction } from 'kysely';
import type { CasesTable, CenterDatabase } from './db-schema';
import type { StoreEngine } from './engine';

/** Every `cases` column with its PostgreSQL type, in table order (migrations 0001 and 0005). */
const CASE_COLUMNS: Readonly<Record<keyof CasesTable, 'text' | 'integer'>> = {
  policy_no: 'text',
  data: 'text',
  team: 'text',
  language: 'text',
  holder_age: 'integer',
  holder_phone: 'text',
  visit_mode: 'text',
  kind: 'text',
  status: 'text',
  priority: 'integer',
  deadline: 'text',
  escalated: 'integer',
  flags: 'text',
  assigned_to: 'text',
  assigned_at: 'text',
  attempt_count: 'integer',
  result_class: 'text',
  result_by: 'text',
  result_item_id: 'text',
  result_override: 'text',
  closed_reason: 'text',
  return_month: 'text',
  version: 'integer',
  imported_at: 'text',
  updated_at: 'text',
};
const NAMES = Object.keys(CASE_COLUMNS) as (keyof CasesTable)[];
const COLUMN_LIST = NAMES.join(', ');
/** `unnest($1::text[], $2::integer[], …)`: one array parameter per column, whatever the batch size. */
const UNNEST = `insert into cases (${COLUMN_LIST}) select * from unnest(${NAMES.map((n, i) => `$${i + 1}::${CASE_COLUMNS[n]}[]`).join(', ')})`;
/**
 * The same insert with every column as one text parameter split by the server: values joined by
 * U+001F, NULL written as U+001E. The `unnest` of arrays spent most of a large import in the
 * driver quoting and escaping every element (and the server unescaping it); a join is one copy.
 */
const SPLIT = `insert into cases (${COLUMN_LIST}) select * from unnest(${NAMES.map((n, i) => `string_to_array($${i + 1}, chr(31), chr(30))::${CASE_COLUMNS[n]}[]`).join(', ')})`;
/** Columns of JSON text: JSON escapes every control character, so these always split cleanly. */
const JSON_COLUMNS = new Set<keyof CasesTable>(['data', 'flags']);
const CHECKED = NAMES.filter((n) => !JSON_COLUMNS.has(n));
/** A value the split form cannot carry: empty (an empty text splits to no element) or holding a separator. */
const unsplittable = (v: unknown) => typeof v === 'string' && (v === '' || v.includes('\x1f') || v.includes('\x1e'));

/** Rows per SQLite statement: 1 000 × 25 bind variables stays under SQLite's limit of 32 766. */
const SQLITE_BATCH = 1000;
const sqliteInsert = (rows: number) =>
  `insert into cases (${COLUMN_LIST}) values ${Array.from({ length: rows }, () => `(${NAMES.map(() => '?').join(', ')})`).join(', ')}`;
const FULL_SQLITE_INSERT = sqliteInsert(SQLITE_BATCH);

/**
 * Inserts new case rows. The statement text is fixed per batch size, so neither engine parses or
 * plans it anew and Kysely compiles nothing per row: on PostgreSQL all rows travel as one array per
 * column expanded by `unnest` (25 parameters — a multi-row VALUES of 500 rows is 12 500 the server
 * parses and plans each time, and a JSON recordset costs a JSON parse of every row); on SQLite as
 * multi-row inserts of 1 000 rows whose prepared statement the store's statement cache keeps.
 */
export async function insertCaseRows(trx: Transaction<CenterDatabase>, engine: StoreEngine, rows: readonly CasesTable[]): Promise<void> {
  if (rows.length === 0) return;
  if (engine === 'postgres') {
    if (!rows.some((r) => CHECKED.some((n) => unsplittable(r[n])))) {
      const columns = NAMES.map((n) => rows.map((r) => (r[n] === null || r[n] === undefined ? '\x1e' : String(r[n]))).join('\x1f'));
      await trx.executeQuery(CompiledQuery.raw(SPLIT, columns));
      return;
    }
    await trx.executeQuery(
      CompiledQuery.raw(
        UNNEST,
        NAMES.map((n) => rows.map((r) => r[n])),
      ),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += SQLITE_BATCH) {
    const batch = rows.slice(i, i + SQLITE_BATCH);
    const values: unknown[] = [];
    for (const r of batch) for (const n of NAMES) values.push(r[n]);
    await trx.executeQuery(CompiledQuery.raw(batch.length === SQLITE_BATCH ? FULL_SQLITE_INSERT : sqliteInsert(batch.length), values));
  }
}
