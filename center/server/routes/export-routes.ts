import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  EXPORT_TAGS,
  exportDecisionSchema,
  exportIdSchema,
  exportRefusalSchema,
  exportRequestSchema,
  syncError,
  type CenterResult,
  type Role,
} from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { findArchivedSession } from '../../archive/archived-sessions-repo';
import { workstationOf } from '../../archive/archive-qa';
import { openArchivedRecording, watermarkWebm } from '../../archive/export-copy';
import { listExports, moveExport, toExportRow, type StoredExport } from '../../archive/export-repo';
import { EXPORT_REQUESTERS, claimDownload, decideExport, refused, requestExport } from '../../archive/export-rules';
import { route, type Route, type RouteContext } from '../route';
import { archiveOf } from './archive-routes';

/** Every signed-in role reaches the handlers, so a wrong role's attempt is refused *and audited* there. */
const ANYONE: readonly Role[] = ['agent', 'team_lead', 'qa', 'admin', 'dept_head'];
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict();

function exportId(ctx: RouteContext): string | CenterResult<never> {
  const id = exportIdSchema.safeParse(ctx.params.id);
  return id.success ? id.data : { ok: false, error: syncError('invalid_request', { zh: '导出编号格式不正确', en: `not an export id: ${ctx.params.id}` }) };
}

function limitOf(ctx: RouteContext): CenterResult<number> {
  const q = listQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (q.success) return { ok: true, value: q.data.limit };
  return {
    ok: false,
    error: syncError(
      'invalid_request',
      undefined,
      q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    ),
  };
}

async function decide(ctx: RouteContext<{ comment: string }>, approve: boolean): Promise<CenterResult<unknown>> {
  const id = exportId(ctx);
  if (typeof id !== 'string') return id;
  const validMs = ctx.center.limits.exportValidHours * 3600_000;
  return decideExport(ctx.center.store.db, ctx.user, id, { approve, comment: ctx.body.comment }, Date.now(), validMs);
}

/**
 * Recording exports (README "Recording exports"; docs/domain.md §9: no copying or forwarding, a
 * copy only with the department head's written approval; every access logged): request with a
 * reason, the department head approves or refuses, the requester downloads one watermarked copy
 * while the approval is valid. Every step and every refusal is audited.
 */
export const exportRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/exports',
    roles: ANYONE,
    body: exportRequestSchema,
    async handle(ctx) {
      const { body } = ctx;
      return requestExport(ctx.center.store.db, ctx.user, body, Date.now());
    },
  }),
  {
    method: 'GET',
    path: '/api/exports/mine',
    roles: EXPORT_REQUESTERS,
    async handle(ctx) {
      const limit = limitOf(ctx);
      if (!limit.ok) return limit;
      const rows = await listExports(ctx.center.store.db, { requestedBy: ctx.user.staffNo, limit: limit.value });
      const now = Date.now();
      return { ok: true, value: { items: rows.map((r) => toExportRow(r, now)) } };
    },
  },
  {
    method: 'GET',
    path: '/api/exports/pending',
    roles: ['dept_head'],
    async handle(ctx) {
      const limit = limitOf(ctx);
      if (!limit.ok) return limit;
      const rows = await listExports(ctx.center.store.db, { state: 'pending', limit: limit.value });
      const now = Date.now();
      return { ok: true, value: { items: rows.map((r) => toExportRow(r, now)) } };
    },
  },
  route({ method: 'POST', path: '/api/exports/:id/approve', roles: ANYONE, body: exportDecisionSchema, handle: (ctx) => decide(ctx, true) }),
  route({ method: 'POST', path: '/api/exports/:id/refuse', roles: ANYONE, body: exportRefusalSchema, handle: (ctx) => decide(ctx, false) }),
  {
    method: 'GET',
    path: '/api/exports/:id/download',
    roles: ANYONE,
    async handle(ctx) {
      const id = exportId(ctx);
      if (typeof id !== 'string') return id;
      const archive = archiveOf(ctx.center);
      if ('ok' in archive) return archive;
      const db = ctx.center.store.db;
      const claimed = await claimDownload(db, ctx.user, id, Date.now());
      if (!claimed.ok) return claimed;
      const row = claimed.value;
      const workstation = workstationOf(ctx.req);
      let file: Buffer;
      try {
        file = await buildCopy(ctx, row);
      } catch (err) {
        await moveExport(db, id, 'downloading', 'release', { claimed_at: null });
        const error = syncError('internal', { zh: '无法生成导出录音，请联系管理员', en: `the export could not be built: ${(err as Error).message}` });
        return refused(db, ctx.user, 'export.download_failed', id, error, { workstation });
      }
      const sha256 = createHash('sha256').update(file).digest('hex');
      const res = ctx.reply.raw;
      // Delivered once the last byte went out; a transfer that broke off frees the approval again.
      const finished = new Promise<boolean>((resolve) => {
        res.on('finish', () => resolve(true));
        res.on('close', () => resolve(res.writableFinished));
      });
      void ctx.reply
        .headers({
          'content-type': 'audio/webm',
          'content-disposition': `attachment; filename="huifang-${row.session_id}-${id}.webm"`,
          'cache-control': 'no-store',
        })
        .send(file);
      const delivered = await finished;
      const at = new Date().toISOString();
      if (delivered && (await moveExport(db, id, 'downloading', 'finish', { downloaded_at: at }))) {
        await audit(db, {
          actor: ctx.user.staffNo,
          action: 'export.downloaded',
          target: id,
          detail: { sessionId: row.session_id, bytes: file.length, sha256, workstation },
        });
      } else {
        await moveExport(db, id, 'downloading', 'release', { claimed_at: null });
        await audit(db, { actor: ctx.user.staffNo, action: 'export.download_interrupted', target: id, detail: { sessionId: row.session_id, workstation } });
      }
      return 'handled';
    },
  },
];

/** The recording opened at the centre and watermarked with the requester and the approval. */
async function buildCopy(ctx: RouteContext, row: StoredExport): Promise<Buffer> {
  const archive = archiveOf(ctx.center);
  if ('ok' in archive) throw new Error('no archive configured');
  const found = await findArchivedSession(ctx.center.store.db, row.session_id);
  if (!found?.blobKey) throw new Error(`session ${row.session_id} has no archived recording any more`);
  const plain = await openArchivedRecording(archive.keys, archive.blobs, { sessionId: row.session_id, blobKey: found.blobKey, wrappedKey: found.wrappedKey });
  const requester = `${row.requested_by} ${row.requester_name ?? ''}`.trim();
  return watermarkWebm(plain, {
    [EXPORT_TAGS.requester]: requester,
    [EXPORT_TAGS.approvalId]: row.id,
    [EXPORT_TAGS.approvedBy]: row.decided_by ?? '',
    [EXPORT_TAGS.approvedAt]: row.decided_at ?? '',
    [EXPORT_TAGS.expiresAt]: row.expires_at ?? '',
    [EXPORT_TAGS.sessionId]: row.session_id,
    COMMENT: `Copy ${row.id} for ${requester}; no further copying or forwarding`,
  });
}
