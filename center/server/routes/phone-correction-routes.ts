import { z } from 'zod';
import { audit } from '../../store/audit-repo';
import { phoneCorrectionsRepo } from '../../store/phone-corrections-repo';
import type { Route } from '../router';
import { readTeamQuery } from '../team-query';

const querySchema = z
  .object({
    since: z.string().datetime({ offset: true }).optional(),
    team: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

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
      const read = readTeamQuery(url, querySchema, user);
      if (!read.ok) return read;
      const { query: q, team } = read;
      const since = q.since ? new Date(q.since).toISOString() : null;
      const rows = await phoneCorrectionsRepo.forTeam(center.store.db, { team, since, limit: q.limit + 1 });
      const hasMore = rows.length > q.limit;
      const items = hasMore ? rows.slice(0, q.limit) : rows;
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
