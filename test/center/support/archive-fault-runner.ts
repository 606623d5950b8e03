import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARCHIVE_CHUNK_BYTES } from '../../../shared/sync';
import { openStore } from '../../../center/store/open-store';
import type { HuifangApi } from '../../../shared/ipc/client';
import { connectDesk, must, type DeskLink } from './node-desk';
import { freePort, sleep, spawnCentre, spawnDeskHost, stopProcess, type DeskHost } from './fault-processes';
import { midUpload, partials, uploadPassed } from './archive-watch';
import { PASSWORD, seedUsers } from './seed';
import { liveWebm, splitChunks } from '../../main/services/recording/support';
// The renderer's own modules, as the desk's window runs them (after node-desk set up IndexedDB).
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { SyncEngine } from '../../../renderer/features/sync/sync-engine';
import { closeSessionDurably } from '../../../renderer/data/session-close';
import { readOutbox } from '../../../renderer/data/outbox-repo';

/** Figures of an archive fault run. */
export interface ArchiveFaultFigures {
  /** Host launches SIGKILLed while the desk synced. */
  readonly runs: number;
  /** Of those, kills that cut an upload part-way (the centre held some bytes of it, not all). */
  readonly interruptedUploads: number;
  /** The centre's byte counts of the cut uploads, in kill order. */
  readonly partialOffsets: readonly number[];
  readonly sessions: number;
  readonly recordingBytes: number;
  /** Desk sessions with no archived row, blob or note at the end. */
  readonly lost: number;
  /** Archived rows, archiving audits or blobs beyond one per session. */
  readonly duplicated: number;
  /** Desk outbox: sessions whose archive entry is not `delivered` at the end, or that have not exactly one. */
  readonly outboxUndone: number;
  /** Sessions whose blob at the centre is not byte for byte the desk's container. */
  readonly corrupted: number;
  readonly durationMs: number;
}

const STAFF = '1001';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The workstation host (main/web/cli.ts: production's recording, session, centre-link and archive
 * services) is SIGKILLed at random offsets while its `ArchiveUploader` streams recorded sessions to
 * a real centre process in 1 MiB chunks, then launched again, until `kills` uploads were cut
 * part-way. The desk's renderer (its `SyncEngine`, which drains the outbox and asks the host to
 * upload each session entry) stays up across the kills, as a browser tab does, and signs in again
 * on each launch. Half the sessions are closed by the renderer (the close writes the outbox entry),
 * half straight through the host as a desk before the upgrade did (main's own queue, adopted into
 * the outbox at the first sync). Afterwards each session is archived exactly once, the centre's blob
 * is byte for byte the desk's container, and each session's one outbox entry is delivered.
 */
export async function runArchiveFault(opts: { kills: number; sessions?: number; seconds?: number; log?: (s: string) => void }): Promise<ArchiveFaultFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'huifang-archive-fault-'));
  const centreDir = join(dir, 'center');
  const deskDir = join(dir, 'desk');
  const incoming = join(centreDir, 'archive', 'incoming');
  {
    const o = await openStore({ engine: 'sqlite', file: join(centreDir, 'center.sqlite') });
    if (!o.ok) throw new Error(o.message);
    await seedUsers(o.store);
    await o.store.close();
  }
  const port = await freePort();
  const centre = await spawnCentre(centreDir, port);
  const centreUrl = `http://127.0.0.1:${port}`;
  let host: DeskHost | null = null;
  let link: DeskLink | null = null;
  const db = new HuifangDb(`huifang-archive-fault-${started}`);
  try {
    host = await spawnDeskHost(deskDir, centreUrl);
    link = await signedIn(host);
    const source = liveWebm(opts.seconds ?? 450);
    const ids: string[] = [];
    for (let i = 0; i < (opts.sessions ?? opts.kills + 2); i++) {
      const api = link.api;
      const close =
        i % 2 === 0
          ? async (r: CloseRequest) => {
              if ((await closeSessionDurably(db, r, STAFF)) !== 'closed') throw new Error(`the renderer's close of ${r.sessionId} did not reach the host`);
            }
          : async (r: CloseRequest) => void (await must('session:close', api.session.close(r)));
      ids.push(await recordSession(link.api, `PA${String(i).padStart(6, '0')}`, source, close));
    }
    opts.log?.(`archive fault: ${ids.length} sessions of ${source.length} bytes recorded through the host`);

    const engine = new SyncEngine(db, () => STAFF);
    const partialOffsets: number[] = [];
    let runs = 0;
    while (partialOffsets.length < opts.kills) {
      const baseline = await partials(incoming);
      let killed = false;
      // Kill once an upload moved 1 byte to 1.5 MiB in this launch with more than a chunk to go,
      // then 0–20 ms later: inside the next chunk's read, transfer or fsync.
      const ahead = 1 + Math.floor(Math.random() * 1.5 * ARCHIVE_CHUNK_BYTES);
      const watch = uploadPassed(incoming, baseline, ahead, ARCHIVE_CHUNK_BYTES, () => killed).then(async (hit) => {
        if (hit === null) return;
        await sleep(Math.floor(Math.random() * 20));
        killed = true;
        await stopProcess((host as DeskHost).child, 'SIGKILL');
      });
      while (!killed && !(await allArchived(deskDir, ids))) {
        await engine.run();
        await sleep(10);
      }
      if (!killed) throw new Error(`every session was archived after ${partialOffsets.length} of ${opts.kills} cut uploads: record more or longer sessions`);
      await watch;
      runs++;
      partialOffsets.push(...midUpload(await partials(incoming)).map((p) => p.received));
      link.close();
      host = await spawnDeskHost(deskDir, centreUrl);
      link = await signedIn(host);
      if (runs % 5 === 0) opts.log?.(`archive fault: ${runs} host kills, ${partialOffsets.length} uploads cut part-way`);
    }
    const deadline = Date.now() + 180_000;
    while (!(await allArchived(deskDir, ids)) || (await outboxUndone(db, ids)) > 0) {
      if (Date.now() > deadline) throw new Error('the desk did not archive every session within 180 s after the last kill');
      await engine.run();
      await sleep(10);
    }
    link.close();
    await stopProcess(host.child, 'SIGTERM');
    await stopProcess(centre, 'SIGTERM');
    return {
      runs,
      interruptedUploads: partialOffsets.length,
      partialOffsets,
      sessions: ids.length,
      recordingBytes: source.length,
      ...(await judge(centreDir, deskDir, ids)),
      outboxUndone: await outboxUndone(db, ids),
      durationMs: Date.now() - started,
    };
  } finally {
    link?.close();
    db.close();
    if (host) await stopProcess(host.child, 'SIGKILL');
    await stopProcess(centre, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signedIn(host: DeskHost): Promise<DeskLink> {
  const link = connectDesk(host);
  const r = await must('sign-in', link.api.center.signIn({ staffNo: STAFF, password: PASSWORD }));
  if (r.kind !== 'signed_in' || r.mode !== 'online') throw new Error(`sign-in: ${JSON.stringify(r)}`);
  return link;
}

type CloseRequest = { sessionId: string; answers: Record<string, string>; outcome: string; outcomeNote: null };

/** Sessions whose archive entry in the desk's outbox is missing, doubled or not delivered. */
async function outboxUndone(db: HuifangDb, ids: readonly string[]): Promise<number> {
  const entries = (await readOutbox(db)).filter((e) => e.item.kind === 'session_archive');
  return ids.filter((id) => {
    const mine = entries.filter((e) => e.item.kind === 'session_archive' && e.item.sessionId === id);
    return mine.length !== 1 || mine[0].state !== 'delivered';
  }).length;
}

/** One call's recording made through the host's IPC as the renderer's recorder sends it (≤ 256 KiB chunks). */
async function recordSession(api: HuifangApi, caseId: string, webm: Buffer, close: (r: CloseRequest) => Promise<unknown>): Promise<string> {
  const { sessionId } = await must('session:open', api.session.open({ caseId, agentId: STAFF, scriptId: 'xq-standard', scriptVersion: '3' }));
  await must('recording:start', api.recording.start({ sessionId }));
  for (const [seq, c] of splitChunks(webm, 256 * 1024).entries())
    await must('recording:chunk', api.recording.chunk({ sessionId, seq, data: c.toString('base64') }));
  await must('recording:stop', api.recording.stop({ sessionId }));
  await close({ sessionId, answers: {}, outcome: 'standard', outcomeNote: null });
  return sessionId;
}

/** Every session carries the uploader's durable note `archived` (sessions/<id>/archive.json). */
async function allArchived(deskDir: string, ids: readonly string[]): Promise<boolean> {
  return ids.every((id) => {
    const file = join(deskDir, 'sessions', id, 'archive.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { state: string }).state === 'archived';
  });
}

/** Holds the centre's archive (rows, audit, blobs) against the desk's containers. */
async function judge(centreDir: string, deskDir: string, ids: readonly string[]): Promise<Pick<ArchiveFaultFigures, 'lost' | 'duplicated' | 'corrupted'>> {
  const o = await openStore({ engine: 'sqlite', file: join(centreDir, 'center.sqlite') });
  if (!o.ok) throw new Error(o.message);
  try {
    const rows = await o.store.db.selectFrom('archived_sessions').select(['session_id', 'blob_key']).execute();
    const audits = await o.store.db.selectFrom('audit_log').select('target').where('action', '=', 'archive.session_archived').execute();
    const blobs = listBlobs(join(centreDir, 'archive', 'blobs'));
    let lost = 0;
    let corrupted = 0;
    for (const id of ids) {
      const row = rows.find((r) => r.session_id === id);
      const desk = readFileSync(join(deskDir, 'sessions', id, 'audio.webm.enc'));
      const blob = row?.blob_key ? join(centreDir, 'archive', 'blobs', row.blob_key.slice(0, 2), row.blob_key.slice(2, 4), row.blob_key) : null;
      if (!row || !blob || !existsSync(blob)) lost++;
      else if (row.blob_key !== sha256(desk) || !readFileSync(blob).equals(desk)) corrupted++;
    }
    const duplicated =
      rows.length - new Set(rows.map((r) => r.session_id)).size + (audits.length - new Set(audits.map((a) => a.target)).size) + Math.max(0, blobs - ids.length);
    return { lost, duplicated, corrupted };
  } finally {
    await o.store.close();
  }
}

function listBlobs(root: string): number {
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
