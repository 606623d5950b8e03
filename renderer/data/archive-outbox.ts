import type { ResponseOf } from '../../shared/ipc/contract';
import { huifang } from '../ipc/huifang';
import type { HuifangDb } from './huifang-db';
import { prepareOutbox } from './outbox-writer';
import type { OutboxEntry, StoredOutboxEntry } from './records';
import { readSetting, writeSetting } from './settings-repo';

/** One outbox entry per session: its id follows from the session id, so writing it twice keeps one. */
export function archiveEntryId(sessionId: string): string {
  return `archive-${sessionId}`;
}

/**
 * Builds and seals the archive entry of a closed session (call before the transaction that adds
 * it). `bytes` is the recording's size when known (the banner shows what waits).
 */
export async function prepareArchiveEntry(sessionId: string, author: string, bytes: number, now = new Date()): Promise<StoredOutboxEntry> {
  const entry = await prepareOutbox({ kind: 'session_archive', id: archiveEntryId(sessionId), sessionId }, author, now);
  return { ...entry, bytes };
}

/**
 * Adds a session's archive entry unless the outbox has one already (in any state): a session goes
 * to the archive through exactly one entry. Call inside the transaction that records the close.
 */
export async function enqueueArchive(db: HuifangDb, entry: StoredOutboxEntry): Promise<void> {
  if ((await db.outbox.get(entry.id)) === undefined) await db.outbox.add(entry);
}

/** Notes the bytes of a session's recording still to send (the banner adds them up). */
export async function noteArchiveBytes(db: HuifangDb, sessionId: string, bytes: number): Promise<void> {
  await db.outbox.update(archiveEntryId(sessionId), { bytes });
}

/**
 * The recording bytes of a closed session as main answered its close (the encrypted container);
 * 0 when the answer carries no manifest (no recording, or a host that answers less).
 */
export function containerBytes(
  session: { recording?: { manifest?: { parts?: readonly { name: string; bytes: number }[] } | null } } | null | undefined,
): number {
  return session?.recording?.manifest?.parts?.find((p) => p.name.endsWith('.enc'))?.bytes ?? 0;
}

/**
 * Upgrade step, once per agent on this desk: the closed sessions main still held in its own upload
 * queue (no acknowledgement in `archive.json`) become outbox entries, oldest first, so none is lost
 * and — the entry id being the session's — none is queued twice. Until it has run once (main
 * reachable, agent signed in), it runs again at the next sync.
 */
export async function adoptUnarchivedSessions(db: HuifangDb, author: string): Promise<number> {
  if ((await readSetting(db, 'archiveAdoptedBy')).includes(author)) return 0;
  const listed = await huifang().archive.unarchived({});
  if (!listed.ok) return 0;
  const sorted = [...listed.value].sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
  const entries = await Promise.all(
    sorted.map((s) => prepareArchiveEntry(s.sessionId, author, s.bytes, s.endedAt === null ? new Date() : new Date(s.endedAt))),
  );
  let added = 0;
  await db.transaction('rw', db.outbox, db.settings, async () => {
    for (const e of entries) {
      if ((await db.outbox.get(e.id)) !== undefined) continue;
      await db.outbox.add(e);
      added++;
    }
    await writeSetting(db, 'archiveAdoptedBy', [...(await readSetting(db, 'archiveAdoptedBy')), author]);
  });
  return added;
}

/** What the banner shows of one agent's waiting outbox: results, sessions and their bytes. */
export interface OutboxWaiting {
  readonly results: number;
  readonly sessions: number;
  readonly bytes: number;
}

/** Splits pending entries' counts by what they carry (clear fields only: nothing to open). */
export function countWaiting(pending: readonly Pick<StoredOutboxEntry, 'kind' | 'bytes'>[]): OutboxWaiting {
  let results = 0;
  let sessions = 0;
  let bytes = 0;
  for (const e of pending) {
    if (e.kind !== 'session_archive') results++;
    else {
      sessions++;
      bytes += e.bytes ?? 0;
    }
  }
  return { results, sessions, bytes };
}

/** True for an entry that main uploads rather than `sync/push` carries. */
export function isArchiveEntry(e: OutboxEntry): e is OutboxEntry & { item: Extract<OutboxEntry['item'], { kind: 'session_archive' }> } {
  return e.item.kind === 'session_archive';
}

/** What became of an archive entry after main's answer: done, refused for good, or left for a later run. */
export type ArchiveEntryFate = 'delivered' | 'rejected' | 'later';

/**
 * Records main's answer for one archive entry. Only `archived` — the centre verified the SHA-256 and
 * stored the session — marks it delivered; a refusal for good sets it aside with the reason (shown,
 * never re-sent); a practice session leaves the outbox (it is no evidence); anything else stays
 * pending with the bytes still to send.
 */
export async function applyArchiveOutcome(db: HuifangDb, id: string, outcome: ResponseOf<'archive:upload'>, now: Date): Promise<ArchiveEntryFate> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(id);
    if (!entry || entry.state !== 'pending') return 'later';
    const tries = entry.tries + 1;
    switch (outcome.kind) {
      case 'archived':
        await db.outbox.update(id, { state: 'delivered', deliveredAt: now.toISOString(), tries, lastError: null, bytes: 0 });
        return 'delivered';
      case 'set_aside':
        await db.outbox.update(id, { state: 'rejected', lastError: outcome.reason, tries });
        return 'rejected';
      case 'not_evidence':
        await db.outbox.delete(id);
        return 'delivered';
      case 'waiting':
        await db.outbox.update(id, { tries, lastError: outcome.reason, bytes: outcome.bytesLeft });
        return 'later';
      case 'skipped':
        await db.outbox.update(id, { lastError: outcome.reason });
        return 'later';
    }
  });
}
