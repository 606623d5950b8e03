import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { from as copyFrom } from 'pg-copy-streams';
import { CASE_REPORT_COLUMNS } from '../../center/store/db-schema-reports';
import { openStore, type Store, type StoreConfig } from '../../center/store/open-store';

/**
 * The baseline of the import benchmark: the very rows an import stored, written again into an
 * empty store of the same schema by the engine's own bulk path — better-sqlite3 prepared inserts
 * in one transaction (same WAL and synchronous=FULL as the centre), PostgreSQL `COPY … FROM STDIN`.
 * No validation, no eligibility, no change feed: the floor the import is compared with.
 */
export type CaseRows = readonly Record<string, unknown>[];

/** Every `cases` row of `store`, as stored. */
export async function readCaseRows(store: Store): Promise<CaseRows> {
  const rows = (await store.db.selectFrom('cases').selectAll().execute()) as unknown as Record<string, unknown>[];
  // The generated report columns (migration 0024) are the database's to fill: a copy leaves them out.
  for (const r of rows) for (const c of CASE_REPORT_COLUMNS) delete r[c];
  return rows;
}

/** Opens (and so migrates) an empty store, then closes it: the schema the raw write goes into. */
async function emptySchema(config: StoreConfig): Promise<void> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  await o.store.close();
}

/** Milliseconds to write `rows` into an empty SQLite file by prepared inserts in one transaction. */
export async function rawSqliteWrite(file: string, rows: CaseRows): Promise<number> {
  await emptySchema({ engine: 'sqlite', file });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const columns = Object.keys(rows[0] ?? {});
    const insert = db.prepare(`insert into cases (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    const t0 = performance.now();
    db.transaction(() => {
      for (const r of rows) insert.run(r);
    })();
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

/** COPY text format: tab-separated, `\N` for null, backslash escapes for the rest. */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Milliseconds to write `rows` into an empty PostgreSQL schema with one `COPY … FROM STDIN`. */
export async function rawPgCopy(url: string, schema: string, rows: CaseRows): Promise<number> {
  await emptySchema({ engine: 'postgres', url, schema });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set search_path to ${schema}`);
    const columns = Object.keys(rows[0] ?? {});
    const t0 = performance.now();
    await client.query('begin');
    const lines = (function* () {
      for (const r of rows) yield `${columns.map((c) => copyField(r[c])).join('\t')}\n`;
    })();
    await pipeline(Readable.from(lines), client.query(copyFrom(`copy cases (${columns.join(', ')}) from stdin`)));
    await client.query('commit');
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

/** Drops a bench schema and everything in it (the bench's stores leave nothing behind). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
