import { addDays } from '../../shared/domain/calendar/iso-date';
import { DEADLINE_RISK_DAYS, type WallboardTotals } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { readForReport } from './report-source';
import { successFigures } from './success-rates';

const OPEN_STATUSES = ['pending', 'assigned', 'in_progress', 'returned'];

/** The team lead's wallboard totals for `today` (one team, or all teams for null). */
export async function wallboardTotals(store: Store, team: string | null, today: string): Promise<WallboardTotals> {
  const db = store.db;
  let due = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deadline', '=', today)
    .where('status', '!=', 'closed');
  let risk = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    // The SQL form of deadlineAtRisk (shared/sync/reports.ts), which the live board's alert uses.
    .where('deadline', '>=', today)
    .where('deadline', '<=', addDays(today, DEADLINE_RISK_DAYS))
    .where('status', 'in', OPEN_STATUSES);
  // occurred_at carries the desk's offset, so its date part is the desk's local date.
  let done = db
    .selectFrom('sync_items as s')
    .innerJoin('cases as c', 'c.policy_no', 's.policy_no')
    .select((eb) => eb.fn.count<number>('s.policy_no').distinct().as('n'))
    .where('s.kind', '=', 'result')
    .where('s.occurred_at', '>=', today)
    .where('s.occurred_at', '<', addDays(today, 1));
  if (team !== null) {
    due = due.where('team', '=', team);
    risk = risk.where('team', '=', team);
    done = done.where('c.team', '=', team);
  }
  const [d, r, x] = await Promise.all([due.executeTakeFirstOrThrow(), risk.executeTakeFirstOrThrow(), done.executeTakeFirstOrThrow()]);
  const month = await readForReport(store, (src) => successFigures(src, `${today.slice(0, 7)}-01`, today, team));
  return {
    team,
    today,
    dueToday: Number(d.n),
    doneToday: Number(x.n),
    monthSuccessPct: month.total.ratePct,
    atRisk: Number(r.n),
    riskDays: DEADLINE_RISK_DAYS,
  };
}
