/**
 * Case centre benchmarks. Figures:
 * - center.import_100k_sqlite_ms / center.import_100k_pg_ms: import of a 100 000-row UTF-8 CSV
 *   (validation, eligibility, schedule, red flags, storage) into an empty store. Goal ≤ 10 s.
 *   Beside each, `…_raw_ms`: the same rows written by the engine's raw bulk path (bench/lib/raw-bulk.ts),
 *   and `…_ratio` = import / raw (goal ≤ 1.5); medians of 3 alternated repetitions, min/max beside.
 *   The PostgreSQL figure needs HUIFANG_TEST_PG_URL (or HUIFANG_BENCH_PG_URL); skipped with a note otherwise.
 * - center.sync_p50_ms / center.sync_p95_ms: request latency seen by 300 simulated workstations
 *   (each: push channel open, 5 cycles of pull + push at random moments) against a centre child
 *   process on loopback. Goal p95 ≤ 50 ms.
 * - center.fault_runs / center.fault_lost / center.fault_duplicated: the fault-injection harness
 *   (centre SIGKILLed and restarted 100 times while a workstation pushes).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore, type StoreConfig } from '../center/store/open-store';
import { importFile } from '../center/import/import-file';
import { DEFAULT_MAPPING } from '../center/import/column-mapping';
import { hashPassword } from '../center/auth/password';
import { upsertUser } from '../center/store/users-repo';
import { assignCases } from '../center/assign/assign-cases';
import { CenterClient } from '../main/services/center/center-client';
import { row, utf8Csv } from '../test/center/support/list-files';
import { CHEAP, TODAY, prepared, seedCases } from '../test/center/support/seed';
import { runFaultInjection } from '../test/center/support/fault-runner';
import { readCaseRows, rawPgCopy, rawSqliteWrite, type CaseRows } from './lib/raw-bulk';
import { median, spread } from './lib/stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;
const note = (s: string) => process.stderr.write(`center bench: ${s}\n`);
const ROOT = resolve(import.meta.dirname, '..');

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

/** The 300-workstation sync figure alone (exported for ad-hoc runs). */
export async function syncLatency(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-bench-'));
  const o = await openStore({ engine: 'sqlite', file: join(dir, 'center.sqlite') });
  if (!o.ok) throw new Error(o.message);
  const hash = await hashPassword('bench-pass-1', CHEAP); // cheap scrypt: the bench measures sync, not sign-in
  const agents = Array.from({ length: 300 }, (_, i) => String(5000 + i));
  for (const a of agents) await upsertUser(o.store, { staffNo: a, name: `压测${a}`, role: 'agent', team: 'A', languages: ['mandarin'], passwordHash: hash });
  await seedCases(
    o.store,
    Array.from({ length: 3000 }, (_, i) => prepared(`PS${String(i).padStart(7, '0')}`)),
  );
  await assignCases(o.store, { capacity: 10, actor: 'bench' });
  const mine = new Map<string, string[]>();
  for (const r of await o.store.db.selectFrom('cases').select(['policy_no', 'assigned_to']).execute()) {
    mine.set(r.assigned_to as string, [...(mine.get(r.assigned_to as string) ?? []), r.policy_no]);
  }
  await o.store.close();

  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'center/cli.ts'), 'serve', '--data', dir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) res(m[1]);
    });
    child.once('exit', () => rej(new Error('centre exited')));
  });
  const latencies: number[] = [];
  const stops: (() => void)[] = [];
  try {
    const clients = await Promise.all(
      agents.map(async (a) => {
        const c = new CenterClient({ baseUrl: url });
        const r = await c.login(a, 'bench-pass-1');
        if (!r.ok) throw new Error(`login ${a}: ${r.error.message.en}`);
        stops.push(c.subscribe({ onChanged: () => undefined, pollMs: 600_000 }));
        return { a, c };
      }),
    );
    const timed = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const r = await fn();
      latencies.push(performance.now() - t0);
      return r;
    };
    await Promise.all(
      clients.map(async ({ a, c }) => {
        let cursor: string | null = null;
        for (let cycle = 0; cycle < 5; cycle++) {
          await new Promise((r) => setTimeout(r, Math.random() * 2000));
          const p = await timed(() => c.pull(cursor));
          if (!p.ok) throw new Error(`pull failed: ${p.error.message.en}`);
          cursor = p.value.cursor;
          const cases = mine.get(a) ?? [];
          const item = {
            id: randomUUID(),
            kind: 'attempt' as const,
            policyNo: cases[cycle % cases.length],
            occurredAt: new Date().toISOString(),
            data: { channel: 'phone' as const, outcome: 'busy' as const },
          };
          const s = await timed(() => c.push([item]));
          if (!s.ok) throw new Error(`push failed: ${s.error.message.en}`);
        }
      }),
    );
  } finally {
    stops.forEach((s) => s());
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  latencies.sort((x, y) => x - y);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  note(`sync: ${latencies.length} requests from 300 workstations`);
  report('center.sync_p50_ms', q(0.5), 'ms');
  report('center.sync_p95_ms', q(0.95), 'ms');
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
    const { default: pg } = await import('pg');
    const stamp = Date.now().toString(36);
    const schemaOf = (config: StoreConfig) => (config as { schema: string }).schema;
    await importFigure(
      report,
      'center.import_100k_pg',
      csv,
      (rep, raw) => ({ engine: 'postgres', url: pgUrl, schema: `bench_${stamp}_${rep}${raw ? '_raw' : ''}` }),
      (config, rows) => rawPgCopy(pgUrl, schemaOf(config), rows),
      async (config) => {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop schema if exists ${schemaOf(config)} cascade`);
        await c.end();
      },
    );
  } else {
    note('center.import_100k_pg_ms skipped: set HUIFANG_TEST_PG_URL (bash scripts/ci-postgres.sh prints one)');
  }
}

export default async function run(report: Report): Promise<void> {
  await importFigures(report);
  await syncLatency(report);
  const f = await runFaultInjection({ runs: 100, log: note });
  note(`fault injection: ${JSON.stringify(f)}`);
  report('center.fault_runs', f.runs, 'count');
  report('center.fault_lost', f.lost, 'count');
  report('center.fault_duplicated', f.duplicated, 'count');
}
