/**
 * Case centre benchmarks. Figures:
 * - center.import_100k_sqlite_ms / center.import_100k_pg_ms: import of a 100 000-row UTF-8 CSV
 *   (validation, eligibility, schedule, red flags, storage) into an empty store. Goal ≤ 10 s.
 *   Beside each, `…_raw_ms`: the same rows written by the engine's raw bulk path (bench/lib/raw-bulk.ts),
 *   and `…_ratio` = import / raw (goal ≤ 1.5); medians of 3 alternated repetitions, min/max beside.
 *   The PostgreSQL figure needs HUIFANG_TEST_PG_URL (or HUIFANG_BENCH_PG_URL); skipped with a note otherwise.
 * - center.sync_p50_ms / center.sync_p95_ms: request latency seen by 300 simulated workstations
 *   (bench/lib/sync-load.ts), beside a bare authenticated round trip under the same load
 *   (`center.sync_bare_p50_ms`, `center.sync_bare_p95_ms`, `center.sync_p95_ratio`) and the tail's
 *   own shape (`center.sync_p95_over_p50`, goal ≤ 3) beside the bare round trip's
 *   (`center.sync_bare_p95_over_p50`), the load generator's event-loop delay, each centre's and the
 *   machine's CPU share (`…_client_lag_p95_ms`, `…_centre_busy_share`, `…_machine_busy_share`). Goal p95 ≤ 50 ms. `center.sync_pg_*`: the same on
 *   PostgreSQL. `center.sync_1000_pg_*`: 1 000 workstations on two centre processes sharing one
 *   PostgreSQL (goal p95 ≤ 50 ms).
 * - center.fault_runs / center.fault_lost / center.fault_duplicated: the fault-injection harness
 *   (centre SIGKILLed and restarted `HUIFANG_FAULT_RUNS` times, default 100, while the desk's sync
 *   engine pushes from its Dexie outbox through a workstation host process; goals 0 lost, 0 duplicated).
 *   archive.centre_fault_lost / _duplicated / _corrupted: the recorded sessions closed meanwhile,
 *   archived through the same outbox (goals 0). The archive's counterpart (workstation host killed
 *   mid-upload) is bench/archive-fault.bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type StoreConfig } from '../center/store/open-store';
import { importFile } from '../center/import/import-file';
import { DEFAULT_MAPPING } from '../center/import/column-mapping';
import { row, utf8Csv } from '../test/center/support/list-files';
import { TODAY } from '../test/center/support/seed';
import { runFaultInjection } from '../test/center/support/fault-runner';
import { dropPgSchema, readCaseRows, rawPgCopy, rawSqliteWrite, type CaseRows } from './lib/raw-bulk';
import { median, spread } from './lib/stats';
import { syncLatency, syncLatencyPg1000, syncLatencyPg300 } from './lib/sync-load';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;
const note = (s: string) => process.stderr.write(`center bench: ${s}\n`);

/** One import of `csv` into an empty store: milliseconds, and the rows it stored (for the raw baseline). */
async function importOnce(config: StoreConfig, csv: Buffer, keepRows: boolean): Promise<{ ms: number; rows: CaseRows | null }> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  try {
    const t0 = performance.now();
    const r = await importFile(o.store, { bytes: csv, fileName: 'bench.csv', actor: 'bench', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 200_000 });
    const ms = performance.now() - t0;
    if (!r.ok || r.value.report.counts.inserted !== 100_000)
      throw new Error(`import did not insert 100k rows: ${JSON.stringify(r.ok ? r.value.report.counts : r.error)}`);
    return { ms, rows: keepRows ? await readCaseRows(o.store) : null };
  } finally {
    await o.store.close();
  }
}

/** Import repetitions per engine (each into an empty store), and raw-write repetitions of the same rows. */
const IMPORT_REPS = 3;

/**
 * The import figure of one engine beside its baseline: `IMPORT_REPS` imports, each followed by the
 * raw bulk write of the rows it stored into another empty store (alternated, so load on the
 * shared machine hits both alike). Reports `<name>_ms` and `<name>_ratio` (median over median).
 */
async function importFigure(
  report: Report,
  name: string,
  csv: Buffer,
  fresh: (rep: number, raw: boolean) => StoreConfig,
  rawWrite: (config: StoreConfig, rows: CaseRows) => Promise<number>,
  drop: (config: StoreConfig) => Promise<void>,
): Promise<void> {
  const imports: number[] = [];
  const raws: number[] = [];
  for (let rep = 0; rep < IMPORT_REPS; rep++) {
    const target = fresh(rep, false);
    const run = await importOnce(target, csv, true);
    imports.push(run.ms);
    await drop(target);
    const rawTarget = fresh(rep, true);
    raws.push(await rawWrite(rawTarget, run.rows!));
    await drop(rawTarget);
  }
  report(`${name}_ms`, median(imports), 'ms', spread(imports));
  report(`${name}_raw_ms`, median(raws), 'ms', spread(raws));
  report(`${name}_ratio`, median(imports) / median(raws), 'ratio', spread(imports.map((m, i) => m / raws[i]!)));
}

/** The import figures alone (exported for ad-hoc runs). */
export async function importFigures(report: Report): Promise<void> {
  const csv = utf8Csv(Array.from({ length: 100_000 }, (_, i) => row(i + 1)));
  note(`100k-row CSV is ${(csv.length / 1048576).toFixed(1)} MB`);
  const dir = mkdtempSync(join(tmpdir(), 'huifang-bench-'));
  try {
    const file = (rep: number, raw: boolean) => join(dir, `import-${rep}${raw ? '-raw' : ''}.sqlite`);
    await importFigure(
      report,
      'center.import_100k_sqlite',
      csv,
      (rep, raw) => ({ engine: 'sqlite', file: file(rep, raw) }),
      (config, rows) => rawSqliteWrite((config as { file: string }).file, rows),
      async (config) => rmSync((config as { file: string }).file, { force: true }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
  if (pgUrl) {
    const stamp = Date.now().toString(36);
    const schemaOf = (config: StoreConfig) => (config as { schema: string }).schema;
    await importFigure(
      report,
      'center.import_100k_pg',
      csv,
      (rep, raw) => ({ engine: 'postgres', url: pgUrl, schema: `bench_${stamp}_${rep}${raw ? '_raw' : ''}` }),
      (config, rows) => rawPgCopy(pgUrl, schemaOf(config), rows),
      (config) => dropPgSchema(pgUrl, schemaOf(config)),
    );
  } else {
    note('center.import_100k_pg_ms skipped: set HUIFANG_TEST_PG_URL (bash scripts/ci-postgres.sh prints one)');
  }
}

export default async function run(report: Report): Promise<void> {
  await importFigures(report);
  await syncLatency(report, note);
  const pg = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
  if (pg) {
    await syncLatencyPg300(report, note, pg);
    await syncLatencyPg1000(report, note, pg);
  } else note('center.sync_pg_* and center.sync_1000_pg_* skipped: set HUIFANG_TEST_PG_URL');
  const f = await runFaultInjection({ runs: Number(process.env.HUIFANG_FAULT_RUNS ?? 100), log: note });
  note(`fault injection: ${JSON.stringify(f)}`);
  report('center.fault_runs', f.runs, 'count');
  report('center.fault_lost', f.lost, 'count');
  report('center.fault_duplicated', f.duplicated, 'count');
  report('archive.centre_fault_lost', f.archive.lost, 'count');
  report('archive.centre_fault_duplicated', f.archive.duplicated, 'count');
  report('archive.centre_fault_corrupted', f.archive.corrupted, 'count');
}
