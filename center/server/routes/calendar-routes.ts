import { z } from 'zod';
import { syncError, type SyncError } from '../../../shared/sync';
import type { HolidayScheduleError } from '../../../shared/domain';
import { listLoadedYears } from '../../calendar/calendar-years-repo';
import { loadHolidaySchedule } from '../../calendar/load-holiday-schedule';
import { listLoads, readLoad } from '../../calendar/calendar-loads-repo';
import { audit } from '../../store/audit-repo';
import { route, type Route } from '../route';

/** The file's problems as the boundary's typed error: one issue per problem, code first. */
export function scheduleRefused(errors: readonly HolidayScheduleError[]): SyncError {
  return syncError(
    'invalid_request',
    { zh: `节假日安排文件有误：${errors[0].message.zh}`, en: `the holiday schedule was refused: ${errors[0].message.en}` },
    errors.slice(0, 50).map((e) => ({ path: e.path || '(file)', message: `${e.code}: ${e.message.en}` })),
  );
}

/**
 * Official holiday schedules (README "Holiday schedules"): administrators list the loaded years
 * and load one year's file (the body is the file's JSON; `?year=` optionally pins the year it must
 * be for). Loading recomputes the stored deadlines that change and is audited (`calendar.load`).
 */
export const calendarRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/admin/calendar',
    roles: ['admin'],
    async handle({ center }) {
      return { ok: true, value: { years: await listLoadedYears(center.store) } };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/calendar/loads',
    roles: ['admin'],
    summary: 'The latest loads of holiday schedules (100, newest first) with how many dates each moved',
    async handle({ center }) {
      return { ok: true, value: { loads: await listLoads(center.store.db) } };
    },
  },
  {
    method: 'GET',
    path: '/api/admin/calendar/loads/:id',
    roles: ['admin'],
    summary: 'One past load with the case deadlines and work-order due dates it moved (the first 500 of each)',
    async handle({ center, params }) {
      const load = await readLoad(center.store.db, params.id);
      if (!load) return { ok: false, error: syncError('not_found', { zh: '没有这次加载记录', en: `no calendar load ${params.id}` }) };
      return { ok: true, value: load };
    },
  },
  route({
    method: 'POST',
    path: '/api/admin/calendar',
    roles: ['admin'],
    // Any JSON: the schedule file's own checks (loadHolidaySchedule) name every problem.
    body: z.unknown(),
    async handle({ center, user, url, body }) {
      const pinned = url.searchParams.get('year');
      const expectedYear = pinned === null ? undefined : Number(pinned);
      if (expectedYear !== undefined && !Number.isInteger(expectedYear))
        return { ok: false, error: syncError('invalid_request', { en: `year=${pinned} is not a year` }) };
      const loaded = await loadHolidaySchedule(center.store, body, { actor: user.staffNo, today: center.today(), expectedYear });
      if (!loaded.ok) {
        await audit(center.store.db, {
          actor: user.staffNo,
          action: 'calendar.load_refused',
          detail: { codes: loaded.errors.slice(0, 20).map((e) => e.code) },
        });
        return { ok: false, error: scheduleRefused(loaded.errors) };
      }
      center.notifier.notify([...loaded.value.touched]);
      const { movedDeadlines, movedOrders, ...rest } = loaded.value;
      return { ok: true, value: { ...rest, movedDeadlines: movedDeadlines.slice(0, 500), movedOrders: movedOrders.slice(0, 500) } };
    },
  }),
];
