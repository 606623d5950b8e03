import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openStore } from '../../../center/store/open-store';
import { assignCases } from '../../../center/assign/assign-cases';
import { CenterClient } from '../../../main/services/center/center-client';
import { SyncOutbox } from '../../../main/services/center/sync-outbox';
import type { PushItem } from '../../../shared/sync';
import { PASSWORD, prepared, seedCases, seedUsers } from './seed';

/** Figures of a fault-injection run. */
export interface FaultFigures {
  readonly runs: number;
  readonly generated: number;
  readonly stored: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Items the client had to send again (answered `duplicate`: committed before the kill). */
  readonly redelivered: number;
  /** Requests cut by a kill or refused while the centre was down. */
  readonly interruptedRequests: number;
  readonly durationMs: number;
  /** Work orders raised by the pushed non-standard results (must equal `workOrdersExpected`). */
  readonly workOrders: number;
  readonly workOrdersExpected: number;
  /** Rows in `phone_corrections` (one per pushed correction; `lost`/`duplicated` count any mismatch). */
  readonly phoneCorrections: number;
}

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'center/cli.ts');

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function spawnCentre(dir: string, port: number): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    // A real centre process: plain Node with the tsx loader, as the workstation host runs it.
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--data', dir, '--port', String(port)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errText = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"listening"')) res(child);
    });
    child.stderr?.on('data', (d: Buffer) => (errText += d.toString()));
    child.once('exit', (code) => rej(new Error(`centre exited (${code}) before listening: ${out}${errText}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A workstation pushes a steady stream of attempts and session events while the centre process
 * is SIGKILLed at random moments and restarted, `runs` times. Afterwards every generated item
 * must be stored exactly once, the per-case attempt counters (updated in the same
 * transaction as the insert) must equal the number of stored attempts, and every non-standard
 * result must have raised exactly one work order (same transaction, docs/domain.md §7).
 */
export async function runFaultInjection(opts: { runs: number; cases?: number; log?: (s: string) => void }): Promise<FaultFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'huifang-fault-'));
  const file = join(dir, 'center.sqlite');
  const caseNos = Array.from({ length: opts.cases ?? 20 }, (_, i) => `PF${String(i).padStart(6, '0')}`);
  {
    const o = await openStore({ engine: 'sqlite', file });
    if (!o.ok) throw new Error(o.message);
    await seedUsers(o.store);
    await o.store.db.updateTable('users').set({ active: 0 }).where('staff_no', '!=', '1001').execute();
    await seedCases(
      o.store,
      caseNos.map((n) => prepared(n)),
    );
    await assignCases(o.store, { capacity: 1000, actor: 'fault' });
    await o.store.close();
  }

  const port = await freePort();
  let child = await spawnCentre(dir, port);
  // Track when a push is in flight, so half of the kills land inside a request (before, during or
  // just after its transaction commits — the last case makes the client re-send committed items).
  let inFlightSince: number | null = null;
  class TracingClient extends CenterClient {
    override async push(items: readonly PushItem[]) {
      inFlightSince = performance.now();
      try {
        return await super.push(items);
      } finally {
        inFlightSince = null;
      }
    }
  }
  const client = new TracingClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 3000 });
  const login = await client.login('1001', PASSWORD);
  if (!login.ok) throw new Error(`login failed: ${login.error.message.en}`);

  const outbox = new SyncOutbox(undefined, 25);
  const generated: string[] = [];
  let redelivered = 0;
  let interrupted = 0;
  let producing = true;
  let seq = 0;
  let resulted = 0;
  const nonStandard = new Set<string>();
  const corrections = new Set<string>();
  const classes = ['problem', 'standard', 'verification', 'substandard'] as const;
  const newItem = (): PushItem => {
    seq++;
    const id = randomUUID();
    generated.push(id);
    if (seq % 50 === 25 && resulted < caseNos.length) {
      // one result per case, spread over the run: it closes the case; non-standard ones raise an order
      const classification = classes[resulted % classes.length];
      if (classification !== 'standard') nonStandard.add(id);
      return { id, kind: 'result', policyNo: caseNos[resulted++], occurredAt: new Date().toISOString(), data: { classification, kinds: [] } };
    }
    if (seq % 50 === 40) {
      // a phone correction: stored once in its own table too, finished case or not
      corrections.add(id);
      return {
        id,
        kind: 'phone_correction',
        policyNo: caseNos[seq % caseNos.length],
        occurredAt: new Date().toISOString(),
        data: { original: '13800138000', corrected: `139${String(seq).padStart(8, '0')}`, reason: '号码更正', correctedBy: '1001' },
      };
    }
    if (seq % 10 === 0) return { id, kind: 'session', occurredAt: new Date().toISOString(), data: { event: 'heartbeat', workstationId: 'ws-fault' } };
    return {
      id,
      kind: 'attempt',
      policyNo: caseNos[seq % caseNos.length],
      occurredAt: new Date().toISOString(),
      data: { channel: 'phone', outcome: 'no_answer', durationSec: seq % 60 },
    };
  };

  const producer = (async () => {
    while (producing || outbox.pending().length > 0) {
      if (producing && outbox.pending().length < 400) for (let i = 0; i < 15; i++) outbox.add(newItem());
      const r = await outbox.flush(client);
      redelivered += r.acked.filter((a) => a.status === 'duplicate').length;
      if (r.rejected.length > 0) throw new Error(`items rejected: ${JSON.stringify(r.rejected[0])}`);
      if (r.error) {
        interrupted++;
        await sleep(15);
      }
    }
  })();

  for (let run = 1; run <= opts.runs; run++) {
    await sleep(20 + Math.floor(Math.random() * 180));
    if (run % 2 === 0) {
      const waitUntil = Date.now() + 2000;
      while (inFlightSince === null && Date.now() < waitUntil) await sleep(1);
      await sleep(Math.floor(Math.random() * 8));
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    child = await spawnCentre(dir, port);
    if (run % 20 === 0) opts.log?.(`fault injection: ${run}/${opts.runs} restarts, ${generated.length} items generated`);
  }
  producing = false;
  const drained = await Promise.race([producer.then(() => true), sleep(60_000).then(() => false)]);
  const stoppedChild = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await stoppedChild;
  if (!drained) throw new Error('the outbox did not drain within 60 s after the last restart');

  const o = await openStore({ engine: 'sqlite', file });
  if (!o.ok) throw new Error(o.message);
  try {
    const rows = await o.store.db.selectFrom('sync_items').select(['id', 'kind']).execute();
    const storedIds = new Set(rows.map((r) => r.id));
    const lost = generated.filter((id) => !storedIds.has(id)).length;
    const extraRows = rows.length - new Set(generated).size + lost; // rows not matching exactly one generated id
    const attempts = rows.filter((r) => r.kind === 'attempt').length;
    const counted = await sql<{ n: number | string }>`select coalesce(sum(attempt_count), 0) as n from cases`.execute(o.store.db);
    const counterExcess = Math.abs(Number(counted.rows[0].n) - attempts);
    const orders = await o.store.db.selectFrom('work_orders').select('source_item_id').execute();
    const orderSources = new Set(orders.map((r) => r.source_item_id));
    const ordersMissing = [...nonStandard].filter((id) => !orderSources.has(id)).length;
    const ordersExtra = orders.length - nonStandard.size + ordersMissing;
    const fixes = await o.store.db.selectFrom('phone_corrections').select('id').execute();
    const fixIds = new Set(fixes.map((r) => r.id));
    const fixesMissing = [...corrections].filter((id) => !fixIds.has(id)).length;
    const fixesExtra = fixes.length - corrections.size + fixesMissing;
    return {
      runs: opts.runs,
      generated: generated.length,
      stored: rows.length,
      lost: lost + ordersMissing + fixesMissing,
      duplicated: extraRows + counterExcess + ordersExtra + fixesExtra,
      redelivered,
      interruptedRequests: interrupted,
      durationMs: Date.now() - started,
      workOrders: orders.length,
      workOrdersExpected: nonStandard.size,
      phoneCorrections: fixes.length,
    };
  } finally {
    await o.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
