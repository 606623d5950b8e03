import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARCHIVE_CHUNK_BYTES } from '../../../shared/sync';
import { openStore } from '../../../center/store/open-store';
import { connectDesk, must, type DeskLink } from './node-desk';
import { freePort, sleep, spawnCentre, spawnDeskHost, stopProcess, type DeskHost } from './fault-processes';
import { midUpload, partials, uploadPassed } from './archive-watch';
import { PASSWORD, seedUsers } from './seed';
import { liveWebm } from '../../main/services/recording/support';
import { allArchived, judgeArchive, outboxUndone, recordSession, type ArchiveJudgement, type CloseRequest } from './desk-archive';
// The renderer's own modules, as the desk's window runs them (after node-desk set up IndexedDB).
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { SyncEngine } from '../../../renderer/features/sync/sync-engine';
import { closeSessionDurably } from '../../../renderer/data/session-close';

/** Figures of an archive fault run. */
export interface ArchiveFaultFigures extends ArchiveJudgement {
  /** Host launches SIGKILLed while the desk synced. */
  readonly runs: number;
  /** Of those, kills that cut an upload part-way (the centre held some bytes of it, not all). */
  readonly interruptedUploads: number;
  /** The centre's byte counts of the cut uploads, in kill order. */
  readonly partialOffsets: readonly number[];
  readonly sessions: number;
  readonly recordingBytes: number;
  /** Desk outbox: sessions whose archive entry is not `delivered` at the end, or that have not exactly one. */
  readonly outboxUndone: number;
  readonly durationMs: number;
}

const STAFF = '1001';

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
      ids.push(await recordSession(link.api, STAFF, `PA${String(i).padStart(6, '0')}`, source, close));
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
      while (!killed && !allArchived(deskDir, ids)) {
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
    while (!allArchived(deskDir, ids) || (await outboxUndone(db, ids)) > 0) {
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
      ...(await judgeArchive(centreDir, deskDir, ids)),
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
