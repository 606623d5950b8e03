import { finished } from 'node:stream/promises';
import { CompiledQuery, type Transaction } from 'kysely';
import type { CenterDatabase } from './db-schema';

/** Characters COPY's text format gives a meaning (escape, column and row ends) or cannot carry (NUL). */
const SPECIAL = /[\\\t\n\r\0]/;

/**
 * One value in COPY's text format (PostgreSQL manual, COPY "Text Format"): `\N` for NULL, backslash,
 * tab, newline and carriage return escaped; any other character goes as it is. A text holding NUL is
 * refused — PostgreSQL's text type cannot store it, and an escaped `\0` would be read as nothing.
 */
export function copyText(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (!SPECIAL.test(v)) return v;
  if (v.includes('\0')) throw new Error('a text holds a NUL character (U+0000), which PostgreSQL cannot store');
  let out = '';
  for (const ch of v) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return out;
}

/**
 * Writes rows into `table`, given as one flat list of values (`columns` after `columns`), with one `COPY … FROM STDIN` on the transaction's own connection, so
 * the rows commit or roll back with the rest of it. The COPY stream is a pg "submittable": pg's
 * `client.query` runs any object with a `submit` method, and Kysely hands its compiled query's text
 * to `client.query` as it is — the one way to reach the transaction's connection, which Kysely keeps
 * private. Kysely returns at once (a stream is no promise); the copy is done when the stream finishes,
 * and the connection runs nothing else before it (pg queues a client's queries).
 * Only the PostgreSQL dialect may be given this.
 */
export async function copyValues(trx: Transaction<CenterDatabase>, table: string, columns: readonly string[], values: readonly unknown[]): Promise<void> {
  // Every value checked (a NUL refused) before the COPY starts: nothing is sent for a bad chunk.
  // One string built by appending (no array and closure per row: a chunk is thousands of rows).
  let text = '';
  const width = columns.length;
  for (let i = 0; i < values.length; i++) text += copyText(values[i] as string | number | null) + ((i + 1) % width === 0 ? '\n' : '\t');
  const { from: copyFrom } = await import('pg-copy-streams'); // only PostgreSQL deployments load it
  const stream = copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`);
  const done = finished(stream);
  try {
    await trx.executeQuery(CompiledQuery.raw(stream as unknown as string));
  } catch (err) {
    stream.destroy();
    done.catch(() => undefined); // the error thrown here is the one to report
    throw err;
  }
  stream.end(text);
  await done;
}
