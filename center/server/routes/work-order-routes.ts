import { z } from 'zod';
import {
  closeWorkOrderRequestSchema,
  lateExplanationRequestSchema,
  policyNoSchema,
  syncError,
  workOrderStatusSchema,
  type SyncError,
} from '../../../shared/sync';
import { requireTeam } from '../../auth/roles';
import { closeWorkOrder, explainLateWorkOrder, getWorkOrder, listWorkOrders } from '../../work-orders/work-orders-repo';
import type { StoredUser } from '../../store/users-repo';
import type { Store } from '../../store/open-store';
import { route, type Route } from '../route';
import { readTeamQuery } from '../team-query';

const listQuerySchema = z
  .object({
    team: z.string().min(1).max(40).optional(),
    branch: z.string().min(1).max(60).optional(),
    status: workOrderStatusSchema.optional(),
    overdue: z.enum(['1', 'true', '0', 'false']).optional(),
    policyNo: policyNoSchema.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Finds the order and checks the caller's team; the error when it may not be touched. */
async function orderFor(store: Store, user: StoredUser, rawId: string): Promise<{ ok: true; id: number } | { ok: false; error: SyncError }> {
  const id = idSchema.safeParse(rawId);
  if (!id.success) return { ok: false, error: syncError('invalid_request', { en: 'malformed work order id' }) };
  const row = await getWorkOrder(store.db, id.data);
  if (!row) return { ok: false, error: syncError('not_found', { zh: '没有这个工单', en: 'no such work order' }) };
  const denied = requireTeam(user, row.team);
  if (denied) return { ok: false, error: denied };
  return { ok: true, id: id.data };
}

/**
 * Work orders (工单, docs/domain.md §7): team leads see and close their own team's orders, admins all.
 * Closing and late explanations are written to the audit log.
 */
export const workOrderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/team/work-orders',
    roles: ['team_lead', 'admin'],
    async handle({ center, user, url }) {
      const read = readTeamQuery(url, listQuerySchema, user);
      if (!read.ok) return read;
      const { query: q, team } = read;
      const value = await listWorkOrders(
        center.store.db,
        { team, branchCode: q.branch, status: q.status, late: q.overdue === '1' || q.overdue === 'true', policyNo: q.policyNo, limit: q.limit },
        center.today(),
      );
      return { ok: true, value };
    },
  },
  route({
    method: 'POST',
    path: '/api/team/work-orders/:id/close',
    roles: ['team_lead', 'admin'],
    body: closeWorkOrderRequestSchema,
    async handle({ center, user, params, body }) {
      const order = await orderFor(center.store, user, params.id);
      if (!order.ok) return order;
      return closeWorkOrder(center.store, order.id, body, user.staffNo, center.today());
    },
  }),
  route({
    method: 'POST',
    path: '/api/team/work-orders/:id/late-explanation',
    roles: ['team_lead', 'admin'],
    body: lateExplanationRequestSchema,
    async handle({ center, user, params, body }) {
      const order = await orderFor(center.store, user, params.id);
      if (!order.ok) return order;
      return explainLateWorkOrder(center.store, order.id, body.explanation, user.staffNo, center.today());
    },
  }),
];
