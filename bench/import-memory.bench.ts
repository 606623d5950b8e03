/**
 * XLSX import memory. Figures:
 * - center.import_100k_xlsx_peak_mb: peak resident set of a process importing a 100 000-row XLSX
 *   list into an empty SQLite store (the streamed reader, center/import/read-xlsx.ts).
 * - center.import_100k_csv_peak_mb: the same rows as a UTF-8 CSV, imported the same way (baseline).
 * - center.import_100k_xlsx_peak_ratio: XLSX peak / CSV peak, per alternated pair.
 * Medians of 3 alternated repetitions, min/max beside; each run is its own process
 * (bench/lib/import-peak-child.ts), loading the centre's import path only, bundled for plain Node and
 * run with the Node flags `npm run center` runs the centre with (scripts/build-center.mjs, its heap
 * limit) — not through the tsx loader.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TODAY } from '../test/center/support/seed';
import { row, utf8Csv, xlsxBytes } from '../test/center/support/list-files';
import { median, ratioSpread, spread } from './lib/stats';
import { CENTRE_NODE_FLAGS } from '../test/center/support/centre-bundle';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;
const ROWS = 100_000;
const REPS = 3;
const ROOT = join(import.meta.dirname, '..');
const CHILD = join(ROOT, 'out', 'bench', 'import-peak-child.mjs');

/** Peak RSS of one import, each in a fresh process: peak RSS never goes down, so runs sharing a process would hide each other's peaks. */
function peakOf(file: string, dir: string, rep: number): number {
  const db = join(dir, `store-${rep}-${file.endsWith('.xlsx') ? 'x' : 'c'}.db`);
  const out = execFileSync(process.execPath, [...CENTRE_NODE_FLAGS, CHILD, file, db, TODAY], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const { peakMb, inserted } = JSON.parse(out.trim().split('\n').pop()!) as { peakMb: number; inserted: number };
  if (inserted !== ROWS) throw new Error(`the import of ${file} inserted ${inserted} rows, not ${ROWS}`);
  return peakMb;
}

export default async function importMemoryBench(report: Report): Promise<void> {
  const base = process.env.HUIFANG_BENCH_TMP ?? '/tmp';
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'import-mem-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-center.mjs'), 'bench/lib/import-peak-child.ts', CHILD], { stdio: 'inherit' });
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
