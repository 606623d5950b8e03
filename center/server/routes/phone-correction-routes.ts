import { z } from 'zod';
import { phoneCorrectionReviewBodySchema, syncError } from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { audit } from '../../store/audit-repo';
import { nowIso } from '../../store/clock';
import { phoneCorrectionsRepo } from '../../store/phone-corrections-repo';
import { route, type Route } from '../route';
import { readTeamQuery } from '../team-query';

const querySchema = z
  .object({
    since: z.string().datetime({ offset: true }).optional(),
    team: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    /** `pending`: only corrections no lead has reviewed yet (the team view's to-review list). */
    review: z.enum(['pending', 'all']).default('all'),
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
 * The full numbers are personal data: every listing is audited. `review=pending` lists only the
 * corrections still to be reviewed; each item carries its `review` (null until reviewed).
 *
 * POST /api/team/phone-corrections/:id/review `{decision: 'accepted'|'rejected', note?}` — the
 * lead of the case's team (admins: any team) reviews a correction once; audited.
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
      const rows = await phoneCorrectionsRepo.forTeam(center.store.db, { team, since, limit: q.limit + 1, pending: q.review === 'pending' });
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
  route({
    method: 'POST',
    path: '/api/team/phone-corrections/:id/review',
    roles: ['team_lead', 'admin'],
    body: phoneCorrectionReviewBodySchema,
    async handle({ center, user, params, body }) {
      const found = await phoneCorrectionsRepo.withTeam(center.store.db, params.id);
      if (!found) return { ok: false, error: syncError('not_found', { zh: '没有这条号码更正', en: 'No phone correction with that id' }) };
      const denied = requireTeam(user, found.team);
      if (denied) return { ok: false, error: denied };
      const already = syncError('conflict', { zh: '这条号码更正已复核过', en: 'That phone correction has already been reviewed' });
      if (found.review) return { ok: false, error: already };
      const review = { decision: body.decision, note: body.note ?? null, reviewedBy: user.staffNo, reviewedAt: nowIso() };
      const stored = await center.store.db.transaction().execute(async (trx) => {
        if (!(await phoneCorrectionsRepo.review(trx, found.id, review))) return false;
        await audit(trx, {
          actor: user.staffNo,
          action: 'phone_correction.review',
          target: found.id,
          detail: { policyNo: found.policyNo, team: found.team, decision: review.decision },
        });
        return true;
      });
      // Two reviews at once: the first stored wins, the second is told so.
      if (!stored) return { ok: false, error: already };
      return { ok: true, value: { id: found.id, review } };
    },
  }),
];
