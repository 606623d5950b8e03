import { z } from 'zod';
import { isIsoDate } from '../../../shared/domain/calendar/iso-date';
import { archiveSessionIdSchema, policyNoSchema, syncError } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { purgeArchive } from '../../archive/archive-purge';
import { endDispute, listDisputes, listHolds, placeHold, recordDispute, releaseHolds } from '../../archive/holds-disputes-repo';
import { readRetentionRules, recomputeRetention, retentionRulesSchema, writeRetentionRules, type RecomputedRow } from '../../archive/retention-repo';
import { readJson } from '../read-body';
import type { Route } from '../router';
import { archiveOf } from './archive-routes';

const date = z.string().refine(isIsoDate, 'a real date YYYY-MM-DD');
const reason = z.string().trim().min(1).max(500);
const holdTarget = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('policy'), target: policyNoSchema, reason }).strict(),
  z.object({ scope: z.literal('session'), target: archiveSessionIdSchema, reason }).strict(),
]);
const disputeSchema = z.object({ policyNo: policyNoSchema, openedOn: date, reason }).strict();
const disputeEndSchema = z.object({ endedOn: date, note: z.string().trim().max(500).nullable().default(null) }).strict();
const purgeSchema = z.object({ dryRun: z.boolean().default(false) }).strict();

/** What an audit entry keeps of a recomputation (bounded: a settings change may touch every row). */
const changes = (rows: RecomputedRow[]) => ({
  sessionsChanged: rows.length,
  changed: rows.slice(0, 100).map((r) => ({ sessionId: r.sessionId, before: r.before, after: r.after.until, basis: r.after.basis })),
});

/**
 * Retention, disputes and legal hold of the evidence archive (README "Evidence archive" →
 * Retention; docs/domain.md §9, §11; 可回溯管理暂行办法 第13条). Administrators only: extending
 * or ending the life of evidence is a records decision over every team, and team leads see only
 * their own team's sessions (a lead who needs a hold or a dispute asks an administrator). Every
 * change is audited with who, what and the retention dates it moved.
 */
export const retentionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/retention',
    roles: ['admin'],
    async handle({ center }) {
      return { ok: true, value: await readRetentionRules(center.store.db) };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/retention',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, retentionRulesSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const before = await readRetentionRules(center.store.db);
      const rows = await center.store.db.transaction().execute(async (trx) => {
        await writeRetentionRules(trx, body.value);
        const changed = await recomputeRetention(trx, 'all', body.value);
        await audit(trx, { actor: user.staffNo, action: 'archive.retention_settings', detail: { before, after: body.value, ...changes(changed) } });
        return changed;
      });
      return { ok: true, value: { rules: body.value, sessionsChanged: rows.length } };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/disputes',
    roles: ['admin'],
    async handle({ center, url }) {
      const policy = url.searchParams.get('policy') ?? undefined;
      return { ok: true, value: { items: await listDisputes(center.store.db, policy) } };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/disputes',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, disputeSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const d = body.value;
      return center.store.db.transaction().execute(async (trx) => {
        const id = await recordDispute(trx, { ...d, actor: user.staffNo });
        const changed = await recomputeRetention(trx, { policyNo: d.policyNo });
        await audit(trx, {
          actor: user.staffNo,
          action: 'archive.dispute_recorded',
          target: d.policyNo,
          detail: { id, openedOn: d.openedOn, reason: d.reason, ...changes(changed) },
        });
        return { ok: true, value: { id, policyNo: d.policyNo, sessionsChanged: changed.length } };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/admin/disputes/:id/end',
    roles: ['admin'],
    async handle({ req, center, user, params }) {
      const body = await readJson(req, disputeEndSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      return center.store.db.transaction().execute(async (trx) => {
        const ended = await endDispute(trx, params.id, { ...body.value, actor: user.staffNo });
        if (!ended.ok) return ended;
        const changed = await recomputeRetention(trx, { policyNo: ended.value.policyNo });
        await audit(trx, {
          actor: user.staffNo,
          action: 'archive.dispute_ended',
          target: ended.value.policyNo,
          detail: { id: params.id, endedOn: body.value.endedOn, note: body.value.note, ...changes(changed) },
        });
        return { ok: true, value: { id: params.id, policyNo: ended.value.policyNo, sessionsChanged: changed.length } };
      });
    },
  },
  {
    method: 'GET',
    path: '/api/admin/legal-holds',
    roles: ['admin'],
    async handle({ center, url }) {
      return { ok: true, value: { items: await listHolds(center.store.db, url.searchParams.get('active') !== '0') } };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/legal-holds',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, holdTarget, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const h = body.value;
      if (h.scope === 'session') {
        const exists = await center.store.db.selectFrom('archived_sessions').select('purged_at').where('session_id', '=', h.target).executeTakeFirst();
        if (!exists) return { ok: false, error: syncError('not_found', { zh: `中心没有通话记录 ${h.target}`, en: `no archived session ${h.target}` }) };
        if (exists.purged_at)
          return { ok: false, error: syncError('conflict', { zh: '该通话记录已删除', en: `session ${h.target} was purged on ${exists.purged_at}` }) };
      }
      return center.store.db.transaction().execute(async (trx) => {
        const id = await placeHold(trx, { ...h, actor: user.staffNo });
        await audit(trx, { actor: user.staffNo, action: 'archive.legal_hold_placed', target: h.target, detail: { id, scope: h.scope, reason: h.reason } });
        return { ok: true, value: { id, scope: h.scope, target: h.target } };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/admin/legal-holds/release',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const body = await readJson(req, holdTarget, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      const h = body.value;
      return center.store.db.transaction().execute(async (trx) => {
        const released = await releaseHolds(trx, { ...h, actor: user.staffNo });
        if (!released.ok) return released;
        await audit(trx, {
          actor: user.staffNo,
          action: 'archive.legal_hold_released',
          target: h.target,
          detail: { scope: h.scope, reason: h.reason, ...released.value },
        });
        return { ok: true, value: { scope: h.scope, target: h.target, ...released.value } };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/admin/archive/purge',
    roles: ['admin'],
    async handle({ req, center, user }) {
      const archive = archiveOf(center);
      if ('ok' in archive) return archive;
      const body = await readJson(req, purgeSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      return { ok: true, value: await purgeArchive(center.store.db, archive.blobs, { today: center.today(), dryRun: body.value.dryRun, actor: user.staffNo }) };
    },
  },
];
