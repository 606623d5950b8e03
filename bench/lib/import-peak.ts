/**
 * Child process of bench/import-memory.bench.ts: imports one list file into a fresh SQLite store and
 * prints the process's peak resident set (MB). A process per run: peak RSS never goes down, so
 * runs sharing a process would hide each other's peaks.
 */
import { readFileSync } from 'node:fs';
import { openStore } from '../../center/store/open-store';
import { importFile } from '../../center/import/import-file';
import { DEFAULT_MAPPING } from '../../center/import/column-mapping';
import { TODAY } from '../../test/center/support/seed';

const [file, dbFile, expected] = process.argv.slice(2);
const bytes = readFileSync(file!);
const o = await openStore({ engine: 'sqlite', file: dbFile! });
if (!o.ok) throw new Error(o.message);
const r = await importFile(o.store, { bytes, fileName: file!, actor: 'bench', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 200_000 });
await o.store.close();
if (!r.ok || r.value.report.counts.inserted !== Number(expected)) {
  throw new Error(`import did not insert ${expected} rows: ${JSON.stringify(r.ok ? r.value.report.counts : r.error)}`);
}
process.stdout.write(`${JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
