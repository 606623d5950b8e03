import { syncError } from '../../../shared/sync';
import type { ArchiveIntegrityJob } from '../../archive/integrity-job';
import type { CenterContext } from '../../center-context';
import { audit } from '../../store/audit-repo';
import { verifyAuditChain } from '../../store/audit-chain';
import type { Route } from '../route';

function jobOf(center: CenterContext): ArchiveIntegrityJob | { ok: false; error: ReturnType<typeof syncError> } {
  return center.integrity ?? { ok: false, error: syncError('not_found', { zh: '本中心未配置证据归档', en: 'this centre has no evidence archive configured' }) };
}

/**
 * Evidence integrity for administrators (README "Evidence archive" → Integrity): the audit log's
 * hash chain, and the archive's stored recordings and sealed records re-checked.
 */
export const integrityRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/audit/verify',
    roles: ['admin'],
    async handle({ center, user }) {
      const verdict = await verifyAuditChain(center.store.db);
      // Written after the walk, so the check that found a break is itself on the record.
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'admin.audit_verified',
        detail: { ok: verdict.ok, rows: verdict.rows, firstBroken: verdict.firstBroken ?? null },
      });
      return { ok: true, value: verdict };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/archive/verify',
    roles: ['admin'],
    async handle({ center, user, url }) {
      const job = jobOf(center);
      if ('ok' in job) return job;
      const run = job.run('admin', user.staffNo);
      if (url.searchParams.get('wait') !== '1') {
        // The run outlives this request (a large archive takes long); its report is read at GET …/integrity.
        run.catch((err: unknown) => process.stderr.write(`centre: archive integrity check failed: ${(err as Error).message}\n`));
        return { ok: true, value: { running: true } };
      }
      const report = await run;
      if (!report)
        return { ok: false, error: syncError('conflict', { zh: '中心正在关闭，校验已中止', en: 'the check was interrupted: the centre is shutting down' }) };
      return { ok: true, value: { running: false, report } };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/archive/integrity',
    roles: ['admin'],
    async handle({ center }) {
      const job = jobOf(center);
      if ('ok' in job) return job;
      return { ok: true, value: { running: job.isRunning, last: await job.last() } };
    },
  },
];
