import type { OutgoingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { policyNoSchema, roleSchema, staffNoSchema, syncError } from '../../../shared/sync';
import { hashPassword } from '../../auth/password';
import { upsertUser } from '../../store/users-repo';
import { audit, readAudit } from '../../store/audit-repo';
import { closeCase } from '../../store/cases-repo';
import { importFile } from '../../import/import-file';
import { route, type Route } from '../route';

const userSchema = z
  .object({
    staffNo: staffNoSchema,
    name: z.string().min(1).max(40),
    role: roleSchema,
    team: z.string().min(1).max(40),
    languages: z.array(z.string().min(1).max(30)).max(10).default(['mandarin']),
    password: z.string().min(8).max(200),
    active: z.boolean().default(true),
  })
  .strict();

const closeSchema = z.object({ reason: z.string().min(1).max(200) }).strict();

/** Administrator endpoints: accounts, audit log, closing cases, list import. */
export const adminRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/admin/users',
    roles: ['admin'],
    body: userSchema,
    async handle({ center, user, body }) {
      const { password, ...rest } = body;
      await upsertUser(center.store, { ...rest, passwordHash: await hashPassword(password) });
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'admin.user_upsert',
        target: rest.staffNo,
        detail: { role: rest.role, team: rest.team, active: rest.active },
      });
      return { ok: true, value: { staffNo: rest.staffNo } };
    },
  }),
  {
    method: 'GET',
    path: '/api/admin/audit',
    roles: ['admin'],
    async handle({ center, url, user }) {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 200) || 200, 5000);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.audit_read', detail: { limit } });
      return {
        ok: true,
        value: await readAudit(center.store, { limit, actor: url.searchParams.get('actor') ?? undefined, action: url.searchParams.get('action') ?? undefined }),
      };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/cases/:policyNo/close',
    roles: ['admin'],
    body: closeSchema,
    async handle({ center, user, params, body }) {
      if (!policyNoSchema.safeParse(params.policyNo).success) return { ok: false, error: syncError('invalid_request', { en: 'malformed policy number' }) };
      const result = await closeCase(center.store, params.policyNo, body.reason, user.staffNo);
      if (!result.ok) return result;
      center.notifier.notify(result.value.touched);
      return { ok: true, value: { policyNo: params.policyNo, status: 'closed' } };
    },
  }),
  route<Buffer>({
    method: 'POST',
    path: '/api/admin/import',
    roles: ['admin'],
    // The file itself (CSV or XLSX, any content type), up to the centre's upload limit.
    body: 'bytes',
    async handle({ req, reply, center, user, url, body }) {
      const fileName = String(req.headers['x-file-name'] ?? url.searchParams.get('name') ?? 'upload.csv');
      const streamProgress = url.searchParams.get('progress') === '1';
      // Progress lines go out as the import runs, so the reply is written by hand (NDJSON).
      if (streamProgress) {
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'application/x-ndjson; charset=utf-8',
          'cache-control': 'no-store',
        });
      }
      const result = await importFile(center.store, {
        bytes: body ?? Buffer.alloc(0),
        fileName: decodeURIComponent(fileName),
        actor: user.staffNo,
        mapping: center.mapping,
        today: center.today(),
        maxRows: center.limits.maxImportRows,
        onProgress: streamProgress ? (p) => reply.raw.write(`${JSON.stringify({ event: 'progress', ...p })}\n`) : undefined,
      });
      if (result.ok) center.notifier.notify(result.value.touched);
      const envelope = result.ok ? { ok: true as const, value: result.value.report } : result;
      if (!streamProgress) return envelope;
      reply.raw.end(`${JSON.stringify({ event: 'done', ...envelope })}\n`);
      return 'handled';
    },
  }),
];
