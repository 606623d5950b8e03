import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows of several tables from a generator: a million rows are never held at once. */
export type TableRows = () => Iterable<readonly [string, Record<string, unknown>]>;

/** Writes the rows into a migrated SQLite file in one transaction (prepared inserts), then `analyze`. */
export function seedSqliteRows(file: string, rows: TableRows): void {
  const db = new Database(file);
  try {
    const inserts = new Map<string, Database.Statement>();
    db.transaction(() => {
      for (const [table, row] of rows()) {
        let stmt = inserts.get(table);
        if (!stmt) {
          const cols = Object.keys(row);
          stmt = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
          inserts.set(table, stmt);
        }
        stmt.run(row);
      }
    })();
    // As on PostgreSQL below: the planner's statistics are those of a table after its load.
    db.exec('analyze');
  } finally {
    db.close();
  }
}

const copyField = (v: unknown) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));

/** Writes the rows into a migrated PostgreSQL schema, one `COPY … FROM STDIN` per table, then `vacuum analyze`. */
export async function seedPgRows(url: string, schema: string, tables: readonly string[], rows: TableRows): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set search_path to ${schema}`);
    for (const table of tables) {
      let cols: string[] | null = null;
      const lines = (function* () {
        for (const [t, row] of rows()) {
          if (t !== table) continue;
          cols ??= Object.keys(row);
          yield `${cols.map((c) => copyField(row[c])).join('\t')}\n`;
        }
      })();
      // The column list is known once the first row is generated: peek it.
      const first = lines.next();
      if (first.done) continue;
      const rest = (function* () {
        yield first.value;
        yield* lines;
      })();
      await pipeline(Readable.from(rest), client.query(copyFrom(`copy ${table} (${cols!.join(', ')}) from stdin`)));
    }
    // What autovacuum does after a load this size; this schema only (the database is shared).
    await client.query(`vacuum analyze ${tables.join(', ')}`);
  } finally {
    await client.end();
  }
}
