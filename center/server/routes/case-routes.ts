import { syncError } from '../../../shared/sync';
import { getCaseRow } from '../../store/cases-repo';
import { resultOverrideOf, toAssignedCase } from '../../store/case-row';
import { audit } from '../../store/audit-repo';
import { requireTeam } from '../../auth/roles';
import type { Route } from '../route';

/** Full case with personal data: every read is audited. */
export const caseRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/cases/:policyNo',
    roles: ['agent', 'team_lead', 'qa', 'admin'],
    async handle({ center, user, params }) {
      const row = await getCaseRow(center.store.db, params.policyNo);
      if (!row) return { ok: false, error: syncError('unknown_case') };
      if (user.role === 'agent' && row.assigned_to !== user.staffNo) {
        return { ok: false, error: syncError('forbidden', { zh: '该件不在你的队列中', en: 'this case is not in your queue' }) };
      }
      if (user.role === 'team_lead') {
        const denied = requireTeam(user, row.team);
        if (denied) return { ok: false, error: denied };
      }
      await audit(center.store.db, { actor: user.staffNo, action: 'personal_data.case_read', target: row.policy_no });
      const items = await center.store.db
        .selectFrom('sync_items')
        .select(['id', 'kind', 'staff_no', 'payload', 'occurred_at'])
        .where('policy_no', '=', row.policy_no)
        .orderBy('occurred_at')
        .execute();
      const history = items.map((i) => ({ id: i.id, kind: i.kind, by: i.staff_no, at: i.occurred_at, payload: JSON.parse(i.payload) as unknown }));
      const result = history.find((h) => h.id === row.result_item_id)?.payload as { data?: { proxy?: unknown } } | undefined;
      return {
        ok: true,
        value: {
          ...toAssignedCase(row),
          team: row.team,
          assignedTo: row.assigned_to,
          resultClass: row.result_class,
          resultBy: row.result_by,
          resultOverride: resultOverrideOf(row),
          /** The authorised family member who answered for the policyholder (docs/domain.md §4), or null. */
          resultProxy: result?.data?.proxy ?? null,
          attemptCount: Number(row.attempt_count),
          history,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/qa/results',
    roles: ['qa', 'admin'],
    async handle({ center, user, url }) {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
      const rows = await center.store.db
        .selectFrom('sync_items')
        .select(['id', 'policy_no', 'staff_no', 'payload', 'occurred_at'])
        .where('kind', '=', 'result')
        .orderBy('received_at', 'desc')
        .limit(limit)
        .execute();
      await audit(center.store.db, { actor: user.staffNo, action: 'personal_data.results_read', detail: { count: rows.length } });
      return {
        ok: true,
        value: rows.map((r) => ({
          id: r.id,
          policyNo: r.policy_no,
          by: r.staff_no,
          at: r.occurred_at,
          result: (JSON.parse(r.payload) as { data: unknown }).data,
        })),
      };
    },
  },
];
