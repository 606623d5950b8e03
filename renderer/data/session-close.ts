import type { IpcErrorCode } from '../../shared/ipc/ipc-error';
import { huifang } from '../ipc/huifang';
import { containerBytes, enqueueArchive, noteArchiveBytes, prepareArchiveEntry } from './archive-outbox';
import type { HuifangDb } from './huifang-db';
import type { PendingClose } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';

/** Failures that a retry cannot fix: the close is dropped (with a warning) instead of retried forever. */
const FINAL_ERRORS: ReadonlySet<IpcErrorCode> = new Set(['domain_error', 'invalid_payload', 'unknown_channel', 'forbidden_sender']);

/** What happened to one close. */
export type CloseOutcome = 'closed' | 'pending' | 'dropped';

async function attempt(db: HuifangDb, p: PendingClose): Promise<CloseOutcome> {
  const r = await huifang()
    .session.close({ ...p.request, answers: { ...p.request.answers }, kinds: [...(p.request.kinds ?? [])] })
    .catch((err: unknown) => ({ ok: false as const, error: { code: 'transport_closed' as const, message: err instanceof Error ? err.message : String(err) } }));
  if (r.ok) {
    // Main finalised the recording on close: the banner now knows the bytes that wait for the archive.
    await db.transaction('rw', db.pendingCloses, db.outbox, async () => {
      await db.pendingCloses.delete(p.sessionId);
      await noteArchiveBytes(db, p.sessionId, containerBytes(r.value));
    });
    return 'closed';
  }
  if (FINAL_ERRORS.has(r.error.code)) {
    // Already closed, unknown session, or a request the host can never take: nothing left to do.
    console.warn(`session:close for ${p.sessionId} given up: ${r.error.message}`);
    await db.pendingCloses.delete(p.sessionId);
    return 'dropped';
  }
  await db.pendingCloses.update(p.sessionId, { tries: p.tries + 1, lastError: r.error.message });
  return 'pending';
}

/**
 * Closes a call session in the main process durably: the request is first kept in the cache, then
 * sent; if the host does not take it (busy, disk full, connection to the web host lost), it stays
 * and `retryPendingCloses` sends it again later. Call after the visit itself is in the cache.
 * The same transaction puts the session's archive entry in `author`'s outbox, behind the results
 * written before it (README "Evidence archive"): the close and the promise to archive the session
 * are kept together or not at all.
 */
export async function closeSessionDurably(db: HuifangDb, request: PendingClose['request'], author: string, now = new Date()): Promise<CloseOutcome> {
  const p: PendingClose = { sessionId: request.sessionId, request, since: now.toISOString(), tries: 0, lastError: null };
  const cipher = await windowCipher();
  const sealed = await sealedRows.sealClose(cipher, p);
  const archive = await prepareArchiveEntry(request.sessionId, author, 0, now);
  await db.transaction('rw', db.pendingCloses, db.outbox, async () => {
    await db.pendingCloses.put(sealed);
    await enqueueArchive(db, archive);
  });
  return attempt(db, p);
}

/** Sends every kept close again, oldest first; returns how many are still pending. */
export async function retryPendingCloses(db: HuifangDb): Promise<number> {
  const waiting = await db.pendingCloses.orderBy('since').toArray();
  const cipher = await windowCipher();
  let pending = 0;
  for (const stored of waiting) {
    const p = await sealedRows.openClose(cipher, stored);
    if ((await attempt(db, p)) === 'pending') pending++;
  }
  return pending;
}
