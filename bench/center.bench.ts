/**
 * Case centre benchmarks. Figures:
 * - center.import_100k_sqlite_ms / center.import_100k_pg_ms: import of a 100 000-row UTF-8 CSV
 *   (validation, eligibility, schedule, red flags, storage) into an empty store. Goal ≤ 10 s.
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

type Report = (name: string, value: number, unit: string) => void;
const note = (s: string) => process.stderr.write(`center bench: ${s}\n`);
const ROOT = resolve(import.meta.dirname, '..');

async function importOnce(config: StoreConfig, csv: Buffer): Promise<number> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  try {
    const t0 = performance.now();
    const r = await importFile(o.store, { bytes: csv, fileName: 'bench.csv', actor: 'bench', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 200_000 });
    const ms = performance.now() - t0;
    if (!r.ok || r.value.report.counts.inserted !== 100_000)
      throw new Error(`import did not insert 100k rows: ${JSON.stringify(r.ok ? r.value.report.counts : r.error)}`);
    return ms;
  } finally {
    await o.store.close();
  }
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

export default async function run(report: Report): Promise<void> {
  const csv = utf8Csv(Array.from({ length: 100_000 }, (_, i) => row(i + 1)));
  note(`100k-row CSV is ${(csv.length / 1048576).toFixed(1)} MB`);
  const dir = mkdtempSync(join(tmpdir(), 'huifang-bench-'));
  try {
    report('center.import_100k_sqlite_ms', await importOnce({ engine: 'sqlite', file: join(dir, 'import.sqlite') }, csv), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pgUrl = process.env.HUIFANG_BENCH_PG_URL ?? process.env.HUIFANG_TEST_PG_URL;
  if (pgUrl) {
    const schema = `bench_${Date.now().toString(36)}`;
    const ms = await importOnce({ engine: 'postgres', url: pgUrl, schema }, csv);
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
    report('center.import_100k_pg_ms', ms, 'ms');
  } else {
    note('center.import_100k_pg_ms skipped: set HUIFANG_TEST_PG_URL (bash scripts/ci-postgres.sh prints one)');
  }
  await syncLatency(report);
  const f = await runFaultInjection({ runs: 100, log: note });
  note(`fault injection: ${JSON.stringify(f)}`);
  report('center.fault_runs', f.runs, 'count');
  report('center.fault_lost', f.lost, 'count');
  report('center.fault_duplicated', f.duplicated, 'count');
}
