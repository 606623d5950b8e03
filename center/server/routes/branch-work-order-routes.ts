import { z } from 'zod';
import { branchCloseRequestSchema, branchFollowUpRequestSchema, branchPhoneRequestSchema, type BranchWorkOrderList } from '../../../shared/sync/branch-console';
import { syncError, workOrderStatusSchema, type CenterResult, type Role, type WorkOrderStatus } from '../../../shared/sync';
import { requireBranch } from '../../auth/branch-scope';
import { centreCalendar } from '../../calendar/calendar-years-repo';
import type { CenterContext } from '../../center-context';
import type { StoredUser } from '../../store/users-repo';
import { audit } from '../../store/audit-repo';
import { branchOrderDetail, listBranchOrders, readOrderWithCase } from '../../work-orders/branch-orders';
import { closeBranchOrder, correctPhone, recordFollowUp } from '../../work-orders/branch-actions';
import { route, type Route } from '../route';

/** Branch staff work their branch's orders; admins may look at and act on every branch's. */
const ROLES: readonly Role[] = ['branch', 'admin'];

const listQuerySchema = z.object({ status: workOrderStatusSchema.optional(), limit: z.coerce.number().int().min(1).max(20_000).default(500) }).strict();
const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The order's id from the path, if it is one. */
function orderId(raw: string): CenterResult<number> {
  const id = idSchema.safeParse(raw);
  return id.success ? { ok: true, value: id.data } : { ok: false, error: syncError('invalid_request', { en: 'malformed work order id' }) };
}

/** The detail view after a read or a write (audited: it shows personal data, masked). */
async function detail(center: CenterContext, user: StoredUser, id: number): Promise<CenterResult<unknown>> {
  const found = await readOrderWithCase(center.store.db, id);
  if (!found) return { ok: false, error: syncError('not_found', { zh: '没有这个工单', en: 'no such work order' }) };
  const denied = requireBranch(user, found.order.branch_code);
  if (denied) return { ok: false, error: denied };
  const value = await branchOrderDetail(center.store.db, id, center.today(), await centreCalendar(center.store));
  await audit(center.store.db, { actor: user.staffNo, action: 'work_order.view', target: found.order.policy_no, detail: { workOrderId: id } });
  return { ok: true, value };
}

/** Runs a write, then answers the order as it is now. */
/** After a write: the order as it is now, and the desks whose queues the write changed are told. */
async function thenDetail(
  center: CenterContext,
  user: StoredUser,
  id: number,
  write: Promise<CenterResult<null>>,
  touched: readonly string[] = [],
): Promise<CenterResult<unknown>> {
  const done = await write;
  if (done.ok) center.notifier.notify(touched);
  return done.ok ? detail(center, user, id) : done;
}

/** Roles that may read a branch's order list (this list, and the sign-in that carries its first orders). */
export const BRANCH_LIST_ROLES = ROLES;

/** The list as GET /api/branch/work-orders answers it; every read is audited. */
export async function readBranchOrderList(
  center: CenterContext,
  user: StoredUser,
  query: { status?: WorkOrderStatus; limit: number },
): Promise<BranchWorkOrderList> {
  const value = await listBranchOrders(center.store.db, user, query, center.today(), await centreCalendar(center.store));
  // Masked names, but still personal data: who looked at which branch's list is on record.
  await audit(center.store.db, {
    actor: user.staffNo,
    action: 'personal_data.branch_work_orders_read',
    detail: { branchCode: user.branchCode, rows: value.orders.length },
  });
  return value;
}

/** The branch role's work orders (shared/sync/branch-console.ts; docs/domain.md §7). */
export const branchWorkOrderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/branch/work-orders',
    roles: ROLES,
    summary: "The branch's and its sub-branches' work orders, overdue first",
    async handle({ center, user, url }) {
      const q = listQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success)
        return { ok: false, error: syncError('invalid_request', { en: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }) };
      return { ok: true, value: await readBranchOrderList(center, user, q.data) };
    },
  },
  {
    method: 'GET',
    path: '/api/branch/work-orders/:id',
    roles: ROLES,
    summary: 'One work order: masked case facts, what the call found, its history',
    async handle({ center, user, params }) {
      const id = orderId(params.id);
      return id.ok ? detail(center, user, id.value) : id;
    },
  },
  route({
    method: 'POST',
    path: '/api/branch/work-orders/:id/follow-ups',
    roles: ROLES,
    body: branchFollowUpRequestSchema,
    summary: 'Records what the branch did for the order',
    async handle({ center, user, params, body }) {
      const id = orderId(params.id);
      return id.ok ? thenDetail(center, user, id.value, recordFollowUp(center.store, user, id.value, body)) : id;
    },
  }),
  route({
    method: 'POST',
    path: '/api/branch/work-orders/:id/phone',
    roles: ROLES,
    body: branchPhoneRequestSchema,
    summary: "Corrects the policyholder's phone; the case goes back to the call centre",
    async handle({ center, user, params, body }) {
      const id = orderId(params.id);
      const touched: string[] = [];
      return id.ok ? thenDetail(center, user, id.value, correctPhone(center.store, user, id.value, body, center.today(), touched), touched) : id;
    },
  }),
  route({
    method: 'POST',
    path: '/api/branch/work-orders/:id/close',
    roles: ROLES,
    body: branchCloseRequestSchema,
    summary: 'Closes the order (resolved, or revisit: the case goes back to the call centre)',
    async handle({ center, user, params, body }) {
      const id = orderId(params.id);
      const touched: string[] = [];
      return id.ok ? thenDetail(center, user, id.value, closeBranchOrder(center.store, user, id.value, body, center.today(), touched), touched) : id;
    },
  }),
];
