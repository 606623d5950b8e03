import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../../../center/store/open-store';
import { assignCases } from '../../../center/assign/assign-cases';
import type { HuifangApi } from '../../../shared/ipc/client';
import { connectDesk, must } from './node-desk';
import { freePort, sleep, spawnCentre, spawnDeskHost, stopProcess } from './fault-processes';
import { itemSource, type Produced } from './fault-items';
import { judgeArchive, outboxUndone, recordSession, type ArchiveJudgement } from './desk-archive';
import { liveWebm } from '../../main/services/recording/support';
import { PASSWORD, prepared, seedCases, seedUsers } from './seed';
// The renderer's own modules, as the desk's window runs them (after node-desk set up IndexedDB).
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { addToOutbox } from '../../../renderer/data/outbox-writer';
import { countPendingOutbox } from '../../../renderer/data/outbox-repo';
import { SyncEngine } from '../../../renderer/features/sync/sync-engine';
import { closeSessionDurably } from '../../../renderer/data/session-close';

/** Figures of a fault-injection run. */
export interface FaultFigures {
  readonly runs: number;
  readonly generated: number;
  readonly stored: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Items the desk had to send again (answered `duplicate`: committed before the kill). */
  readonly redelivered: number;
  /** Pushes cut by a kill or answered `offline` while the centre was down. */
  readonly interruptedRequests: number;
  /** Kills that landed while a push was on its way (desk → host → centre → back). */
  readonly killsDuringPush: number;
  /** Outbox entries the desk set aside as refused (each one would be a lost result). */
  readonly refused: number;
  readonly durationMs: number;
  /** Work orders raised by the pushed non-standard results (must equal `workOrdersExpected`). */
  readonly workOrders: number;
  readonly workOrdersExpected: number;
  /** Rows in `phone_corrections` (one per pushed correction; `lost`/`duplicated` count any mismatch). */
  readonly phoneCorrections: number;
  /** Recorded sessions closed by the renderer while the centre was killed: their archive entries share the outbox. */
  readonly sessions: number;
  /** Kills that landed while main uploaded a session for the outbox. */
  readonly killsDuringUpload: number;
  /** The sessions at the centre's archive (lost, archived twice, not byte for byte the desk's container). */
  readonly archive: ArchiveJudgement;
  /** Sessions whose one archive entry is not delivered at the end (or that have none, or two). */
  readonly outboxUndone: number;
}

const STAFF = '1001';

/**
 * The desk as production runs it — the renderer's `SyncEngine` over its Dexie outbox (fake-indexeddb),
 * through the web bridge's socket to a workstation host process (main/web/cli.ts: the centre link
 * and `CenterClient`) — pushes a steady stream of attempts, results, phone corrections and session
 * events while the centre process is SIGKILLed at random moments and restarted, `runs` times.
 * Afterwards every generated item must be stored exactly once, the per-case attempt counters
 * (same transaction as the insert) must equal the stored attempts, and every non-standard result
 * must have raised exactly one work order (same transaction, docs/domain.md §7).
 */
export async function runFaultInjection(opts: { runs: number; cases?: number; sessions?: number; log?: (s: string) => void }): Promise<FaultFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'huifang-fault-'));
  const centreDir = join(dir, 'center');
  const caseNos = Array.from({ length: opts.cases ?? 20 }, (_, i) => `PF${String(i).padStart(6, '0')}`);
  await seedCentre(join(centreDir, 'center.sqlite'), caseNos);

  const port = await freePort();
  let centre = await spawnCentre(centreDir, port);
  const deskDir = join(dir, 'desk');
  const host = await spawnDeskHost(deskDir, `http://127.0.0.1:${port}`);
  let pushesInFlight = 0;
  let uploadsInFlight = 0;
  let redelivered = 0;
  let interrupted = 0;
  let answered = 0;
  // A spy around the real API: when a push is on its way, and what came back.
  const link = connectDesk(host, (api) => ({
    ...api,
    center: {
      ...api.center,
      push: async (req) => {
        pushesInFlight++;
        try {
          const r = await api.center.push(req);
          if (r.ok && r.value.kind === 'ok') {
            answered++;
            redelivered += r.value.acks.filter((a) => a.status === 'duplicate').length;
          } else interrupted++;
          return r;
        } finally {
          pushesInFlight--;
        }
      },
    } as HuifangApi['center'],
    archive: {
      ...api.archive,
      upload: async (req) => {
        uploadsInFlight++;
        try {
          return await api.archive.upload(req);
        } finally {
          uploadsInFlight--;
        }
      },
    } as HuifangApi['archive'],
  }));
  const db = new HuifangDb(`huifang-fault-${started}`);
  try {
    const signIn = await must('sign-in', link.api.center.signIn({ staffNo: STAFF, password: PASSWORD }));
    if (signIn.kind !== 'signed_in' || signIn.mode !== 'online') throw new Error(`sign-in: ${JSON.stringify(signIn)}`);
    const engine = new SyncEngine(db, () => STAFF);
    const source = itemSource(caseNos, STAFF);
    // Calls recorded through the host and closed by the renderer every eighth restart, between the
    // results: each close writes the session's archive entry into the same outbox (≈ 1.4 MB, two
    // chunks each), and the next kill waits for its upload.
    const webm = liveWebm(150);
    const sessionIds: string[] = [];
    const closeByRenderer = async (r: Parameters<typeof closeSessionDurably>[1]) => {
      if ((await closeSessionDurably(db, r, STAFF)) !== 'closed') throw new Error(`the renderer's close of ${r.sessionId} did not reach the host`);
    };
    let producing = true;
    let sessionWanted = false;
    const desk = (async () => {
      for (;;) {
        const pending = await countPendingOutbox(db);
        if (!producing && pending === 0) return;
        if (producing && pending < 400) for (let i = 0; i < 15; i++) await addToOutbox(db, source.next(), STAFF);
        if (sessionWanted) {
          sessionWanted = false;
          sessionIds.push(await recordSession(link.api, STAFF, caseNos[sessionIds.length % caseNos.length], webm, closeByRenderer));
        }
        const r = await engine.run();
        // A refusal the engine does not set aside (rate limit, a centre still starting) is retried
        // like production retries it; one it sets aside shows as a refused entry and counts lost.
        if (r.kind !== 'done') await sleep(15);
      }
    })();
    let killsDuringPush = 0;
    let killsDuringUpload = 0;
    for (let run = 1; run <= opts.runs; run++) {
      // The restarted centre first takes at least one push (a desk's retry is a few hundred ms of
      // IPC and IndexedDB, longer than the centre's random lifetime would otherwise be).
      const answeredBefore = answered;
      const upUntil = Date.now() + 5000;
      while (answered === answeredBefore && Date.now() < upUntil) await sleep(2);
      await sleep(20 + Math.floor(Math.random() * 180));
      if (run % 8 === 1 && sessionIds.length < (opts.sessions ?? 13)) {
        // A call closed now: the kill lands while main streams its recording to the centre.
        sessionWanted = true;
        const waitUntil = Date.now() + 3000;
        while (uploadsInFlight === 0 && Date.now() < waitUntil) await sleep(1);
        await sleep(Math.floor(Math.random() * 150));
      } else if (run % 2 === 0) {
        // Half of the kills land inside a push: before, during or just after its transaction
        // commits (the last case makes the desk re-send items the centre already holds).
        const waitUntil = Date.now() + 2000;
        while (pushesInFlight === 0 && Date.now() < waitUntil) await sleep(1);
        await sleep(Math.floor(Math.random() * 8));
      }
      if (pushesInFlight > 0) killsDuringPush++;
      if (uploadsInFlight > 0) killsDuringUpload++;
      await stopProcess(centre, 'SIGKILL');
      centre = await spawnCentre(centreDir, port);
      if (run % 20 === 0) opts.log?.(`fault injection: ${run}/${opts.runs} restarts, ${source.produced.ids.length} items generated`);
    }
    producing = false;
    const drained = await Promise.race([desk.then(() => true), sleep(90_000).then(() => false)]);
    if (!drained) throw new Error(`the desk's outbox did not drain within 90 s after the last restart (${await countPendingOutbox(db)} waiting)`);
    const refused = await db.outbox.where('state').equals('rejected').count();
    await stopProcess(centre, 'SIGTERM');
    const store = await storeFigures(join(centreDir, 'center.sqlite'), source.produced);
    const archive = await judgeArchive(centreDir, deskDir, sessionIds);
    return {
      runs: opts.runs,
      generated: source.produced.ids.length,
      ...store,
      lost: store.lost + refused,
      redelivered,
      interruptedRequests: interrupted,
      killsDuringPush,
      refused,
      sessions: sessionIds.length,
      killsDuringUpload,
      archive,
      outboxUndone: await outboxUndone(db, sessionIds),
      durationMs: Date.now() - started,
    };
  } finally {
    link.close();
    db.close();
    await stopProcess(host.child, 'SIGTERM');
    await stopProcess(centre, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Users, the cases (all assigned to the one agent) and nothing else. */
async function seedCentre(file: string, caseNos: readonly string[]): Promise<void> {
  const o = await openStore({ engine: 'sqlite', file });
  if (!o.ok) throw new Error(o.message);
  try {
    await seedUsers(o.store);
    await o.store.db.updateTable('users').set({ active: 0 }).where('staff_no', '!=', STAFF).execute();
    await seedCases(
      o.store,
      caseNos.map((n) => prepared(n)),
    );
    await assignCases(o.store, { capacity: 1000, actor: 'fault' });
  } finally {
    await o.store.close();
  }
}

/** Holds the centre's store against what the desk produced. */
async function storeFigures(
  file: string,
  produced: Produced,
): Promise<Pick<FaultFigures, 'stored' | 'lost' | 'duplicated' | 'workOrders' | 'workOrdersExpected' | 'phoneCorrections'>> {
  const o = await openStore({ engine: 'sqlite', file });
  if (!o.ok) throw new Error(o.message);
  try {
    const rows = await o.store.db.selectFrom('sync_items').select(['id', 'kind']).execute();
    const storedIds = new Set(rows.map((r) => r.id));
    const lost = produced.ids.filter((id) => !storedIds.has(id)).length;
    const extraRows = rows.length - new Set(produced.ids).size + lost; // rows not matching exactly one generated id
    const attempts = rows.filter((r) => r.kind === 'attempt').length;
    const counted = await sql<{ n: number | string }>`select coalesce(sum(attempt_count), 0) as n from cases`.execute(o.store.db);
    const counterExcess = Math.abs(Number(counted.rows[0].n) - attempts);
    const orders = await o.store.db.selectFrom('work_orders').select('source_item_id').execute();
    const orderSources = new Set(orders.map((r) => r.source_item_id));
    const ordersMissing = [...produced.nonStandard].filter((id) => !orderSources.has(id)).length;
    const ordersExtra = orders.length - produced.nonStandard.size + ordersMissing;
    const fixes = await o.store.db.selectFrom('phone_corrections').select('id').execute();
    const fixIds = new Set(fixes.map((r) => r.id));
    const fixesMissing = [...produced.corrections].filter((id) => !fixIds.has(id)).length;
    const fixesExtra = fixes.length - produced.corrections.size + fixesMissing;
    return {
      stored: rows.length,
      lost: lost + ordersMissing + fixesMissing,
      duplicated: extraRows + counterExcess + ordersExtra + fixesExtra,
      workOrders: orders.length,
      workOrdersExpected: produced.nonStandard.size,
      phoneCorrections: fixes.length,
    };
  } finally {
    await o.store.close();
  }
}
