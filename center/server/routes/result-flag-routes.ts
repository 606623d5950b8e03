import { resultFlagsQuerySchema, syncError } from '../../../shared/sync';
import { audit } from '../../store/audit-repo';
import { listResultFlags } from '../../result-checks/result-flags-repo';
import type { Route } from '../route';
import { readTeamQuery } from '../team-query';

/**
 * GET /api/result-flags[?state=open|resolved|all][&team=][&agent=][&kind=][&policy=][&limit=] —
 * where the centre's re-derived result disagrees with the result a desk pushed (README "Result
 * checks"). QA and admins see every team (or the one named), a team lead their own team. Each
 * listing is audited: the flags name agents and policies.
 */
export const resultFlagRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/result-flags',
    roles: ['qa', 'team_lead', 'admin'],
    async handle(ctx) {
      const { user, url, center } = ctx;
      let query;
      let team: string | null;
      if (user.role === 'team_lead') {
        const read = readTeamQuery(url, resultFlagsQuerySchema, user);
        if (!read.ok) return read;
        query = read.query;
        team = read.team ?? user.team;
      } else {
        const parsed = resultFlagsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          return { ok: false, error: syncError('invalid_request', undefined, issues) };
        }
        query = parsed.data;
        team = query.team ?? null;
      }
      const items = await listResultFlags(center.store.db, { ...query, team });
      await audit(center.store.db, {
        actor: user.staffNo,
        action: 'result_flags.listed',
        target: team ?? undefined,
        detail: {
          team: team ?? 'all',
          state: query.state,
          agent: query.agent ?? null,
          kind: query.kind ?? null,
          policy: query.policy ?? null,
          rows: items.length,
        },
      });
      return { ok: true, value: { items } };
    },
  },
];
