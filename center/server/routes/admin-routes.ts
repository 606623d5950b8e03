import type { OutgoingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { policyNoSchema, syncError } from '../../../shared/sync';
import { audit, readAudit } from '../../store/audit-repo';
import { closeCase } from '../../store/cases-repo';
import { importFile } from '../../import/import-file';
import { refuseWrongFileType } from '../../admin/upload-type';
import { effectiveMapping } from '../../admin/import-mapping-repo';
import { keepImportReport } from '../../admin/import-reports-repo';
import { route, type Route } from '../route';

const closeSchema = z.object({ reason: z.string().min(1).max(200) }).strict();

/** Administrator endpoints: audit log, closing cases, list import (accounts: admin-user-routes.ts). */
export const adminRoutes: Route[] = [
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
      const fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? url.searchParams.get('name') ?? 'upload.csv'));
      const bytes = body ?? Buffer.alloc(0);
      // A PDF or a picture uploaded by mistake is refused as such before anything is read or stored.
      const wrongType = refuseWrongFileType(fileName, bytes);
      if (wrongType) return { ok: false, error: wrongType };
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
        bytes,
        fileName,
        actor: user.staffNo,
        mapping: await effectiveMapping(center.store, center.mapping),
        today: center.today(),
        maxRows: center.limits.maxImportRows,
        onProgress: streamProgress ? (p) => reply.raw.write(`${JSON.stringify({ event: 'progress', ...p })}\n`) : undefined,
      });
      if (result.ok) center.notifier.notify(result.value.touched);
      // Kept so the console can download the per-row report as a workbook after this answer.
      const reportId = result.ok ? await keepImportReport(center.store, user.staffNo, result.value.report) : undefined;
      const envelope = result.ok ? { ok: true as const, value: result.value.report } : result;
      if (!streamProgress) {
        if (reportId) void reply.header('x-import-report-id', reportId);
        return envelope;
      }
      reply.raw.end(`${JSON.stringify({ event: 'done', ...envelope, reportId })}\n`);
      return 'handled';
    },
  }),
];
