import { z } from 'zod';
import { maskName } from '../../../shared/domain/masking';
import type { TeamCallback, TeamCallbacksResponse } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { TERMINAL_STATUSES } from '../../store/case-row';
import type { Route } from '../route';
import { readTeamQuery } from '../team-query';

const querySchema = z
  .object({
    team: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .strict();

/**
 * GET /api/team/callbacks[?team=][&limit=] — callbacks (预约回呼) booked on the team's open cases,
 * soonest due first: due time, the agent whose desk carries it (with their name), policy number,
 * masked policyholder (个人信息保护法 第51条) and whether it is overdue at the centre's clock.
 * Callbacks of completed or closed cases are over and left out. The booking note is not listed: the
 * desks keep it sealed as personal data. Team leads see their own team,
 * admins any team via `?team=` (every team without it). Audited like the team's case list.
 */
export const teamCallbackRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/callbacks',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const read = readTeamQuery(url, querySchema, user);
      if (!read.ok) return read;
      const { query: q, team } = read;
      let sel = center.store.db
        .selectFrom('callbacks as b')
        .innerJoin('cases as c', 'c.policy_no', 'b.policy_no')
        .leftJoin('users as u', 'u.staff_no', 'b.deliver_to')
        .select(['b.id', 'b.policy_no', 'b.due_at', 'b.deliver_to', 'c.data', 'u.name'])
        .where('c.status', 'not in', [...TERMINAL_STATUSES]);
      if (team) sel = sel.where('c.team', '=', team);
      const rows = await sel.orderBy('b.due_at').orderBy('b.id').limit(q.limit).execute();
      const now = Date.now();
      // Due times carry the desk's offset (+08:00): order by the instant, not the text.
      const items: TeamCallback[] = rows
        .map((r) => ({
          id: r.id,
          policyNo: r.policy_no,
          dueAt: r.due_at,
          agent: r.deliver_to,
          agentName: r.name ?? null,
          holder: maskName((JSON.parse(r.data) as { policyholder?: { name?: string } }).policyholder?.name),
          overdue: Date.parse(r.due_at) < now,
        }))
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id.localeCompare(b.id));
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'personal_data.team_callbacks',
        target: team ?? 'all',
        detail: { rows: items.length },
      });
      const value: TeamCallbacksResponse = { team: team ?? null, at: new Date(now).toISOString(), items };
      return { ok: true, value };
    },
  },
];
