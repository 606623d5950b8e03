import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CalendarLoadRecord, CalendarLoadSummary, MovedDeadline, MovedOrder } from '../../shared/sync/calendar';
import type { CalendarLoadsTable, CenterDatabase } from '../store/db-schema';

/** How many past loads the list shows, and how many moved dates of each kind one load's view carries. */
const LISTED = 100;
const MOVED_SHOWN = 500;

/** Keeps one load with every date it moved, in the load's own transaction (migration 0033). */
export async function keepLoad(
  trx: Kysely<CenterDatabase>,
  load: {
    year: number;
    source: string | null;
    actor: string;
    at: string;
    replaced: boolean;
    casesChanged: number;
    workOrdersChanged: number;
    movedDeadlines: readonly MovedDeadline[];
    movedOrders: readonly MovedOrder[];
  },
): Promise<void> {
  await trx
    .insertInto('calendar_loads')
    .values({
      id: randomUUID(),
      year: load.year,
      source: load.source,
      loaded_by: load.actor,
      loaded_at: load.at,
      replaced: load.replaced ? 1 : 0,
      cases_changed: load.casesChanged,
      work_orders_changed: load.workOrdersChanged,
      moved_deadlines: JSON.stringify(load.movedDeadlines),
      moved_orders: JSON.stringify(load.movedOrders),
    })
    .execute();
}

function summary(row: CalendarLoadsTable, deadlines: readonly MovedDeadline[], orders: readonly MovedOrder[]): CalendarLoadSummary {
  return {
    id: row.id,
    year: Number(row.year),
    source: row.source,
    loadedBy: row.loaded_by,
    loadedAt: row.loaded_at,
    replaced: Number(row.replaced) === 1,
    casesChanged: Number(row.cases_changed),
    workOrdersChanged: Number(row.work_orders_changed),
    deadlinesMoved: deadlines.length,
    ordersMoved: orders.length,
  };
}

/** The latest loads, newest first, without their lists. */
export async function listLoads(db: Kysely<CenterDatabase>): Promise<CalendarLoadSummary[]> {
  const rows = await db.selectFrom('calendar_loads').selectAll().orderBy('loaded_at', 'desc').orderBy('id').limit(LISTED).execute();
  return rows.map((r) => summary(r, JSON.parse(r.moved_deadlines) as MovedDeadline[], JSON.parse(r.moved_orders) as MovedOrder[]));
}

/** One load with the dates it moved (the first 500 of each kind), or null when there is no such load. */
export async function readLoad(db: Kysely<CenterDatabase>, id: string): Promise<CalendarLoadRecord | null> {
  const row = await db.selectFrom('calendar_loads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const deadlines = JSON.parse(row.moved_deadlines) as MovedDeadline[];
  const orders = JSON.parse(row.moved_orders) as MovedOrder[];
  return { ...summary(row, deadlines, orders), movedDeadlines: deadlines.slice(0, MOVED_SHOWN), movedOrders: orders.slice(0, MOVED_SHOWN) };
}
