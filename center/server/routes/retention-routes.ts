import { z } from 'zod';
import { isIsoDate } from '../../../shared/domain/calendar/iso-date';
import { archiveSessionIdSchema, policyNoSchema, syncError } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { purgeArchive } from '../../archive/archive-purge';
import { endDispute, listDisputes, listHolds, placeHold, recordDispute, releaseHolds } from '../../archive/holds-disputes-repo';
import { readRetentionRules, recomputeRetention, retentionRulesSchema, writeRetentionRules, type RecomputedRow } from '../../archive/retention-repo';
import { route, type Route } from '../route';
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
  route({
    method: 'POST',
    path: '/api/admin/retention',
    roles: ['admin'],
    body: retentionRulesSchema,
    async handle({ center, user, body }) {
      const before = await readRetentionRules(center.store.db);
      const rows = await center.store.db.transaction().execute(async (trx) => {
        await writeRetentionRules(trx, body);
        const changed = await recomputeRetention(trx, 'all', body);
        await audit(trx, { actor: user.staffNo, action: 'archive.retention_settings', detail: { before, after: body, ...changes(changed) } });
        return changed;
      });
      return { ok: true, value: { rules: body, sessionsChanged: rows.length } };
    },
  }),
  {
    method: 'GET',
    path: '/api/admin/disputes',
    roles: ['admin'],
    async handle({ center, url }) {
      const policy = url.searchParams.get('policy') ?? undefined;
      return { ok: true, value: { items: await listDisputes(center.store.db, policy) } };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/disputes',
    roles: ['admin'],
    body: disputeSchema,
    async handle({ center, user, body }) {
      const d = body;
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
  }),
  route({
    method: 'POST',
    path: '/api/admin/disputes/:id/end',
    roles: ['admin'],
    body: disputeEndSchema,
    async handle({ center, user, params, body }) {
      return center.store.db.transaction().execute(async (trx) => {
        const ended = await endDispute(trx, params.id, { ...body, actor: user.staffNo });
        if (!ended.ok) return ended;
        const changed = await recomputeRetention(trx, { policyNo: ended.value.policyNo });
        await audit(trx, {
          actor: user.staffNo,
          action: 'archive.dispute_ended',
          target: ended.value.policyNo,
          detail: { id: params.id, endedOn: body.endedOn, note: body.note, ...changes(changed) },
        });
        return { ok: true, value: { id: params.id, policyNo: ended.value.policyNo, sessionsChanged: changed.length } };
      });
    },
  }),
  {
    method: 'GET',
    path: '/api/admin/legal-holds',
    roles: ['admin'],
    async handle({ center, url }) {
      return { ok: true, value: { items: await listHolds(center.store.db, url.searchParams.get('active') !== '0') } };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/legal-holds',
    roles: ['admin'],
    body: holdTarget,
    async handle({ center, user, body }) {
      const h = body;
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
  }),
  route({
    method: 'POST',
    path: '/api/admin/legal-holds/release',
    roles: ['admin'],
    body: holdTarget,
    async handle({ center, user, body }) {
      const h = body;
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
  }),
  route({
    method: 'POST',
    path: '/api/admin/archive/purge',
    roles: ['admin'],
    body: purgeSchema,
    async handle({ center, user, body }) {
      const archive = archiveOf(center);
      if ('ok' in archive) return archive;
      return { ok: true, value: await purgeArchive(center.store.db, archive.blobs, { today: center.today(), dryRun: body.dryRun, actor: user.staffNo }) };
    },
  }),
];
