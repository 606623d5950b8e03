import { liveStateSchema, syncError, teamLiveQuerySchema, type LiveAgent, type TeamLiveResponse } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { audit } from '../../store/audit-repo';
import { listUsers } from '../../store/users-repo';
import { route, type Route } from '../route';
import { noteStatus } from '../../live/status-log';

/** Staff numbers are digits: shorter first, then digit by digit. */
const byStaffNo = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The team leads' live board. Desks publish their own state (POST /api/live; at most one per
 * 200 ms per caller, the rest answered 429); leads read their team (GET /api/team/live, admins
 * any team with `?team=`). Publishing touches neither the change feed nor, unless the status
 * changed (center/live/status-log.ts), the database; each read is audited once as
 * `team.live_read`, because it shows which policy an agent is working on.
 */
export const liveRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/live',
    roles: ['agent', 'team_lead'],
    body: liveStateSchema,
    bodyLimit: 16 * 1024,
    async handle({ center, user, body }) {
      const previous = center.live.read(user.staffNo)?.entry.state;
      const published = center.live.publish(user.staffNo, user.team, body);
      if (!published.ok) {
        return {
          ok: false,
          error: syncError('rate_limited', {
            zh: `实时状态上报过于频繁（两次至少间隔 200 毫秒），请 ${published.retryAfterMs} 毫秒后再报`,
            en: `live state published too often (at least 200 ms apart); retry in ${published.retryAfterMs} ms`,
          }),
        };
      }
      // The board itself stays in memory; only a change of status is kept, for time per status (reports).
      await noteStatus(center.store.db, user.staffNo, previous, body);
      return { ok: true, value: { accepted: true } };
    },
  }),
  {
    method: 'GET',
    path: '/api/team/live',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const q = teamLiveQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success)
        return {
          ok: false,
          error: syncError(
            'invalid_request',
            undefined,
            q.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
          ),
        };
      const team = q.data.team ?? user.team;
      const denied = requireTeam(user, team);
      if (denied) return { ok: false, error: denied };
      const users = await listUsers(center.store, { team, role: 'agent' });
      const agents: LiveAgent[] = users
        .filter((u) => u.active)
        .sort((a, b) => byStaffNo(a.staffNo, b.staffNo))
        .map((u) => {
          const live = center.live.read(u.staffNo);
          // An agent whose last state was published while in another team is not shown here.
          if (!live || live.entry.team !== team) return { staffNo: u.staffNo, name: u.name, state: null, receivedAt: null, stale: false };
          return { staffNo: u.staffNo, name: u.name, state: live.entry.state, receivedAt: new Date(live.entry.receivedAt).toISOString(), stale: live.stale };
        });
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'team.live_read',
        target: team,
        detail: { agents: agents.length, working: agents.filter((a) => a.state?.case).length },
      });
      const value: TeamLiveResponse = { team, at: new Date(center.live.clock()).toISOString(), agents };
      return { ok: true, value };
    },
  },
];
