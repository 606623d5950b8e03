import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../center/store/open-store';
import type { HuifangApi } from '../../../shared/ipc/client';
import { must } from './node-desk';
import { splitChunks } from '../../main/services/recording/support';
import type { HuifangDb } from '../../../renderer/data/huifang-db';
import { readOutbox } from '../../../renderer/data/outbox-repo';

/** What the desk's archive came to at the centre, session by session. */
export interface ArchiveJudgement {
  /** Desk sessions with no archived row, blob or note at the end. */
  readonly lost: number;
  /** Archived rows, archiving audits or blobs beyond one per session. */
  readonly duplicated: number;
  /** Sessions whose blob at the centre is not byte for byte the desk's container. */
  readonly corrupted: number;
}

export type CloseRequest = { sessionId: string; answers: Record<string, string>; outcome: string; outcomeNote: null };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One call's recording made through the host's IPC as the renderer's recorder sends it (≤ 256 KiB chunks). */
export async function recordSession(
  api: HuifangApi,
  agentId: string,
  caseId: string,
  webm: Buffer,
  close: (r: CloseRequest) => Promise<unknown>,
): Promise<string> {
  const { sessionId } = await must('session:open', api.session.open({ caseId, agentId, scriptId: 'xq-standard', scriptVersion: '3' }));
  await must('recording:start', api.recording.start({ sessionId }));
  for (const [seq, c] of splitChunks(webm, 256 * 1024).entries())
    await must('recording:chunk', api.recording.chunk({ sessionId, seq, data: c.toString('base64') }));
  await must('recording:stop', api.recording.stop({ sessionId }));
  await close({ sessionId, answers: {}, outcome: 'standard', outcomeNote: null });
  return sessionId;
}

/** Every session carries the uploader's durable note `archived` (sessions/<id>/archive.json). */
export function allArchived(deskDir: string, ids: readonly string[]): boolean {
  return ids.every((id) => {
    const file = join(deskDir, 'sessions', id, 'archive.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { state: string }).state === 'archived';
  });
}

/** Sessions whose archive entry in the desk's outbox is missing, doubled or not delivered. */
export async function outboxUndone(db: HuifangDb, ids: readonly string[]): Promise<number> {
  const entries = (await readOutbox(db)).filter((e) => e.item.kind === 'session_archive');
  return ids.filter((id) => {
    const mine = entries.filter((e) => e.item.kind === 'session_archive' && e.item.sessionId === id);
    return mine.length !== 1 || mine[0].state !== 'delivered';
  }).length;
}

/** Holds the centre's archive (rows, audit, blobs) against the desk's containers. */
export async function judgeArchive(centreDir: string, deskDir: string, ids: readonly string[]): Promise<ArchiveJudgement> {
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

/** Figures as `bench/run.ts` prints them: one JSON object per line, so a reader greps test output and bench alike. */
export function printFigures(figures: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(figures)) console.log(JSON.stringify({ name, value, unit: 'count' }));
}
