import { z } from 'zod';
import { syncError, type SyncError } from '../../../shared/sync';
import { claimBodySchema, evaluationBodySchema, workListQuerySchema } from '../../../shared/sync/qa';
import { requireTeam } from '../../auth/roles';
import { claimCall, workList } from '../../qa/qa-work-list';
import { formForCall, qaCall } from '../../qa/qa-forms-repo';
import { listEvaluations, submitEvaluation } from '../../qa/qa-evaluations-repo';
import { myCalibrations } from '../../qa/qa-calibrations';
import { agentReplayRefusal, failedItemsOf } from '../../qa/own-replay';
import type { StoredUser } from '../../store/users-repo';
import { route, type Route } from '../route';

/** QA works centre-wide; a team lead (calibration reference, team listings) only on the own team. */
const teamOf = (user: StoredUser): string | undefined => (user.role === 'team_lead' ? user.team : undefined);

function badQuery(issues: z.core.$ZodIssue[]): { ok: false; error: SyncError } {
  return {
    ok: false,
    error: syncError(
      'invalid_request',
      undefined,
      issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    ),
  };
}

const shiftMonths = (day: string, months: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

const evaluationsQuerySchema = z
  .object({
    agent: z
      .string()
      .regex(/^\d{3,12}$/)
      .optional(),
    session: z.string().min(8).max(64).optional(),
    state: z.string().max(20).optional(),
  })
  .strict();

/**
 * QA evaluations, QA's side (README "QA evaluations"): the sampled work list, claiming a call, the
 * call's form generated from its script version, submitting an evaluation, listing evaluations, and
 * the calibrations one reviews (blind).
 */
export const qaRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/qa/work-list',
    roles: ['qa', 'team_lead', 'admin'],
    async handle({ center, url, user }) {
      const q = workListQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) return badQuery(q.error.issues);
      const to = q.data.to ?? center.today();
      // Default: from the first of last month, so the monthly minimum sees whole months.
      const from = q.data.from ?? shiftMonths(to, -1);
      if (from > to) return { ok: false, error: syncError('invalid_request', { en: `from ${from} is after to ${to}` }) };
      const { items, total } = await workList(center.store, { from, to, team: teamOf(user), agent: q.data.agent }, q.data.limit);
      return { ok: true, value: { from, to, items, total } };
    },
  },
  route({
    method: 'POST',
    path: '/api/qa/claims',
    roles: ['qa', 'admin'],
    body: claimBodySchema,
    async handle({ center, user, body }) {
      return claimCall(center.store.db, body.sessionId, user.staffNo);
    },
  }),
  {
    method: 'GET',
    path: '/api/qa/sessions/:id/form',
    // The agent: for their own call while it has failed items, to find where each is heard.
    roles: ['qa', 'team_lead', 'admin', 'agent'],
    async handle({ center, params, user }) {
      const call = await qaCall(center.store.db, params.id);
      if (!call.ok) return call;
      const denied =
        user.role === 'team_lead'
          ? requireTeam(user, call.value.team)
          : user.role === 'agent'
            ? agentReplayRefusal(user.staffNo, call.value.agentId, await failedItemsOf(center.store.db, params.id))
            : undefined;
      if (denied) return { ok: false, error: denied };
      const form = await formForCall(center.store.db, call.value);
      if (!form.ok) return form;
      const [evaluation] = await listEvaluations(center.store.db, { sessionId: params.id, calibration: false, current: true });
      const claim = await center.store.db.selectFrom('qa_claims').select('claimed_by').where('session_id', '=', params.id).executeTakeFirst();
      return { ok: true, value: { call: call.value, form: form.value, evaluation: evaluation ?? null, claimedBy: claim?.claimed_by ?? null } };
    },
  },
  route({
    method: 'POST',
    path: '/api/qa/evaluations',
    roles: ['qa', 'team_lead', 'admin'],
    body: evaluationBodySchema,
    async handle({ center, user, body }) {
      // A team lead scores only as a calibration's reference or reviewer.
      if (user.role === 'team_lead' && !body.calibrationId)
        return { ok: false, error: syncError('forbidden', { en: 'team leads score calls only inside a calibration' }) };
      return submitEvaluation(center.store.db, body, user.staffNo);
    },
  }),
  {
    method: 'GET',
    path: '/api/qa/evaluations',
    roles: ['qa', 'team_lead', 'admin'],
    async handle({ center, url, user }) {
      const q = evaluationsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) return badQuery(q.error.issues);
      // Calibration evaluations stay out: they are blind and are seen through the spread.
      const items = await listEvaluations(center.store.db, {
        agent: q.data.agent,
        sessionId: q.data.session,
        state: q.data.state,
        team: teamOf(user),
        calibration: false,
      });
      return { ok: true, value: { items } };
    },
  },
  {
    method: 'GET',
    path: '/api/qa/calibrations',
    roles: ['qa', 'team_lead', 'admin'],
    async handle({ center, user }) {
      return { ok: true, value: { items: await myCalibrations(center.store.db, user.staffNo) } };
    },
  },
];
