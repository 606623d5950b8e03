import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { exportStatusOf, exportTransition, type ExportEvent, type ExportRow, type ExportState } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { RecordingExportsTable } from '../store/db-schema-archive';

type Db = Kysely<CenterDatabase>;
type Stored = Selectable<RecordingExportsTable>;

/** A stored export and its requester's name. */
export type StoredExport = Stored & { readonly requester_name: string | null };

/** A fresh approval id (`EX-` + 64 random bits as hex). */
export function newExportId(): string {
  return `EX-${randomBytes(8).toString('hex')}`;
}

/** Stores a new pending request. */
export async function insertExport(
  db: Db,
  row: Omit<Stored, 'state' | 'decided_by' | 'decided_at' | 'decision_comment' | 'expires_at' | 'claimed_at' | 'downloaded_at'>,
): Promise<void> {
  await db
    .insertInto('recording_exports')
    .values({ ...row, state: 'pending', decided_by: null, decided_at: null, decision_comment: null, expires_at: null, claimed_at: null, downloaded_at: null })
    .execute();
}

function selectWithName(db: Db) {
  return db
    .selectFrom('recording_exports')
    .leftJoin('users', 'users.staff_no', 'recording_exports.requested_by')
    .selectAll('recording_exports')
    .select('users.name as requester_name');
}

/** One export, or undefined. */
export async function findExport(db: Db, id: string): Promise<StoredExport | undefined> {
  return selectWithName(db).where('recording_exports.id', '=', id).executeTakeFirst();
}

/** Exports of one requester, or in one state; newest request first. */
export async function listExports(db: Db, f: { requestedBy?: string; state?: ExportState; limit: number }): Promise<StoredExport[]> {
  let q = selectWithName(db);
  if (f.requestedBy) q = q.where('recording_exports.requested_by', '=', f.requestedBy);
  if (f.state) q = q.where('recording_exports.state', '=', f.state);
  return q.orderBy('recording_exports.requested_at', 'desc').orderBy('recording_exports.id').limit(f.limit).execute();
}

/** The requester's requests for `sessionId` still waiting or usable at `now` (one at a time per session). */
export async function openExportFor(db: Db, requestedBy: string, sessionId: string, now: string): Promise<Stored | undefined> {
  return db
    .selectFrom('recording_exports')
    .selectAll()
    .where('requested_by', '=', requestedBy)
    .where('session_id', '=', sessionId)
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb.and([eb('state', 'in', ['approved', 'downloading']), eb('expires_at', '>', now)])]))
    .executeTakeFirst();
}

/**
 * Moves export `id` by `event` when it is still in `from` (a conditional update, so two racing
 * decisions or downloads cannot both win); `also` narrows further and `set` adds columns.
 * True when this call made the move.
 */
export async function moveExport(
  db: Db,
  id: string,
  from: ExportState,
  event: ExportEvent,
  set: Partial<Omit<Stored, 'id' | 'state'>>,
  also?: { notExpiredAt?: string; claimedBefore?: string },
): Promise<boolean> {
  const to = exportTransition(from, event);
  if (to === null) return false;
  let q = db
    .updateTable('recording_exports')
    .set({ ...set, state: to })
    .where('id', '=', id)
    .where('state', '=', from);
  if (also?.notExpiredAt) q = q.where('expires_at', '>', also.notExpiredAt);
  if (also?.claimedBefore) q = q.where('claimed_at', '<', also.claimedBefore);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The listing row of a stored export, its status judged at `nowMs`. */
export function toExportRow(r: StoredExport, nowMs: number): ExportRow {
  const state = r.state as ExportState;
  return {
    id: r.id,
    sessionId: r.session_id,
    team: r.team,
    agentId: r.agent_id,
    sessionCreatedAt: r.session_created_at,
    requestedBy: r.requested_by,
    requestedByName: r.requester_name ?? r.requested_by,
    reason: r.reason,
    requestedAt: r.requested_at,
    state,
    status: exportStatusOf(state, r.expires_at, nowMs),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    comment: r.decision_comment,
    expiresAt: r.expires_at,
    downloadedAt: r.downloaded_at,
  };
}
