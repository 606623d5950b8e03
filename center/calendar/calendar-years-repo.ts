import { createWorkingCalendar, scheduleToOverride, type CalendarOverrides, type HolidaySchedule, type WorkingCalendar } from '../../shared/domain';
import type { DeskConfig, LoadedYear } from '../../shared/sync';
import type { Store } from '../store/open-store';

/** The loaded years, ascending. */
export async function listLoadedYears(store: Store): Promise<LoadedYear[]> {
  const rows = await store.db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map((r) => {
    const s = JSON.parse(r.schedule) as HolidaySchedule;
    return {
      year: Number(r.year),
      source: r.source,
      loadedBy: r.loaded_by,
      loadedAt: r.loaded_at,
      holidays: s.holidays.reduce((n, h) => n + h.days.length, 0),
      workdays: s.workdays.length,
    };
  });
}

/** The loaded years as the calendar's override table (what desks receive with their settings). */
export async function readCalendarOverrides(store: Pick<Store, 'db'>): Promise<DeskConfig['calendarYears']> {
  const rows = await store.db.selectFrom('calendar_years').select(['year', 'schedule']).orderBy('year').execute();
  const table: DeskConfig['calendarYears'] = {};
  for (const r of rows) {
    const o = scheduleToOverride(JSON.parse(r.schedule) as HolidaySchedule);
    table[String(r.year)] = { holidays: [...o.holidays], workdays: [...o.workdays], ...(o.source ? { source: o.source } : {}) };
  }
  return table;
}

// Building a calendar is cheap but its per-year tables are filled lazily: keep the last one while
// the loaded years do not change (several centre processes share one PostgreSQL, so the table is
// read each time rather than cached across loads).
let cached: { key: string; calendar: WorkingCalendar } | null = null;

/** The centre's working calendar: bundled official data plus the loaded years. */
export async function centreCalendar(store: Pick<Store, 'db'>): Promise<WorkingCalendar> {
  return calendarOf(await readCalendarOverrides(store));
}

/** A calendar over an override table, reusing the last one built for the same table. */
export function calendarOf(overrides: CalendarOverrides): WorkingCalendar {
  const key = JSON.stringify(overrides);
  if (cached?.key !== key) cached = { key, calendar: createWorkingCalendar(overrides) };
  return cached.calendar;
}
