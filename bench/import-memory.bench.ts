/**
 * XLSX import memory. Figures:
 * - center.import_100k_xlsx_peak_mb: peak resident set of a process importing a 100 000-row XLSX
 *   list into an empty SQLite store (the streamed reader, center/import/read-xlsx.ts).
 * - center.import_100k_csv_peak_mb: the same rows as a UTF-8 CSV, imported the same way (baseline).
 * - center.import_100k_xlsx_peak_ratio: XLSX peak / CSV peak, per alternated pair.
 * Medians of 3 alternated repetitions, min/max beside; each run is its own process (peak RSS only grows).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openStore } from '../center/store/open-store';
import { importFile } from '../center/import/import-file';
import { DEFAULT_MAPPING } from '../center/import/column-mapping';
import { TODAY } from '../test/center/support/seed';
import { row, utf8Csv, xlsxBytes } from '../test/center/support/list-files';
import { median, ratioSpread, spread } from './lib/stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;
const ROWS = 100_000;
const REPS = 3;

/**
 * The child: this file run with HUIFANG_IMPORT_PEAK_CHILD set imports one list file into a fresh
 * SQLite store and prints the process's peak resident set (MB). A process per run: peak RSS never
 * goes down, so runs sharing a process would hide each other's peaks.
 */
async function child(file: string, dbFile: string): Promise<void> {
  const bytes = readFileSync(file);
  const o = await openStore({ engine: 'sqlite', file: dbFile });
  if (!o.ok) throw new Error(o.message);
  const r = await importFile(o.store, { bytes, fileName: file, actor: 'bench', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 200_000 });
  await o.store.close();
  if (!r.ok || r.value.report.counts.inserted !== ROWS) {
    throw new Error(`import did not insert ${ROWS} rows: ${JSON.stringify(r.ok ? r.value.report.counts : r.error)}`);
  }
  process.stdout.write(`${JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
if (process.env.HUIFANG_IMPORT_PEAK_CHILD) await child(process.argv[2]!, process.argv[3]!);

function peakOf(file: string, dir: string, rep: number): number {
  const db = join(dir, `store-${rep}-${file.endsWith('.xlsx') ? 'x' : 'c'}.db`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, file, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, HUIFANG_IMPORT_PEAK_CHILD: '1' },
  });
  return (JSON.parse(out.trim().split('\n').pop()!) as { peakMb: number }).peakMb;
}

export default async function importMemoryBench(report: Report): Promise<void> {
  const base = process.env.HUIFANG_BENCH_TMP ?? '/tmp';
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'import-mem-'));
  try {
    const rows = Array.from({ length: ROWS }, (_, i) => row(i + 1));
    const xlsx = join(dir, 'list.xlsx');
    const csv = join(dir, 'list.csv');
    writeFileSync(xlsx, await xlsxBytes(rows));
    writeFileSync(csv, utf8Csv(rows));
    const x: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < REPS; i++) {
      x.push(peakOf(xlsx, dir, i));
      c.push(peakOf(csv, dir, i));
    }
    report('center.import_100k_xlsx_peak_mb', median(x), 'MB', spread(x));
    report('center.import_100k_csv_peak_mb', median(c), 'MB', spread(c));
    const ratios = x.map((v, i) => v / c[i]!);
    report('center.import_100k_xlsx_peak_ratio', median(ratios), 'x', ratioSpread(x, c));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
