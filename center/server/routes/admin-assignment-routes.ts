import { audit } from '../../store/audit-repo';
import { assignmentOverview } from '../../admin/assignment-overview';
import type { Route } from '../route';

/** The assignment overview (README "Web console" → administration); moving cases is POST /api/team/reassign. */
export const adminAssignmentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/assignment',
    roles: ['admin'],
    summary: 'Open cases by team, agent and language',
    async handle({ center, user }) {
      const rows = await assignmentOverview(center.store);
      await audit(center.store.db, { actor: user.staffNo, action: 'admin.assignment_overview', detail: { rows: rows.length } });
      return { ok: true, value: rows };
    },
  },
];
