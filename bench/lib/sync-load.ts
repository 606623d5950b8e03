import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { assignCases } from '../../center/assign/assign-cases';
import { hashPassword } from '../../center/auth/password';
import { openStore, type StoreConfig } from '../../center/store/open-store';
import { upsertUser } from '../../center/store/users-repo';
import { CenterClient } from '../../main/services/center/center-client';
import { CHEAP, prepared, seedCases } from '../../test/center/support/seed';
import { startListeningProcess, type ListeningProcess } from '../../test/e2e/harness/listening-process';
import { CENTRE_BUNDLE } from '../../test/center/support/centre-bundle';
import { dropPgSchema } from './raw-bulk';
import { median, spread } from './stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;

const WORKSTATIONS = 300;
const CYCLES = 5;
/** Rounds of the whole load against one centre: every figure is the median over them. */
const ROUNDS = 3;

/** `workstations` agents holding 10 cases each in the store `config`; answers each agent's cases. */
async function seedCentre(config: StoreConfig, workstations: number): Promise<{ agents: string[]; mine: Map<string, string[]> }> {
  const o = await openStore(config);
  if (!o.ok) throw new Error(o.message);
  const hash = await hashPassword('bench-pass-1', CHEAP); // cheap scrypt: the bench measures sync, not sign-in
  const agents = Array.from({ length: workstations }, (_, i) => String(5000 + i));
  for (const a of agents) await upsertUser(o.store, { staffNo: a, name: `压测${a}`, role: 'agent', team: 'A', languages: ['mandarin'], passwordHash: hash });
  await seedCases(
    o.store,
    Array.from({ length: workstations * 10 }, (_, i) => prepared(`PS${String(i).padStart(7, '0')}`)),
  );
  await assignCases(o.store, { capacity: 10, actor: 'bench' });
  const mine = new Map<string, string[]>();
  for (const r of await o.store.db.selectFrom('cases').select(['policy_no', 'assigned_to']).execute()) {
    mine.set(r.assigned_to as string, [...(mine.get(r.assigned_to as string) ?? []), r.policy_no]);
  }
  await o.store.close();
  return { agents, mine };
}

/** A centre child process (`serve`, the bundle `npm run center` runs) with `args`, on a free port. */
const startCentre = (args: readonly string[]) => startListeningProcess('centre', CENTRE_BUNDLE, ['serve', ...args, '--port', '0']);

const quantile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

type Round = { p50: number; p95: number; bareP50: number; bareP95: number; lagP95: number; busy: number; machine: number };

/** Busy and total CPU time of the whole machine so far, all cores (Linux `/proc/stat`; idle and I/O wait are not busy). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - cpu[4]!, total };
}

/** CPU seconds process `pid` has used so far (Linux `/proc/<pid>/stat`: utime + stime, 100 ticks a second). */
function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * `<prefix>_p50_ms`, `_p95_ms`, `_bare_p50_ms`, `_bare_p95_ms` and `_p95_ratio` (sync p95 over the bare
 * round trip's), with what explains a tail: `_client_lag_p95_ms` (the load generator's own event-loop
 * delay), `_centre_busy_share` (a centre process's CPU time over the round's time: a single-threaded
 * server this busy queues requests behind each other) and `_machine_busy_share` (all cores: near 1,
 * the load generator, the centres and the database wait for each other's CPU). Medians over the
 * rounds with min/max; `shape` adds `_p95_over_p50` beside its baseline `_bare_p95_over_p50`: the
 * tail's shape of a request that does no sync work, under the same load.
 */
function reportRounds(report: Report, prefix: string, rounds: readonly Round[], shape: boolean): void {
  const figure = (name: string, pick: (r: Round) => number, unit: string) => {
    const values = rounds.map(pick);
    report(`${prefix}_${name}`, median(values), unit, spread(values));
  };
  figure('p50_ms', (r) => r.p50, 'ms');
  figure('p95_ms', (r) => r.p95, 'ms');
  figure('bare_p50_ms', (r) => r.bareP50, 'ms');
  figure('bare_p95_ms', (r) => r.bareP95, 'ms');
  figure('client_lag_p95_ms', (r) => r.lagP95, 'ms');
  figure('centre_busy_share', (r) => r.busy, 'ratio');
  figure('machine_busy_share', (r) => r.machine, 'ratio');
  figure('p95_ratio', (r) => r.p95 / r.bareP95, 'ratio');
  if (!shape) return;
  figure('p95_over_p50', (r) => r.p95 / r.p50, 'ratio');
  figure('bare_p95_over_p50', (r) => r.bareP95 / r.bareP50, 'ratio');
}

/**
 * The load: every agent signs in at one of `urls` (round robin), keeps the push channel open and
 * runs `CYCLES` cycles of pull + push at random moments; each cycle also makes a bare authenticated
 * round trip (GET /api/me: the token check and the caller's user row, as every request has; no sync
 * work) from the same client at the same moment — the baseline: what any request costs on this
 * machine under this load. `ROUNDS` rounds.
 */
async function runLoad(
  centres: readonly ListeningProcess[],
  agents: readonly string[],
  mine: Map<string, string[]>,
  note: (s: string) => void,
): Promise<Round[]> {
  const urls = centres.map((c) => c.url);
  const centreCpu = () => centres.reduce((sum, c) => sum + cpuSeconds(c.child.pid), 0);
  const stops: (() => void)[] = [];
  const rounds: Round[] = [];
  try {
    // Sign-in is not what is measured: 50 at a time, so a thousand scrypt checks do not time out.
    const clients: { a: string; c: CenterClient; url: string; token: string }[] = [];
    for (let start = 0; start < agents.length; start += 50) {
      const batch = agents.slice(start, start + 50);
      clients.push(
        ...(await Promise.all(
          batch.map(async (a, k) => {
            const url = urls[(start + k) % urls.length]!;
            const c = new CenterClient({ baseUrl: url });
            const r = await c.login(a, 'bench-pass-1');
            if (!r.ok) throw new Error(`login ${a}: ${r.error.message.en}`);
            stops.push(c.subscribe({ onChanged: () => undefined, pollMs: 600_000 }));
            return { a, c, url, token: r.value.accessToken };
          }),
        )),
      );
    }
    for (let round = 0; round < ROUNDS; round++) {
      const sync: number[] = [];
      const bare: number[] = [];
      // The load generator's own event-loop delay: a reply waits that long before it is timed.
      const lag = monitorEventLoopDelay({ resolution: 1 });
      lag.enable();
      const cpu0 = centreCpu();
      const machine0 = machineTicks();
      const roundStart = performance.now();
      const timed = async <T>(into: number[], fn: () => Promise<T>) => {
        const t0 = performance.now();
        const r = await fn();
        into.push(performance.now() - t0);
        return r;
      };
      await Promise.all(
        clients.map(async ({ a, c, url, token }) => {
          let cursor: string | null = null;
          for (let cycle = 0; cycle < CYCLES; cycle++) {
            await new Promise((r) => setTimeout(r, Math.random() * 2000));
            const me = await timed(bare, () => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()));
            if (!me.includes('"ok":true')) throw new Error(`bare round trip failed: ${me.slice(0, 200)}`);
            const p = await timed(sync, () => c.pull(cursor));
            if (!p.ok) throw new Error(`pull failed: ${p.error.message.en}`);
            cursor = p.value.cursor;
            const cases = mine.get(a) ?? [];
            const item = {
              id: randomUUID(),
              kind: 'attempt' as const,
              policyNo: cases[cycle % cases.length]!,
              occurredAt: new Date().toISOString(),
              data: { channel: 'phone' as const, outcome: 'busy' as const },
            };
            const s = await timed(sync, () => c.push([item]));
            if (!s.ok) throw new Error(`push failed: ${s.error.message.en}`);
          }
        }),
      );
      lag.disable();
      const machine1 = machineTicks();
      const machine = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
      const busy = (centreCpu() - cpu0) / ((performance.now() - roundStart) / 1000) / centres.length;
      sync.sort((x, y) => x - y);
      bare.sort((x, y) => x - y);
      const lagP95 = lag.percentile(95) / 1e6;
      rounds.push({ p50: quantile(sync, 0.5), p95: quantile(sync, 0.95), bareP50: quantile(bare, 0.5), bareP95: quantile(bare, 0.95), lagP95, busy, machine });
      note(`sync round ${round + 1}: ${sync.length} sync and ${bare.length} bare requests from ${agents.length} workstations on ${urls.length} centre(s)`);
    }
  } finally {
    stops.forEach((s) => s());
  }
  return rounds;
}

/**
 * `center.sync_*`: 300 simulated workstations against one SQLite centre child process on loopback,
 * beside the bare round trip (`runLoad`). Figures are medians over the rounds with min/max beside.
 */
export async function syncLatency(report: Report, note: (s: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-bench-'));
  let rounds: Round[];
  try {
    const { agents, mine } = await seedCentre({ engine: 'sqlite', file: join(dir, 'center.sqlite') }, WORKSTATIONS);
    const centre = await startCentre(['--data', dir]);
    try {
      rounds = await runLoad([centre], agents, mine, note);
    } finally {
      await centre.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  reportRounds(report, 'center.sync', rounds, true);
}

/**
 * `center.sync_pg_*`: the same 300 workstations against one centre process on PostgreSQL (its own
 * schema, dropped afterwards), so the tail's shape (`_p95_over_p50`, goal ≤ 3) is known per engine.
 */
export async function syncLatencyPg300(report: Report, note: (s: string) => void, pgUrl: string): Promise<void> {
  const schema = `bench_sync300_${Date.now().toString(36)}`;
  let rounds: Round[];
  try {
    const { agents, mine } = await seedCentre({ engine: 'postgres', url: pgUrl, schema }, WORKSTATIONS);
    const centre = await startCentre(['--db-url', schemaUrl(pgUrl, schema)]);
    try {
      rounds = await runLoad([centre], agents, mine, note);
    } finally {
      await centre.stop();
    }
  } finally {
    await dropPgSchema(pgUrl, schema);
  }
  reportRounds(report, 'center.sync_pg', rounds, true);
}

/** `pgUrl` with `schema` as search path: the schema travels in the URL (libpq `options`), as a deployment would set it. */
const schemaUrl = (pgUrl: string, schema: string) => `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/**
 * `center.sync_1000_pg_*`: 1 000 workstations on two centre processes sharing one PostgreSQL (each
 * workstation on one of them, as behind a load balancer; changes cross by LISTEN/NOTIFY), in a
 * schema of its own that is dropped afterwards. Goal p95 ≤ 50 ms.
 */
export async function syncLatencyPg1000(report: Report, note: (s: string) => void, pgUrl: string): Promise<void> {
  const schema = `bench_sync_${Date.now().toString(36)}`;
  let rounds: Round[];
  try {
    const { agents, mine } = await seedCentre({ engine: 'postgres', url: pgUrl, schema }, 1000);
    const url = schemaUrl(pgUrl, schema);
    const centres = [await startCentre(['--db-url', url]), await startCentre(['--db-url', url])];
    try {
      rounds = await runLoad(centres, agents, mine, note);
    } finally {
      for (const c of centres) await c.stop();
    }
  } finally {
    await dropPgSchema(pgUrl, schema);
  }
  reportRounds(report, 'center.sync_1000_pg', rounds, true);
}
