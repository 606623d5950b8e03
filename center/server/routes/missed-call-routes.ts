import { z } from 'zod';
import { missedCallItemSchema } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import type { Route } from '../route';
import { readTeamQuery } from '../team-query';

const querySchema = z
  .object({
    since: z.string().datetime({ offset: true }).optional(),
    team: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

/**
 * GET /api/team/missed-calls?since=ISO[&team=][&limit=] — inbound calls the desks refused (busy
 * 486 during a call, unavailable 480 otherwise), newest last, so the team lead has every
 * policyholder who rang back called again. Team leads see their own team's desks; admins any team
 * via `?team=`, all without it. `since` is inclusive on the desk's time of the call; `hasMore`:
 * ask again from the last one. The callers' numbers are personal data: every listing is audited.
 */
export const missedCallRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/missed-calls',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const read = readTeamQuery(url, querySchema, user);
      if (!read.ok) return read;
      const { query: q, team } = read;
      const since = q.since ? new Date(q.since).toISOString() : null;
      let sel = center.store.db
        .selectFrom('sync_items as s')
        .innerJoin('users as u', 'u.staff_no', 's.staff_no')
        .select(['s.id', 's.staff_no', 's.payload', 's.occurred_at', 'u.name', 'u.team'])
        .where('s.kind', '=', 'missed_call');
      if (team) sel = sel.where('u.team', '=', team);
      if (since) sel = sel.where('s.occurred_at', '>=', since);
      const rows = await sel
        .orderBy('s.occurred_at')
        .orderBy('s.id')
        .limit(q.limit + 1)
        .execute();
      const hasMore = rows.length > q.limit;
      const items = (hasMore ? rows.slice(0, q.limit) : rows).map((r) => {
        const item = missedCallItemSchema.parse(JSON.parse(r.payload));
        return { id: r.id, at: r.occurred_at, staffNo: r.staff_no, agentName: r.name, team: r.team, from: item.data.from, sipCode: item.data.sipCode };
      });
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'personal_data.missed_calls_read',
        target: team,
        detail: { team: team ?? 'all', since, rows: items.length },
      });
      return { ok: true, value: { items, hasMore } };
    },
  },
];
