import { z } from 'zod';
import { syncError } from '../../../shared/sync';
import { calibrationBodySchema, disputeBodySchema, qaFormBodySchema, resolveBodySchema, samplingRulesSchema } from '../../../shared/sync/qa';
import { listEvaluations, moveEvaluation } from '../../qa/qa-evaluations-repo';
import { calibrationSpreadOf, createCalibration } from '../../qa/qa-calibrations';
import { listFormVersions, saveFormVersion } from '../../qa/qa-forms-repo';
import { samplingRules, saveSamplingRules } from '../../qa/qa-work-list';
import { route, type Route } from '../route';

const idSchema = z.string().min(1).max(64);
const notFound = { ok: false as const, error: syncError('not_found', { en: 'no such evaluation' }) };

/**
 * QA evaluations after scoring (README "QA evaluations"): the agent sees their own and acknowledges
 * or disputes them (with a reason), a dispute goes to the team lead who resolves it; leads run
 * calibrations and see their spread; administrators keep form versions and sampling rules.
 */
export const qaReviewRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/me/qa-evaluations',
    roles: ['agent', 'team_lead'],
    async handle({ center, user }) {
      return { ok: true, value: { items: await listEvaluations(center.store.db, { agent: user.staffNo, calibration: false, current: true }) } };
    },
  },
  {
    method: 'POST',
    path: '/api/me/qa-evaluations/:id/acknowledge',
    roles: ['agent', 'team_lead'],
    async handle({ center, user, params }) {
      if (!idSchema.safeParse(params.id).success) return notFound;
      return moveEvaluation(center.store.db, params.id, { type: 'acknowledge' }, user);
    },
  },
  route({
    method: 'POST',
    path: '/api/me/qa-evaluations/:id/dispute',
    roles: ['agent', 'team_lead'],
    body: disputeBodySchema,
    async handle({ center, user, params, body }) {
      return moveEvaluation(center.store.db, params.id, { type: 'dispute', reason: body.reason }, user);
    },
  }),
  {
    method: 'GET',
    path: '/api/team/qa-disputes',
    roles: ['team_lead', 'admin'],
    async handle({ center, user }) {
      const team = user.role === 'admin' ? undefined : user.team;
      return { ok: true, value: { items: await listEvaluations(center.store.db, { team, state: 'disputed', calibration: false, current: true }) } };
    },
  },
  route({
    method: 'POST',
    path: '/api/team/qa-evaluations/:id/resolve',
    roles: ['team_lead', 'admin'],
    body: resolveBodySchema,
    async handle({ center, user, params, body }) {
      const revised = body.decision === 'revised' ? body.verdicts : undefined;
      return moveEvaluation(center.store.db, params.id, { type: 'resolve', decision: body.decision, note: body.note }, user, revised);
    },
  }),
  route({
    method: 'POST',
    path: '/api/team/qa-calibrations',
    roles: ['team_lead', 'admin'],
    body: calibrationBodySchema,
    async handle({ center, user, body }) {
      return createCalibration(center.store.db, user, body);
    },
  }),
  {
    method: 'GET',
    path: '/api/team/qa-calibrations/:id/spread',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, params }) {
      return calibrationSpreadOf(center.store.db, params.id, user);
    },
  },
  {
    method: 'GET',
    path: '/api/admin/qa-forms',
    roles: ['admin', 'qa'],
    async handle({ center }) {
      return { ok: true, value: { items: await listFormVersions(center.store.db) } };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/qa-forms',
    roles: ['admin'],
    body: qaFormBodySchema,
    async handle({ center, user, body }) {
      return saveFormVersion(center.store.db, body, user.staffNo);
    },
  }),
  {
    method: 'GET',
    path: '/api/admin/qa-sampling',
    roles: ['admin', 'qa'],
    async handle({ center }) {
      return { ok: true, value: await samplingRules(center.store.db) };
    },
  },
  route({
    method: 'PUT',
    path: '/api/admin/qa-sampling',
    roles: ['admin'],
    body: samplingRulesSchema,
    async handle({ center, user, body }) {
      return saveSamplingRules(center.store.db, body, user.staffNo);
    },
  }),
];
