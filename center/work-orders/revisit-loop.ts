import type { Kysely } from 'kysely';
import { defaultCalendar, workOrderDeadline, type PolicyCase } from '../../shared/domain';
import type { ResultItem } from '../../shared/sync';
import type { CasesTable, CenterDatabase } from '../store/db-schema';
import { BRANCH_RETURN_PRIORITY } from '../assign/priority';
import { audit } from '../store/audit-repo';
import { assignInTrx } from '../store/cases-repo';
import { nowIso } from '../store/clock';
import { toNum } from '../store/to-num';
import { followUpForResult } from './follow-up-for-result';
import type { RaiseContext } from './work-orders-repo';

type Db = Kysely<CenterDatabase>;

/** Cases a branch may send back: finished at the desk, or already waiting (a second request changes nothing). */
const RETURNABLE = ['completed', 'awaiting_branch', 'returned'];

/** A returned case: whether it went back, and the desks whose queues changed (to notify after commit). */
export interface Returned {
  readonly returned: boolean;
  readonly touched: readonly string[];
}

/**
 * Puts a finished case back in the call-centre queue for a revisit (docs/domain.md §7): a returned
 * case of its previous team (`cases.team` is unchanged), ahead of every other tier
 * (`BRANCH_RETURN_PRIORITY`), straight into the queue of the agent who made its last call when
 * that agent is still active in the team (they know the customer and the call), otherwise
 * unassigned for the team's next assignment run. Its previous result is cleared: the next call's
 * result decides. Needs a change-feed transaction (the agent's desk is told). `returned` false
 * when the case is not one to return (closed elsewhere, or still in an agent's queue).
 */
export async function returnCaseInTrx(trx: Db, policyNo: string, today: string, actor: string): Promise<Returned> {
  const at = nowIso();
  const before = await trx.selectFrom('cases').select(['team', 'result_by', 'assigned_to']).where('policy_no', '=', policyNo).executeTakeFirst();
  const r = await trx
    .updateTable('cases')
    .set((eb) => ({
      status: 'returned',
      kind: 'returned',
      return_month: today.slice(0, 7),
      priority: BRANCH_RETURN_PRIORITY,
      assigned_to: null,
      assigned_at: null,
      result_class: null,
      result_by: null,
      result_item_id: null,
      result_override: null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('policy_no', '=', policyNo)
    .where('status', 'in', RETURNABLE)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1 || !before) return { returned: false, touched: [] };
  await trx.updateTable('assignments').set({ ended_at: at }).where('policy_no', '=', policyNo).where('ended_at', 'is', null).execute();
  const previous = before.result_by ?? before.assigned_to;
  const agent = previous
    ? await trx
        .selectFrom('users')
        .select('staff_no')
        .where('staff_no', '=', previous)
        .where('role', '=', 'agent')
        .where('active', '=', 1)
        .where('team', '=', before.team)
        .executeTakeFirst()
    : undefined;
  const touched = agent ? await assignInTrx(trx, { policy_no: policyNo, status: 'returned', assigned_to: null }, agent.staff_no, actor) : [];
  await audit(trx, { actor, action: 'case.returned_by_branch', target: policyNo, detail: { to: agent?.staff_no ?? null } });
  return { returned: true, touched };
}

/**
 * The result of a revisit the branch asked for (inside the push transaction, for a newly stored
 * result): a standard result closes the order for good; any other reopens it with the new
 * result's kind and a deadline counted from today, instead of raising a second order. Answers
 * false when no order of the case is waiting for a revisit (the caller then raises one as usual).
 */
export async function settleRevisitInTrx(
  trx: Db,
  row: Pick<CasesTable, 'policy_no' | 'data'>,
  item: ResultItem,
  staffNo: string,
  ctx: RaiseContext,
): Promise<boolean> {
  const order = await trx
    .selectFrom('work_orders')
    .selectAll()
    .where('policy_no', '=', row.policy_no)
    .where('revisit_pending', '=', 1)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!order) return false;
  const id = toNum(order.id);
  const at = nowIso();
  const kinds = item.data.kinds.join(', ');
  const followUp = followUpForResult(item.data.classification, item.data.kinds, JSON.parse(row.data) as Pick<PolicyCase, 'branch'>);
  if (!followUp) {
    await trx
      .updateTable('work_orders')
      .set((eb) => ({
        status: 'done',
        closed_at: order.closed_at ?? at,
        closed_on: order.closed_on ?? ctx.today,
        closed_by: order.closed_by ?? staffNo,
        outcome: order.outcome ?? 'revisit: standard',
        revisit_pending: 0,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('work_order_events')
      .values({ work_order_id: id, at, by_staff: staffNo, type: 'closed', action: null, note: 'revisit: standard' })
      .execute();
  } else {
    const deadline = workOrderDeadline(ctx.today, followUp.deadlineWorkingDays, ctx.calendar ?? defaultCalendar);
    await trx
      .updateTable('work_orders')
      .set((eb) => ({
        status: 'open',
        category: item.data.classification,
        kind: followUp.workOrderKind,
        result_kinds: JSON.stringify(item.data.kinds),
        source_item_id: item.id,
        raised_by: staffNo,
        seller_may_handle: followUp.sellerMayHandle ? 1 : 0,
        from_date: ctx.today,
        due_date: deadline.due,
        working_days: deadline.workingDays,
        calendar_uncertain: deadline.calendarUncertain ? 1 : 0,
        closed_at: null,
        closed_on: null,
        closed_by: null,
        handled_by: null,
        outcome: null,
        late_explanation: null,
        late_explained_by: null,
        late_explained_at: null,
        revisit_pending: 0,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const note = `revisit: ${item.data.classification}${kinds ? ` (${kinds})` : ''}`;
    await trx.insertInto('work_order_events').values({ work_order_id: id, at, by_staff: staffNo, type: 'reopened', action: null, note }).execute();
  }
  await audit(trx, {
    actor: staffNo,
    action: followUp ? 'work_order.reopen' : 'work_order.revisit_closed',
    target: row.policy_no,
    detail: { workOrderId: id },
  });
  return true;
}
