import type { RosterResponse, TeamMember } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { listUsers } from '../../store/users-repo';
import type { Route } from '../route';

/** Staff numbers are digits: shorter first, then digit by digit (numeric order without overflow). */
const byStaffNo = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * GET /api/team/roster — the active agents and team leads of the caller's team (admins: any team
 * via `?team=`), sorted by staff number, so a desk can book a callback for a named colleague.
 * Staff data only (no policyholder data), so it is not audited as a personal-data read.
 */
export const rosterRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/roster',
    roles: ['agent', 'team_lead', 'qa', 'admin'],
    async handle({ center, user, url }) {
      const team = url.searchParams.get('team') || user.team;
      const denied = requireTeam(user, team);
      if (denied) return { ok: false, error: denied };
      const users = await listUsers(center.store, { team });
      const members: TeamMember[] = users
        .filter((u) => u.active && (u.role === 'agent' || u.role === 'team_lead'))
        .map((u) => ({ staffNo: u.staffNo, name: u.name, role: u.role, languages: u.languages }))
        .sort((a, b) => byStaffNo(a.staffNo, b.staffNo));
      const value: RosterResponse = { team, members };
      return { ok: true, value };
    },
  },
];
