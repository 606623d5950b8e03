/**
 * One import in a process of its own, for `center.import_100k_*_peak_mb` (bench/import-memory.bench.ts),
 * which bundles it as the centre is bundled: `node out/bench/import-peak-child.mjs <list file> <store
 * file> <today>` imports the list into a fresh SQLite store and prints the process's peak resident set
 * as `{"peakMb": n}`. It loads the centre's import path and nothing else — not the test helpers that
 * wrote the file: exceljs, which the centre loads only on demand to write report workbooks, added tens
 * of megabytes no import has.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_MAPPING } from '../../center/import/column-mapping';
import { importFile } from '../../center/import/import-file';
import { openStore } from '../../center/store/open-store';

const [file, dbFile, today] = process.argv.slice(2);
if (!file || !dbFile || !today) throw new Error('usage: import-peak-child <list file> <store file> <today>');
const bytes = readFileSync(file);
const o = await openStore({ engine: 'sqlite', file: dbFile });
if (!o.ok) throw new Error(o.message);
const r = await importFile(o.store, { bytes, fileName: file, actor: 'bench', mapping: DEFAULT_MAPPING, today, maxRows: 200_000 });
await o.store.close();
if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.error)}`);
process.stdout.write(`${JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, inserted: r.value.report.counts.inserted })}\n`);
