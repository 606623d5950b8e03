import type { Kysely, Selectable } from 'kysely';
import { defaultCalendar, workOrderDeadline, type PolicyCase, type WorkingCalendar } from '../../shared/domain';
import { syncError, type CenterResult, type SyncError, type ResultItem, type WorkOrderStatus, type WorkOrderView } from '../../shared/sync';
import type { CasesTable, CenterDatabase, WorkOrdersTable } from '../store/db-schema';

/** A stored work order as read back. */
export type WorkOrderRow = Selectable<WorkOrdersTable>;
import type { Store } from '../store/open-store';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { toNum } from '../store/to-num';
import { followUpForResult } from './follow-up-for-result';

/** What raising an order needs besides the result: the centre's date and calendar. */
export interface RaiseContext {
  /** The centre's date (YYYY-MM-DD); the order's working days count from the day after it. */
  readonly today: string;
  readonly calendar?: WorkingCalendar;
}

/**
 * Raises the work order of a non-standard result inside the push transaction (docs/domain.md §7).
 * The caller calls it only when the result was newly stored; the unique `source_item_id`
 * guards exactly-once on top of that. Returns the order id, or `null` for a standard result.
 */
export async function raiseWorkOrderInTrx(
  trx: Kysely<CenterDatabase>,
  row: Pick<CasesTable, 'policy_no' | 'team' | 'data'>,
  item: ResultItem,
  staffNo: string,
  ctx: RaiseContext,
): Promise<number | null> {
  const data = JSON.parse(row.data) as Pick<PolicyCase, 'branch' | 'agent'>;
  const followUp = followUpForResult(item.data.classification, item.data.kinds, data);
  if (!followUp) return null;
  const deadline = workOrderDeadline(ctx.today, followUp.deadlineWorkingDays, ctx.calendar ?? defaultCalendar);
  const inserted = await trx
    .insertInto('work_orders')
    .values({
      policy_no: row.policy_no,
      team: row.team,
      source_item_id: item.id,
      raised_by: staffNo,
      category: item.data.classification,
      kind: followUp.workOrderKind,
      result_kinds: JSON.stringify(item.data.kinds),
      branch_code: followUp.owner.branchCode,
      branch_name: followUp.owner.branchName,
      seller_code: data.agent?.code ?? null,
      seller_may_handle: followUp.sellerMayHandle ? 1 : 0,
      created_at: nowIso(),
      from_date: ctx.today,
      due_date: deadline.due,
      working_days: deadline.workingDays,
      calendar_uncertain: deadline.calendarUncertain ? 1 : 0,
      status: 'open',
      closed_at: null,
      closed_on: null,
      closed_by: null,
      handled_by: null,
      outcome: null,
      late_explanation: null,
      late_explained_by: null,
      late_explained_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return toNum(inserted.id);
}

/** Filters of the work-order list. */
export interface WorkOrderFilter {
  readonly team?: string;
  readonly branchCode?: string;
  readonly status?: WorkOrderStatus;
  /** Only late ones: open past due, or closed after the due date. */
  readonly late?: boolean;
  readonly policyNo?: string;
  readonly limit?: number;
}

/** Lists work orders, most urgent (earliest due) first. `today` decides what is overdue. */
export async function listWorkOrders(db: Kysely<CenterDatabase>, filter: WorkOrderFilter, today: string): Promise<WorkOrderView[]> {
  let q = db.selectFrom('work_orders').selectAll();
  if (filter.team) q = q.where('team', '=', filter.team);
  if (filter.branchCode) q = q.where('branch_code', '=', filter.branchCode);
  if (filter.policyNo) q = q.where('policy_no', '=', filter.policyNo);
  if (filter.status === 'done') q = q.where('status', '=', 'done');
  else if (filter.status === 'open') q = q.where('status', '=', 'open').where('due_date', '>=', today);
  else if (filter.status === 'overdue') q = q.where('status', '=', 'open').where('due_date', '<', today);
  if (filter.late) {
    q = q.where((eb) =>
      eb.or([eb.and([eb('status', '=', 'open'), eb('due_date', '<', today)]), eb.and([eb('status', '=', 'done'), eb('closed_on', '>', eb.ref('due_date'))])]),
    );
  }
  const rows = await q
    .orderBy('due_date')
    .orderBy('id')
    .limit(filter.limit ?? 500)
    .execute();
  return rows.map((r) => toWorkOrderView(r, today));
}

/** Reads one order. */
export async function getWorkOrder(db: Kysely<CenterDatabase>, id: number): Promise<WorkOrderRow | undefined> {
  return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** True when the order is late on `today`: open past due, or closed after it. */
export function isLate(row: Pick<WorkOrderRow, 'status' | 'due_date' | 'closed_on'>, today: string): boolean {
  return row.status === 'done' ? (row.closed_on ?? today) > row.due_date : today > row.due_date;
}

/** The API view of a row. */
export function toWorkOrderView(r: WorkOrderRow, today: string): WorkOrderView {
  const late = isLate(r, today);
  return {
    id: toNum(r.id),
    policyNo: r.policy_no,
    team: r.team,
    category: r.category as WorkOrderView['category'],
    kind: r.kind,
    resultKinds: JSON.parse(r.result_kinds) as string[],
    owner: { branchCode: r.branch_code, branchName: r.branch_name },
    sellerMayHandle: Number(r.seller_may_handle) === 1,
    sellerCode: r.seller_code,
    raisedBy: r.raised_by,
    sourceItemId: r.source_item_id,
    createdAt: r.created_at,
    fromDate: r.from_date,
    due: r.due_date,
    workingDays: Number(r.working_days),
    calendarUncertain: Number(r.calendar_uncertain) === 1,
    status: r.status === 'done' ? 'done' : late ? 'overdue' : 'open',
    late,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    handledBy: r.handled_by,
    outcome: r.outcome,
    lateExplanation: r.late_explanation,
    lateExplainedBy: r.late_explained_by,
    lateExplainedAt: r.late_explained_at,
  };
}

const notFound = () => syncError('not_found', { zh: '没有这个工单', en: 'no such work order' });

/**
 * Why an open order may not be closed as asked, or undefined: a mis-selling order handled by the
 * seller (基本服务规定 第18条); past due without a written explanation (逾期说明), given now or
 * recorded before; an explanation for an order that is not late.
 */
export function closeRefusal(
  row: Pick<WorkOrderRow, 'seller_may_handle' | 'seller_code' | 'due_date' | 'late_explanation'>,
  body: { handledBy?: string; lateExplanation?: string },
  today: string,
): SyncError | undefined {
  if (Number(row.seller_may_handle) === 0 && body.handledBy !== undefined && body.handledBy === row.seller_code) {
    return syncError('invalid_request', {
      zh: '销售误导等问题须由销售人员以外的人员处理（《人身保险业务基本服务规定》第18条）',
      en: 'this order may not be handled by the selling agent (基本服务规定 第18条)',
    });
  }
  const late = today > row.due_date;
  if (late && !row.late_explanation && !body.lateExplanation) {
    return syncError('invalid_request', {
      zh: `工单已逾期（应于 ${row.due_date} 前办结），请填写逾期说明`,
      en: `the order is past due (${row.due_date}): a late explanation is required`,
    });
  }
  if (!late && body.lateExplanation)
    return syncError('invalid_request', { zh: '工单未逾期，无需逾期说明', en: 'the order is not past due: no late explanation' });
  return undefined;
}

/**
 * Closes an open order with the branch's outcome (audited). A past-due order needs a written
 * explanation (逾期说明), given now or recorded before; a mis-selling order may not be handled
 * by the seller (基本服务规定 第18条).
 */
export async function closeWorkOrder(
  store: Store,
  id: number,
  body: { outcome: string; handledBy?: string; lateExplanation?: string },
  actor: string,
  today: string,
): Promise<CenterResult<WorkOrderView>> {
  return store.db.transaction().execute(async (trx): Promise<CenterResult<WorkOrderView>> => {
    const row = await getWorkOrder(trx, id);
    if (!row) return { ok: false, error: notFound() };
    if (row.status === 'done') return { ok: false, error: syncError('conflict', { zh: '该工单已办结', en: 'the work order is already closed' }) };
    const refused = closeRefusal(row, body, today);
    if (refused) return { ok: false, error: refused };
    const late = today > row.due_date;
    const at = nowIso();
    const explain =
      late && !row.late_explanation && body.lateExplanation ? { late_explanation: body.lateExplanation, late_explained_by: actor, late_explained_at: at } : {};
    const updated = await trx
      .updateTable('work_orders')
      .set((eb) => ({
        status: 'done',
        closed_at: at,
        closed_on: today,
        closed_by: actor,
        handled_by: body.handledBy ?? null,
        outcome: body.outcome,
        ...explain,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      return { ok: false, error: syncError('conflict', { zh: '该工单已办结', en: 'the work order is already closed' }) };
    await audit(trx, { actor, action: 'work_order.close', target: row.policy_no, detail: { workOrderId: id, late, handledBy: body.handledBy ?? null } });
    const after = (await getWorkOrder(trx, id)) as WorkOrderRow;
    return { ok: true, value: toWorkOrderView(after, today) };
  });
}

/** Records the written explanation of a late order (逾期说明), once (audited). */
export async function explainLateWorkOrder(store: Store, id: number, explanation: string, actor: string, today: string): Promise<CenterResult<WorkOrderView>> {
  return store.db.transaction().execute(async (trx): Promise<CenterResult<WorkOrderView>> => {
    const row = await getWorkOrder(trx, id);
    if (!row) return { ok: false, error: notFound() };
    if (!isLate(row, today)) return { ok: false, error: syncError('conflict', { zh: '工单未逾期，无需逾期说明', en: 'the order is not late' }) };
    const updated = await trx
      .updateTable('work_orders')
      .set((eb) => ({ late_explanation: explanation, late_explained_by: actor, late_explained_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('late_explanation', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      return { ok: false, error: syncError('conflict', { zh: '该工单已有逾期说明', en: 'the order already has a late explanation' }) };
    await audit(trx, { actor, action: 'work_order.late_explanation', target: row.policy_no, detail: { workOrderId: id } });
    const after = (await getWorkOrder(trx, id)) as WorkOrderRow;
    return { ok: true, value: toWorkOrderView(after, today) };
  });
}
