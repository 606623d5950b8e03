import { z } from 'zod';
import { ARCHIVE_CHUNK_BYTES, CHUNK_SHA256_HEADER, archiveBeginSchema, archiveSessionIdSchema, syncError, type CenterResult } from '../../../shared/sync';
import type { ArchiveService } from '../../archive/archive-service';
import type { CenterContext } from '../../center-context';
import { invalidRequest } from '../reply-envelope';
import { route, type Route, type RouteContext } from '../route';

const DESK_ROLES = ['agent', 'team_lead', 'qa', 'admin'] as const;

/** The archive is configured (a data directory) or every archive route says so. */
export function archiveOf(center: CenterContext): ArchiveService | CenterResult<never> {
  return (
    center.archive ?? {
      ok: false,
      error: syncError('not_found', { zh: '本中心未配置证据归档', en: 'this centre has no evidence archive configured' }),
    }
  );
}

/** Validates `:id`; answers the archive and id, or the refusal. */
export function target(ctx: RouteContext): { archive: ArchiveService; id: string } | CenterResult<never> {
  const archive = archiveOf(ctx.center);
  if ('ok' in archive) return archive;
  const id = archiveSessionIdSchema.safeParse(ctx.params.id);
  if (!id.success) {
    return { ok: false, error: syncError('invalid_request', { zh: '通话记录编号格式不正确', en: `not a session id: ${ctx.params.id}` }) };
  }
  return { archive, id: id.data };
}

/**
 * The evidence archive (README "Evidence archive"; docs/domain.md §9, §11). Desks upload each
 * closed session's record and recording exactly once: begin, chunks at the centre's offset,
 * complete. QA opening them: `archive-qa-routes.ts`.
 */
export const archiveRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/archive/key',
    roles: DESK_ROLES,
    async handle({ center }) {
      const archive = archiveOf(center);
      if ('ok' in archive) return archive;
      return { ok: true, value: { algorithm: 'RSA-OAEP-256', publicKeyPem: archive.keys.publicKeyPem } };
    },
  },
  route({
    method: 'POST',
    path: '/api/archive/sessions/:id',
    roles: DESK_ROLES,
    // Any JSON here, checked below after the id: a malformed id is named before the body's fields.
    body: z.unknown(),
    async handle(ctx) {
      const t = target(ctx);
      if ('ok' in t) return t;
      const body = archiveBeginSchema.safeParse(ctx.body);
      if (!body.success) return { ok: false, error: invalidRequest(body.error) };
      return t.archive.begin(ctx.center.store.db, ctx.user, t.id, body.data);
    },
  }),
  route<Buffer>({
    method: 'PUT',
    path: '/api/archive/sessions/:id/recording',
    roles: DESK_ROLES,
    // The chunk arrives whole or not at all: a body cut short or over the chunk size is refused before this runs.
    body: 'bytes',
    bodyLimit: ARCHIVE_CHUNK_BYTES,
    async handle(ctx) {
      const t = target(ctx);
      if ('ok' in t) return t;
      const offset = z.coerce
        .number()
        .int()
        .nonnegative()
        .safeParse(ctx.url.searchParams.get('offset') ?? undefined);
      if (!offset.success) {
        return { ok: false, error: syncError('invalid_request', { zh: '缺少或错误的偏移量 offset', en: 'offset=N (bytes, ≥ 0) is required' }) };
      }
      const type = String(ctx.req.headers['content-type'] ?? '');
      if (!/^application\/octet-stream\b/i.test(type)) {
        return { ok: false, error: syncError('unsupported_media_type', { en: `expected application/octet-stream, got ${type || 'nothing'}` }) };
      }
      const sha = ctx.req.headers[CHUNK_SHA256_HEADER];
      if (sha !== undefined && (typeof sha !== 'string' || !/^[0-9a-f]{64}$/i.test(sha))) {
        return { ok: false, error: syncError('invalid_request', { zh: '分片校验值格式不正确', en: `${CHUNK_SHA256_HEADER} must be 64 hex digits (SHA-256)` }) };
      }
      return t.archive.append(ctx.center.store.db, ctx.user, t.id, offset.data, ctx.body ?? Buffer.alloc(0), sha?.toLowerCase() ?? null);
    },
  }),
  {
    method: 'POST',
    path: '/api/archive/sessions/:id/complete',
    roles: DESK_ROLES,
    async handle(ctx) {
      const t = target(ctx);
      if ('ok' in t) return t;
      return t.archive.complete(ctx.center.store.db, ctx.user, t.id);
    },
  },
];
