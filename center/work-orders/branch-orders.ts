import { sql, type Kysely } from 'kysely';
import { DEFAULT_SCRIPT, maskName, maskPhone, type PolicyCase, type WorkingCalendar } from '../../shared/domain';
import type { BranchOrderEvent, BranchWorkOrderDetail, BranchWorkOrderList, BranchWorkOrderRow } from '../../shared/sync/branch-console';
import type { WorkOrderStatus } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { StoredUser } from '../store/users-repo';
import { toNum } from '../store/to-num';
import { isLate, type WorkOrderRow } from './work-orders-repo';

type Db = Kysely<CenterDatabase>;

/**
 * Working days from `today` to `due`: 0 on the due day, 1 when due on the next working day,
 * negative when overdue (−1 on the first working day after it). Counted on the centre's calendar,
 * the same one that set `due` (work-orders-repo `raiseWorkOrderInTrx`).
 */
export function workingDaysLeft(today: string, due: string, calendar: WorkingCalendar): number {
  if (today === due) return 0;
  const [from, to, sign] = today < due ? [today, due, 1] : [due, today, -1];
  let n = 0;
  for (let d = calendar.addWorkingDays(from, 1); d <= to; d = calendar.addWorkingDays(d, 1)) n++;
  return sign * n;
}

/** Orders the user covers: their branch and every sub-branch (codes are hierarchical), or all for an admin. */
function scoped(db: Db, user: StoredUser) {
  const q = db.selectFrom('work_orders');
  if (user.role === 'admin') return q;
  const code = user.branchCode ?? '\u0000';
  return q.where(sql<string>`substr(work_orders.branch_code, 1, ${code.length})`, '=', code);
}

function statusOf(r: WorkOrderRow, today: string): WorkOrderStatus {
  return r.status === 'done' ? 'done' : isLate(r, today) ? 'overdue' : 'open';
}

function toRow(r: WorkOrderRow, holderName: string, today: string, calendar: WorkingCalendar): BranchWorkOrderRow {
  return {
    id: toNum(r.id),
    policyNo: r.policy_no,
    holderName: maskName(holderName),
    kind: r.kind,
    category: r.category as BranchWorkOrderRow['category'],
    branchCode: r.branch_code,
    branchName: r.branch_name,
    status: statusOf(r, today),
    due: r.due_date,
    workingDaysLeft: workingDaysLeft(today, r.due_date, calendar),
    calendarUncertain: Number(r.calendar_uncertain) === 1,
    version: Number(r.version),
  };
}

const holderOf = (data: string): string => (JSON.parse(data) as Pick<PolicyCase, 'policyholder'>).policyholder.name;

/** The branch's list (docs/domain.md §7): overdue first, then by due date; `total` counts beyond `limit`. */
export async function listBranchOrders(
  db: Db,
  user: StoredUser,
  filter: { status?: WorkOrderStatus; limit: number },
  today: string,
  calendar: WorkingCalendar,
): Promise<BranchWorkOrderList> {
  let q = scoped(db, user);
  if (filter.status === 'done') q = q.where('work_orders.status', '=', 'done');
  else if (filter.status === 'open') q = q.where('work_orders.status', '=', 'open').where('work_orders.due_date', '>=', today);
  else if (filter.status === 'overdue') q = q.where('work_orders.status', '=', 'open').where('work_orders.due_date', '<', today);
  const counted = await q.select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('cases', 'cases.policy_no', 'work_orders.policy_no')
    .selectAll('work_orders')
    .select('cases.data as case_data')
    .orderBy(sql`case when work_orders.status = 'open' and work_orders.due_date < ${today} then 0 else 1 end`)
    .orderBy('work_orders.due_date')
    .orderBy('work_orders.id')
    .limit(filter.limit)
    .execute();
  return { orders: rows.map((r) => toRow(r, holderOf(r.case_data), today, calendar)), total: toNum(counted.n) };
}

/** One order the user covers, with its case's data; undefined when there is none (or not in scope: the route tells 403 apart). */
export async function readOrderWithCase(db: Db, id: number): Promise<{ order: WorkOrderRow; caseData: PolicyCase } | undefined> {
  const r = await db
    .selectFrom('work_orders')
    .innerJoin('cases', 'cases.policy_no', 'work_orders.policy_no')
    .selectAll('work_orders')
    .select('cases.data as case_data')
    .where('work_orders.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const { case_data, ...order } = r;
  return { order, caseData: JSON.parse(case_data) as PolicyCase };
}

/** The question of a script step, as written (placeholders unfilled: no personal data). */
const questionOf = (stepId: string): string => DEFAULT_SCRIPT.steps.find((s) => s.id === stepId)?.text ?? stepId;

/**
 * What the call found: the pushed result, its kinds, and the answers that raised it — every answer
 * other than a plain 是 (a 否, an unclear or refused one, or one changed after an explanation),
 * from the pushed result or, without answers there, from the archived session's facts.
 */
async function findingsOf(db: Db, order: WorkOrderRow): Promise<BranchWorkOrderDetail['findings']> {
  const item = await db.selectFrom('sync_items').select('payload').where('id', '=', order.source_item_id).executeTakeFirst();
  const pushed = item ? (JSON.parse(item.payload) as { data?: { classification?: string; answers?: Record<string, string> } }) : undefined;
  let answers = pushed?.data?.answers;
  if (!answers) {
    const facts = await db
      .selectFrom('session_check_facts')
      .select('facts')
      .where('policy_no', '=', order.policy_no)
      .where('agent_id', '=', order.raised_by)
      .orderBy('archived_at', 'desc')
      .executeTakeFirst();
    answers = facts ? (JSON.parse(facts.facts) as { answers: Record<string, string> }).answers : {};
  }
  return {
    result: pushed?.data?.classification ?? order.category,
    resultKinds: JSON.parse(order.result_kinds) as string[],
    answers: Object.entries(answers)
      .filter(([stepId, answer]) => !stepId.startsWith('_') && answer !== 'yes')
      .map(([questionId, answer]) => ({ questionId, question: questionOf(questionId), answer })),
  };
}

async function eventsOf(db: Db, id: number): Promise<BranchOrderEvent[]> {
  const rows = await db.selectFrom('work_order_events').selectAll().where('work_order_id', '=', id).orderBy('id').execute();
  return rows.map((e) => ({
    at: e.at,
    by: e.by_staff,
    type: e.type as BranchOrderEvent['type'],
    action: e.action as BranchOrderEvent['action'],
    note: e.note,
  }));
}

/** The detail view: case facts masked as on the desk (docs/domain.md §9), findings, history. */
export async function branchOrderDetail(db: Db, id: number, today: string, calendar: WorkingCalendar): Promise<BranchWorkOrderDetail | undefined> {
  const found = await readOrderWithCase(db, id);
  if (!found) return undefined;
  const { order, caseData: c } = found;
  const corrected = await db
    .selectFrom('phone_corrections')
    .select('corrected')
    .where('policy_no', '=', order.policy_no)
    .where('corrected', 'is not', null)
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
  return {
    ...toRow(order, c.policyholder.name, today, calendar),
    facts: {
      productName: c.product.name,
      productType: c.product.design,
      holderPhone: maskPhone(corrected?.corrected ?? c.policyholder.phones[0] ?? ''),
      insuredName: maskName(c.insured.relationship === 'self' ? c.policyholder.name : (c.insured.name ?? '')),
      issueDate: c.dates.underwriting,
      sellerCode: order.seller_code,
    },
    findings: await findingsOf(db, order),
    sellerMayHandle: Number(order.seller_may_handle) === 1,
    events: await eventsOf(db, id),
    lateExplanation: order.late_explanation,
    closedAt: order.closed_at,
    outcome: order.outcome,
  };
}
