import type { Store } from '../store/open-store';
import { lockChangeFeed } from '../store/open-store';
import { appendChange } from '../store/changes-repo';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { addDays, casePriority } from './priority';

/**
 * Escalates open cases whose deadline (end of the cooling-off period, DOMAIN.md §3) is within
 * `withinDays` calendar days of `today`, or already passed: they jump ahead in their tier and the
 * agent holding one sees it flagged at the next pull. Idempotent (escalates each case once).
 */
export async function escalateNearDeadline(store: Store, today: string, withinDays: number, actor = 'system') {
  const limit = addDays(today, withinDays);
  return store.db.transaction().execute(async (trx) => {
    await lockChangeFeed(trx, store.engine);
    const rows = await trx
      .selectFrom('cases')
      .select(['policy_no', 'kind', 'return_month', 'assigned_to', 'status', 'deadline'])
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
        .set((eb) => ({ escalated: 1, priority: casePriority(r.kind, r.return_month, true, today), updated_at: at, version: eb('version', '+', 1) }))
        .where('policy_no', '=', r.policy_no)
        .execute();
      if (r.assigned_to && (r.status === 'assigned' || r.status === 'in_progress')) {
        await appendChange(trx, r.assigned_to, r.policy_no, 'upsert', 'escalated');
        touched.add(r.assigned_to);
      }
    }
    if (rows.length > 0) await audit(trx, { actor, action: 'case.escalate', detail: { count: rows.length, today, withinDays } });
    return { escalated: rows.map((r) => ({ policyNo: r.policy_no, deadline: r.deadline })), touched: [...touched] };
  });
}
