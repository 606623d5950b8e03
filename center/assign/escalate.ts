import type { Store } from '../store/open-store';
import { changeFeedTransaction } from '../store/changes-repo';
import { appendChange } from '../store/changes-repo';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import type { WorkingCalendar } from '../../shared/domain';
import { centreCalendar } from '../calendar/calendar-years-repo';
import { casePriority } from './priority';

/** Default escalation window: cases due within this many working days. */
export const ESCALATE_WITHIN_WORKING_DAYS = 2;

/**
 * Escalates open cases whose deadline (end of the cooling-off period, docs/domain.md §3) is within
 * `withinWorkingDays` working days of `today` (China's calendar with holidays and adjusted
 * working weekends, `calendar`), or already passed: they jump ahead in their tier and the agent
 * holding one sees it flagged at the next pull. On a Friday, 2 working days reach Tuesday; before
 * a week-long holiday they reach past it. Idempotent (escalates each case once). Without a
 * `calendar`, the centre's own (bundled data plus loaded holiday schedules) is read from the store.
 */
export async function escalateNearDeadline(
  store: Store,
  today: string,
  withinWorkingDays: number = ESCALATE_WITHIN_WORKING_DAYS,
  actor = 'system',
  given?: WorkingCalendar,
) {
  const calendar = given ?? (await centreCalendar(store));
  const limit = calendar.addWorkingDays(today, withinWorkingDays);
  const calendarUncertain = calendar.uncertainYearsBetween(today, limit).length > 0;
  return changeFeedTransaction(store, async (trx) => {
    const rows = await trx
      .selectFrom('cases')
      .select(['policy_no', 'kind', 'return_month', 'assigned_to', 'status', 'deadline', 'priority'])
      .where('status', 'in', ['pending', 'assigned', 'in_progress', 'returned'])
      .where('escalated', '=', 0)
      .where('deadline', 'is not', null)
      .where('deadline', '<=', limit)
      .execute();
    const touched = new Set<string>();
    const at = nowIso();
    for (const r of rows) {
      await trx
        .updateTable('cases')
        .set((eb) => ({
          escalated: 1,
          // A case already ahead of its tier (sent back by its branch) keeps its place.
          priority: Math.min(Number(r.priority), casePriority(r.kind, r.return_month, true, today)),
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('policy_no', '=', r.policy_no)
        .execute();
      if (r.assigned_to && (r.status === 'assigned' || r.status === 'in_progress')) {
        await appendChange(trx, r.assigned_to, r.policy_no, 'upsert', 'escalated');
        touched.add(r.assigned_to);
      }
    }
    if (rows.length > 0)
      await audit(trx, { actor, action: 'case.escalate', detail: { count: rows.length, today, withinWorkingDays, limit, calendarUncertain } });
    return { escalated: rows.map((r) => ({ policyNo: r.policy_no, deadline: r.deadline })), touched: [...touched], limit, calendarUncertain };
  });
}
