import { z } from 'zod';
import { maskName, maskPhone } from '../../../shared/domain/masking';
import { policyNoSchema, staffNoSchema, syncError } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { reassignCase, getCaseRow } from '../../store/cases-repo';
import { findUser } from '../../store/users-repo';
import { assignCases } from '../../assign/assign-cases';
import { ESCALATE_WITHIN_WORKING_DAYS, escalateNearDeadline } from '../../assign/escalate';
import { audit } from '../../store/audit-repo';
import { resultOverrideOf } from '../../store/case-row';
import { route, type Route } from '../route';

const reassignSchema = z.object({ policyNo: policyNoSchema, toStaffNo: staffNoSchema }).strict();
const assignSchema = z.object({ team: z.string().min(1).max(40).optional(), capacity: z.number().int().min(1).max(1000).default(60) }).strict();

/** Team-lead endpoints (admins may use them for any team). */
export const teamRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/cases',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const team = url.searchParams.get('team') ?? user.team;
      const denied = requireTeam(user, team);
      if (denied) return { ok: false, error: denied };
      const rows = await center.store.db
        .selectFrom('cases')
        .select([
          'policy_no',
          'status',
          'kind',
          'priority',
          'deadline',
          'escalated',
          'assigned_to',
          'holder_phone',
          'data',
          'language',
          'result_class',
          'result_override',
        ])
        .where('team', '=', team)
        .orderBy('priority')
        .orderBy('deadline')
        .limit(Math.min(Number(url.searchParams.get('limit') ?? 500) || 500, 5000))
        .execute();
      // Overview only: names and phones masked (个人信息保护法 第51条); the listing is still audited.
      await audit(center.store.db, { actor: user.staffNo, action: 'personal_data.team_list', target: team, detail: { rows: rows.length } });
      return {
        ok: true,
        value: rows.map((r) => ({
          policyNo: r.policy_no,
          status: r.status,
          kind: r.kind,
          priority: Number(r.priority),
          deadline: r.deadline,
          escalated: Number(r.escalated) === 1,
          assignedTo: r.assigned_to,
          language: r.language,
          holder: maskName((JSON.parse(r.data) as { policyholder?: { name?: string } }).policyholder?.name),
          phone: maskPhone(r.holder_phone),
          resultClass: r.result_class,
          /** The computed class and the agent's reason when the agent changed it (null: kept). */
          override: resultOverrideOf(r),
        })),
      };
    },
  },
  route({
    method: 'POST',
    path: '/api/team/reassign',
    roles: ['team_lead', 'admin'],
    body: reassignSchema,
    async handle({ center, user, body }) {
      const row = await getCaseRow(center.store.db, body.policyNo);
      if (!row) return { ok: false, error: syncError('unknown_case') };
      const target = await findUser(center.store, body.toStaffNo);
      if (!target || !target.active || target.role !== 'agent') {
        return { ok: false, error: syncError('invalid_request', { zh: '目标工号不是在职坐席', en: 'the target is not an active agent' }) };
      }
      const denied = requireTeam(user, row.team) ?? requireTeam(user, target.team);
      if (denied) return { ok: false, error: denied };
      const result = await reassignCase(center.store, row.policy_no, target.staffNo, user.staffNo);
      if (!result.ok) return result;
      center.notifier.notify(result.value.touched);
      return { ok: true, value: { policyNo: row.policy_no, assignedTo: target.staffNo } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/team/assign',
    roles: ['team_lead', 'admin'],
    body: assignSchema,
    async handle({ center, user, body }) {
      const team = user.role === 'admin' ? body.team : (body.team ?? user.team);
      if (team) {
        const denied = requireTeam(user, team);
        if (denied) return { ok: false, error: denied };
      }
      const esc = await escalateNearDeadline(center.store, center.today(), ESCALATE_WITHIN_WORKING_DAYS, user.staffNo);
      const out = await assignCases(center.store, { capacity: body.capacity, actor: user.staffNo, team });
      center.notifier.notify([...esc.touched, ...out.touched]);
      return { ok: true, value: { assigned: out.assigned.length, escalated: esc.escalated.length, unassigned: out.unassigned } };
    },
  }),
];
