import type { Kysely } from 'kysely';
import { syncError, type CenterResult, type ExportRequest, type ExportRow, type Role, type SyncError } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { StoredUser } from '../store/users-repo';
import { audit } from '../store/audit-repo';
import { mayListen } from './archive-qa';
import { findArchivedSession } from './archived-sessions-repo';
import { findExport, insertExport, moveExport, newExportId, openExportFor, toExportRow, type StoredExport } from './export-repo';

type Db = Kysely<CenterDatabase>;

/**
 * Who may ask for a copy: QA, team leads (their own team's sessions), admins, and department heads
 * (whose request another department head must approve). Agents never: docs/domain.md §9 puts
 * recordings at supervisor level and above.
 */
export const EXPORT_REQUESTERS: readonly Role[] = ['qa', 'team_lead', 'admin', 'dept_head'];
/** Who decides (docs/domain.md §9: "approved by the department head"). */
export const EXPORT_APPROVERS: readonly Role[] = ['dept_head'];

const fail = (error: SyncError) => ({ ok: false as const, error });

/** Audits a refused step with its code, then answers the refusal. */
export async function refused(db: Db, user: StoredUser, action: string, target: string | undefined, error: SyncError, detail: Record<string, unknown> = {}) {
  await audit(db, { actor: user.staffNo, action, target, detail: { ...detail, code: error.code, reason: error.message.en } });
  return fail(error);
}

/** Records a request for one archived session's recording (audited `export.requested`). */
export async function requestExport(db: Db, user: StoredUser, body: ExportRequest, nowMs: number): Promise<CenterResult<ExportRow>> {
  const no = (e: SyncError) => refused(db, user, 'export.request_refused', body.sessionId, e);
  if (!EXPORT_REQUESTERS.includes(user.role)) {
    return no(syncError('forbidden', { zh: '申请导出录音须质检、组长、管理员或部门负责人权限', en: `role ${user.role} may not request a recording export` }));
  }
  const found = await findArchivedSession(db, body.sessionId);
  if (!found) return no(syncError('not_found', { zh: `中心没有通话记录 ${body.sessionId}`, en: `no archived session ${body.sessionId}` }));
  if (!found.blobKey) return no(syncError('not_found', { zh: '该通话没有归档录音，无可导出', en: `session ${body.sessionId} has no archived recording` }));
  const denied = user.role === 'dept_head' ? undefined : mayListen(user, found.row.team);
  if (denied) return no(denied);
  const now = new Date(nowMs).toISOString();
  const open = await openExportFor(db, user.staffNo, body.sessionId, now);
  if (open) {
    return no(
      syncError('conflict', {
        zh: `您对该通话已有未完结的导出申请（${open.id}）`,
        en: `export ${open.id} of this session is still ${open.state}: one open request per session`,
      }),
    );
  }
  const id = newExportId();
  await db.transaction().execute(async (trx) => {
    await insertExport(trx, {
      id,
      session_id: body.sessionId,
      team: found.row.team,
      agent_id: found.row.agentId,
      session_created_at: found.row.createdAt,
      requested_by: user.staffNo,
      reason: body.reason,
      requested_at: now,
    });
    await audit(trx, {
      actor: user.staffNo,
      action: 'export.requested',
      target: id,
      detail: { sessionId: body.sessionId, team: found.row.team, reason: body.reason },
    });
  });
  return { ok: true, value: toExportRow((await findExport(db, id)) as StoredExport, nowMs) };
}

/**
 * The department head's decision on a pending request (audited `export.approved` / `export.refused`;
 * every refused attempt `export.decision_refused`). Nobody decides their own request. An approval
 * opens the copy for `validMs`.
 */
export async function decideExport(
  db: Db,
  user: StoredUser,
  id: string,
  decision: { approve: boolean; comment: string },
  nowMs: number,
  validMs: number,
): Promise<CenterResult<ExportRow>> {
  const no = (e: SyncError) => refused(db, user, 'export.decision_refused', id, e, { decision: decision.approve ? 'approve' : 'refuse' });
  if (!EXPORT_APPROVERS.includes(user.role)) {
    return no(syncError('forbidden', { zh: '审批录音导出须部门负责人权限', en: `role ${user.role} may not decide recording exports (department head only)` }));
  }
  const row = await findExport(db, id);
  if (!row) return no(syncError('not_found', { zh: `没有导出申请 ${id}`, en: `no export request ${id}` }));
  if (row.requested_by === user.staffNo) {
    return no(syncError('forbidden', { zh: '不能审批本人提出的导出申请', en: 'nobody decides their own export request' }));
  }
  if (row.state !== 'pending') {
    return no(syncError('conflict', { zh: `该申请已处理（${row.state}），不能再次审批`, en: `export ${id} is ${row.state}, not pending` }));
  }
  const now = new Date(nowMs).toISOString();
  const expiresAt = decision.approve ? new Date(nowMs + validMs).toISOString() : null;
  const set = { decided_by: user.staffNo, decided_at: now, decision_comment: decision.comment || null, expires_at: expiresAt };
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await moveExport(trx, id, 'pending', decision.approve ? 'approve' : 'refuse', set))) return false;
    await audit(trx, {
      actor: user.staffNo,
      action: decision.approve ? 'export.approved' : 'export.refused',
      target: id,
      detail: { sessionId: row.session_id, requestedBy: row.requested_by, comment: decision.comment, expiresAt },
    });
    return true;
  });
  if (!moved) return no(syncError('conflict', { zh: '该申请刚被他人处理', en: `export ${id} was decided meanwhile` }));
  return { ok: true, value: toExportRow((await findExport(db, id)) as StoredExport, nowMs) };
}

/** A download in progress older than this is taken as broken off (the centre stopped mid-transfer). */
const STALLED_MS = 10 * 60 * 1000;

/**
 * Claims export `id` for one download by its requester: approved, unexpired, never delivered. The
 * claim is a conditional update, so one approval yields one copy however many tries race.
 * Refusals are audited `export.download_refused`.
 */
export async function claimDownload(db: Db, user: StoredUser, id: string, nowMs: number): Promise<CenterResult<StoredExport>> {
  const no = (e: SyncError) => refused(db, user, 'export.download_refused', id, e);
  const row = await findExport(db, id);
  if (!row) return no(syncError('not_found', { zh: `没有导出申请 ${id}`, en: `no export request ${id}` }));
  if (row.requested_by !== user.staffNo) {
    return no(
      syncError('forbidden', { zh: '只有申请人本人可以下载该导出', en: `export ${id} belongs to ${row.requested_by}: only the requester downloads it` }),
    );
  }
  const now = new Date(nowMs).toISOString();
  const stalled = row.state === 'downloading' && row.claimed_at !== null && Date.parse(row.claimed_at) < nowMs - STALLED_MS;
  if (row.state === 'pending') return no(syncError('conflict', { zh: '导出申请尚未审批', en: `export ${id} is still awaiting approval` }));
  if (row.state === 'refused') return no(syncError('conflict', { zh: '导出申请已被拒绝', en: `export ${id} was refused` }));
  if (row.state === 'downloaded') {
    return no(
      syncError('gone', {
        zh: `该导出已于 ${row.downloaded_at} 下载，每次审批只能下载一次`,
        en: `export ${id} was already downloaded at ${row.downloaded_at}: one copy per approval`,
      }),
    );
  }
  if (row.expires_at === null || row.expires_at <= now) {
    return no(syncError('gone', { zh: `导出有效期已于 ${row.expires_at} 结束，请重新申请`, en: `export ${id} expired at ${row.expires_at}; request again` }));
  }
  if (row.state === 'downloading' && !stalled) {
    return no(syncError('conflict', { zh: '该导出正在下载中', en: `export ${id} is being downloaded right now` }));
  }
  if (stalled) await moveExport(db, id, 'downloading', 'release', { claimed_at: null }, { claimedBefore: new Date(nowMs - STALLED_MS).toISOString() });
  const claimed = await moveExport(db, id, 'approved', 'claim', { claimed_at: now }, { notExpiredAt: now });
  if (!claimed) return no(syncError('conflict', { zh: '该导出正在下载中', en: `export ${id} is being downloaded right now` }));
  return { ok: true, value: { ...row, state: 'downloading', claimed_at: now } };
}
