import { sql, type Transaction } from 'kysely';
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
const COLUMN_LIST = sql.raw(NAMES.join(', '));
const RECORD_TYPE = sql.raw(NAMES.map((n) => `${n} ${CASE_COLUMNS[n]}`).join(', '));

/**
 * Inserts new case rows in batches. On PostgreSQL a batch travels as one JSON parameter expanded
 * by `jsonb_to_recordset`: a multi-row VALUES of 500 rows × 25 columns is 12 500 bind parameters
 * the server parses and plans per statement, which made the import's store phase wait on the
 * server for most of its time. SQLite keeps the plain multi-row insert (no planning cost there).
 */
export async function insertCaseRows(trx: Transaction<CenterDatabase>, engine: StoreEngine, rows: readonly CasesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    if (engine === 'postgres') {
      await sql`insert into cases (${COLUMN_LIST}) select ${COLUMN_LIST} from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(${RECORD_TYPE})`.execute(
        trx,
      );
    } else {
      await trx.insertInto('cases').values(batch).execute();
    }
  }
}
