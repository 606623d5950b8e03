import { z } from 'zod';
import { policyNoSchema, roleSchema, staffNoSchema, syncError } from '../../../shared/sync';
import { hashPassword } from '../../auth/password';
import { upsertUser } from '../../store/users-repo';
import { audit, readAudit } from '../../store/audit-repo';
import { closeCase } from '../../store/cases-repo';
import { importFile } from '../../import/import-file';
import { readRaw } from '../read-body';
import { readJson } from '../read-body';
import type { Route } from '../router';

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
  {
    method: 'POST',
    path: '/api/admin/users',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, userSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const { password, ...rest } = body.value;
      await upsertUser(center.store, { ...rest, passwordHash: await hashPassword(password) });
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'admin.user_upsert',
        target: rest.staffNo,
        detail: { role: rest.role, team: rest.team, active: rest.active },
      });
      return { ok: true, value: { staffNo: rest.staffNo } };
    },
  },
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
  {
    method: 'POST',
    path: '/api/admin/cases/:policyNo/close',
    roles: ['admin'],
    async handle({ req, center, user, params }) {
      if (!policyNoSchema.safeParse(params.policyNo).success) return { ok: false, error: syncError('invalid_request', { en: 'malformed policy number' }) };
      const body = await readJson(req, closeSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const result = await closeCase(center.store, params.policyNo, body.value.reason, user.staffNo);
      if (!result.ok) return result;
      center.notifier.notify(result.value.touched);
      return { ok: true, value: { policyNo: params.policyNo, status: 'closed' } };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/import',
    roles: ['admin'],
    async handle({ req, res, center, user, url }) {
      const fileName = String(req.headers['x-file-name'] ?? url.searchParams.get('name') ?? 'upload.csv');
      const raw = await readRaw(req, center.limits.maxUploadBytes);
      if (!raw.ok) return raw;
      const streamProgress = url.searchParams.get('progress') === '1';
      if (streamProgress) res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
      const result = await importFile(center.store, {
        bytes: raw.value,
        fileName: decodeURIComponent(fileName),
        actor: user.staffNo,
        mapping: center.mapping,
        today: center.today(),
        maxRows: center.limits.maxImportRows,
        onProgress: streamProgress ? (p) => res.write(`${JSON.stringify({ event: 'progress', ...p })}\n`) : undefined,
      });
      if (result.ok) center.notifier.notify(result.value.touched);
      const envelope = result.ok ? { ok: true as const, value: result.value.report } : result;
      if (!streamProgress) return envelope;
      res.end(`${JSON.stringify({ event: 'done', ...envelope })}\n`);
      return 'handled';
    },
  },
];
