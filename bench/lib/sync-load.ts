import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assignCases } from '../../center/assign/assign-cases';
import { hashPassword } from '../../center/auth/password';
import { openStore } from '../../center/store/open-store';
import { upsertUser } from '../../center/store/users-repo';
import { CenterClient } from '../../main/services/center/center-client';
import { CHEAP, prepared, seedCases } from '../../test/center/support/seed';
import { median, spread } from './stats';

type Report = (name: string, value: number, unit: string, range?: { min: number; max: number; n: number }) => void;

const ROOT = resolve(import.meta.dirname, '../..');
const WORKSTATIONS = 300;
const CYCLES = 5;
/** Rounds of the whole load against one centre: every figure is the median over them. */
const ROUNDS = 3;

/** A SQLite centre with 300 agents holding 10 cases each; answers its data dir and each agent's cases. */
async function seedCentre(): Promise<{ dir: string; agents: string[]; mine: Map<string, string[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'huifang-bench-'));
  const o = await openStore({ engine: 'sqlite', file: join(dir, 'center.sqlite') });
  if (!o.ok) throw new Error(o.message);
  const hash = await hashPassword('bench-pass-1', CHEAP); // cheap scrypt: the bench measures sync, not sign-in
  const agents = Array.from({ length: WORKSTATIONS }, (_, i) => String(5000 + i));
  for (const a of agents) await upsertUser(o.store, { staffNo: a, name: `压测${a}`, role: 'agent', team: 'A', languages: ['mandarin'], passwordHash: hash });
  await seedCases(
    o.store,
    Array.from({ length: WORKSTATIONS * 10 }, (_, i) => prepared(`PS${String(i).padStart(7, '0')}`)),
  );
  await assignCases(o.store, { capacity: 10, actor: 'bench' });
  const mine = new Map<string, string[]>();
  for (const r of await o.store.db.selectFrom('cases').select(['policy_no', 'assigned_to']).execute()) {
    mine.set(r.assigned_to as string, [...(mine.get(r.assigned_to as string) ?? []), r.policy_no]);
  }
  await o.store.close();
  return { dir, agents, mine };
}

const quantile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * `center.sync_*`: 300 simulated workstations (push channel open; 5 cycles of pull + push at random
 * moments) against a centre child process on loopback. Each cycle also makes a bare authenticated
 * round trip (GET /api/me: token check, no store work) from the same client at the same moment:
 * the baseline — what any request costs on this machine under this load — so a slow machine shows
 * as a high baseline, not as a slow sync. Three rounds; figures are medians with min/max beside.
 */
export async function syncLatency(report: Report, note: (s: string) => void): Promise<void> {
  const { dir, agents, mine } = await seedCentre();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'center/cli.ts'), 'serve', '--data', dir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) res(m[1]!);
    });
    child.once('exit', () => rej(new Error('centre exited')));
  });
  const stops: (() => void)[] = [];
  const rounds: { p50: number; p95: number; bareP95: number }[] = [];
  try {
    const clients = await Promise.all(
      agents.map(async (a) => {
        const c = new CenterClient({ baseUrl: url });
        const r = await c.login(a, 'bench-pass-1');
        if (!r.ok) throw new Error(`login ${a}: ${r.error.message.en}`);
        stops.push(c.subscribe({ onChanged: () => undefined, pollMs: 600_000 }));
        return { a, c, token: r.value.accessToken };
      }),
    );
    for (let round = 0; round < ROUNDS; round++) {
      const sync: number[] = [];
      const bare: number[] = [];
      const timed = async <T>(into: number[], fn: () => Promise<T>) => {
        const t0 = performance.now();
        const r = await fn();
        into.push(performance.now() - t0);
        return r;
      };
      await Promise.all(
        clients.map(async ({ a, c, token }) => {
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
      sync.sort((x, y) => x - y);
      bare.sort((x, y) => x - y);
      rounds.push({ p50: quantile(sync, 0.5), p95: quantile(sync, 0.95), bareP95: quantile(bare, 0.95) });
      note(`sync round ${round + 1}: ${sync.length} sync and ${bare.length} bare requests from ${WORKSTATIONS} workstations`);
    }
  } finally {
    stops.forEach((s) => s());
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  const figure = (name: string, values: number[], unit: string) => report(name, median(values), unit, spread(values));
  figure(
    'center.sync_p50_ms',
    rounds.map((r) => r.p50),
    'ms',
  );
  figure(
    'center.sync_p95_ms',
    rounds.map((r) => r.p95),
    'ms',
  );
  figure(
    'center.sync_bare_p95_ms',
    rounds.map((r) => r.bareP95),
    'ms',
  );
  figure(
    'center.sync_p95_ratio',
    rounds.map((r) => r.p95 / r.bareP95),
    'ratio',
  );
  figure(
    'center.sync_p95_over_p50',
    rounds.map((r) => r.p95 / r.p50),
    'ratio',
  );
}
