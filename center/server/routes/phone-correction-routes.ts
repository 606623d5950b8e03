import { z } from 'zod';
import { syncError } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { audit } from '../../store/audit-repo';
import { phoneCorrectionsRepo } from '../../store/phone-corrections-repo';
import type { Route } from '../router';

const querySchema = z.object({
  since: z.string().datetime({ offset: true }).optional(),
  team: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
}).strict();

/**
 * GET /api/team/phone-corrections?since=ISO[&team=][&limit=] — phone numbers corrected at the
 * desks (号码更正), with the original, so the branch can update the core system. Team leads see
 * their own team's cases; admins any team via `?team=`, all teams without it.
 *
 * `since` is inclusive on the centre's receipt time (`receivedAt`): continue with the last
 * `receivedAt` seen and skip ids already handled (at-least-once; nothing received in the same
 * millisecond is lost). `hasMore`: more than `limit` matched, ask again from the last one.
 * The full numbers are personal data: every listing is audited.
 */
export const phoneCorrectionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/phone-corrections',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const q = querySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) {
        return { ok: false, error: syncError('invalid_request', undefined, q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))) };
      }
      const team = user.role === 'admin' ? q.data.team : (q.data.team ?? user.team);
      if (team) {
        const denied = requireTeam(user, team);
        if (denied) return { ok: false, error: denied };
      }
      const since = q.data.since ? new Date(q.data.since).toISOString() : null;
      const rows = await phoneCorrectionsRepo.forTeam(center.store.db, { team, since, limit: q.data.limit + 1 });
      const hasMore = rows.length > q.data.limit;
      const items = hasMore ? rows.slice(0, q.data.limit) : rows;
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'personal_data.phone_corrections_read',
        target: team,
        detail: { team: team ?? 'all', since, rows: items.length },
      });
      return { ok: true, value: { items, hasMore } };
    },
  },
];
