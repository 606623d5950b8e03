import {
  computeSchedule,
  parseHolidaySchedule,
  workOrderDeadline,
  type HolidayScheduleError,
  type HolidayScheduleWarning,
  type PolicyCase,
  type WorkingCalendar,
} from '../../shared/domain';
import { audit } from '../store/audit-repo';
import { keepLoad } from './calendar-loads-repo';
import { appendChange, changeFeedTransaction } from '../store/changes-repo';
import { QUEUE_STATUSES } from '../store/case-row';
import { nowIso } from '../store/clock';
import type { Store } from '../store/open-store';
import type { CalendarLoadAnswer, CaseStatus, MovedDeadline, MovedOrder } from '../../shared/sync';
import { centreCalendar } from './calendar-years-repo';

/** What a load did. */
export interface LoadReport extends CalendarLoadAnswer {
  readonly source: string | null;
  readonly warnings: readonly HolidayScheduleWarning[];
  /** Agents whose queue carries a changed case (to be told to pull). */
  readonly touched: readonly string[];
}

export type LoadResult = { ok: true; value: LoadReport } | { ok: false; errors: readonly HolidayScheduleError[] };

/** Deadline and flags a case's stored row should have under `calendar` (only the schedule flags change). */
function reassess(data: PolicyCase, flags: readonly string[], oldDeadline: string | null, calendar: WorkingCalendar, today: string) {
  const s = computeSchedule(data, { calendar });
  const next = flags.filter((f) => f !== 'calendar_uncertain' && (s.visitDeadline === oldDeadline || f !== 'cooling_off_passed'));
  if (s.calendarUncertain) next.push('calendar_uncertain');
  if (s.visitDeadline !== oldDeadline && s.visitDeadline !== null && s.visitDeadline < today) next.push('cooling_off_passed');
  return { deadline: s.visitDeadline, flags: next };
}

/**
 * Validates one year's official schedule (`parseHolidaySchedule`), stores it (replacing an earlier
 * load of the same year) and, in the same transaction, recomputes every stored date that can
 * depend on that year: case deadlines (cooling-off end, docs/domain.md §3) and open work-order due
 * dates (§7) falling on or after 1 January of the year. Agents holding a changed case get it in
 * their next pull. Audited as `calendar.load`: who, which year, how many cases and orders changed.
 */
export async function loadHolidaySchedule(
  store: Store,
  input: string | unknown,
  opts: { actor: string; today: string; expectedYear?: number },
): Promise<LoadResult> {
  const parsed = parseHolidaySchedule(input, opts.expectedYear);
  if (!parsed.ok) return parsed;
  const schedule = parsed.value;
  const from = `${schedule.year}-01-01`;
  const report = await changeFeedTransaction(store, async (trx) => {
    const at = nowIso();
    const existed = await trx.selectFrom('calendar_years').select('year').where('year', '=', schedule.year).executeTakeFirst();
    const row = { schedule: JSON.stringify(schedule), source: schedule.source ?? null, loaded_by: opts.actor, loaded_at: at };
    await trx
      .insertInto('calendar_years')
      .values({ year: schedule.year, ...row })
      .onConflict((oc) => oc.column('year').doUpdateSet(row))
      .execute();
    const calendar = await centreCalendar({ db: trx });

    // A date that never reached the year cannot depend on it: every deadline is on or after the
    // nominal end, so only stored deadlines from 1 January on can move.
    const cases = await trx
      .selectFrom('cases')
      .select(['policy_no', 'data', 'flags', 'deadline', 'status', 'assigned_to'])
      .where('deadline', 'is not', null)
      .where('deadline', '>=', from)
      .execute();
    const moved: MovedDeadline[] = [];
    const touched = new Set<string>();
    let casesChanged = 0;
    for (const c of cases) {
      const flags = JSON.parse(c.flags) as string[];
      const next = reassess(JSON.parse(c.data) as PolicyCase, flags, c.deadline, calendar, opts.today);
      const nextFlags = JSON.stringify(next.flags);
      if (next.deadline === c.deadline && nextFlags === c.flags) continue;
      casesChanged++;
      if (next.deadline !== c.deadline) moved.push({ policyNo: c.policy_no, before: c.deadline, after: next.deadline });
      await trx
        .updateTable('cases')
        .set((eb) => ({ deadline: next.deadline, flags: nextFlags, version: eb('version', '+', 1), updated_at: at }))
        .where('policy_no', '=', c.policy_no)
        .execute();
      if (c.assigned_to && QUEUE_STATUSES.includes(c.status as CaseStatus)) {
        await appendChange(trx, c.assigned_to, c.policy_no, 'upsert', 'calendar');
        touched.add(c.assigned_to);
      }
    }

    const orders = await trx
      .selectFrom('work_orders')
      .select(['id', 'policy_no', 'from_date', 'working_days', 'due_date', 'calendar_uncertain'])
      .where('status', '=', 'open')
      .where('due_date', '>=', from)
      .execute();
    let workOrdersChanged = 0;
    const movedOrders: MovedOrder[] = [];
    for (const o of orders) {
      const d = workOrderDeadline(o.from_date, Number(o.working_days), calendar);
      const uncertain = d.calendarUncertain ? 1 : 0;
      if (d.due === o.due_date && uncertain === Number(o.calendar_uncertain)) continue;
      workOrdersChanged++;
      if (d.due !== o.due_date) movedOrders.push({ id: Number(o.id), policyNo: o.policy_no, before: o.due_date, after: d.due });
      await trx.updateTable('work_orders').set({ due_date: d.due, calendar_uncertain: uncertain }).where('id', '=', o.id).execute();
    }

    await keepLoad(trx, {
      year: schedule.year,
      source: schedule.source ?? null,
      actor: opts.actor,
      at,
      replaced: existed !== undefined,
      casesChanged,
      workOrdersChanged,
      movedDeadlines: moved,
      movedOrders,
    });
    await audit(trx, {
      actor: opts.actor,
      action: 'calendar.load',
      target: String(schedule.year),
      detail: {
        year: schedule.year,
        source: schedule.source ?? null,
        replaced: existed !== undefined,
        casesChanged,
        deadlinesMoved: moved.length,
        workOrdersChanged,
        // enough at a glance; every moved date is kept with the load (calendar-loads-repo.ts)
        moved: moved.slice(0, 100),
      },
    });
    return {
      year: schedule.year,
      source: schedule.source ?? null,
      replaced: existed !== undefined,
      casesChanged,
      movedDeadlines: moved,
      workOrdersChanged,
      movedOrders,
      touched: [...touched],
    };
  });
  return { ok: true, value: { ...report, warnings: parsed.warnings } };
}
