import { readFileSync } from 'node:fs';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest, prepared, seedAssignedCases, seedCases, TODAY } from './support/seed';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import type { Store } from '../../center/store/open-store';
import { getCaseRow } from '../../center/store/cases-repo';
import { readAudit } from '../../center/store/audit-repo';
import { changesSince } from '../../center/store/changes-repo';
import { loadHolidaySchedule } from '../../center/calendar/load-holiday-schedule';
import { listLoads, readLoad } from '../../center/calendar/calendar-loads-repo';
import { setCenterClock } from '../../center/store/clock';
import { centreCalendar, listLoadedYears } from '../../center/calendar/calendar-years-repo';
import { escalateNearDeadline } from '../../center/assign/escalate';
import { DEFAULT_DESK_CONFIG, pushItemSchema } from '../../shared/sync';
import { applyPush } from '../../center/sync/push-service';
import { listWorkOrders } from '../../center/work-orders/work-orders-repo';

const engines = await enginesUnderTest();
/** The example file shipped with the centre (illustrative dates: README "Holiday schedules"). */
const EXAMPLE_2027 = readFileSync(new URL('../../center/demo/holidays-2027.example.json', import.meta.url), 'utf8');

/** Signed 2026-12-26 with a 45-day contractual period: the nominal end is Tuesday 2027-02-09 (初四). */
const crossing = (policyNo: string) =>
  prepared(policyNo, {
    overrides: {
      coolingOffDays: 45,
      dates: {
        application: '2026-12-01',
        underwriting: '2026-12-10',
        print: '2026-12-10',
        receiptSigned: '2026-12-26',
        receiptEntered: undefined,
        receiptWrittenOff: undefined,
      },
    },
  });

describe.each(engines)('loading a year of holidays moves the deadlines resting on it (docs/domain.md §3; 民法典 第203条) on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it("a period crossing into 2027 ends on a guessed working day before the year is loaded and on the notice's first working day after; the load is audited", async () => {
    await seedAssignedCases(store, [crossing('PH27000001')], '1001');
    await seedCases(store, [prepared('PH26000001')]); // an ordinary 2026 case: nothing to move
    const before = await getCaseRow(store.db, 'PH27000001');
    const ordinary = await getCaseRow(store.db, 'PH26000001');
    // Without 2027 data, 初四 (a weekday, not a statutory holiday) counts as a working day, flagged uncertain.
    expect(before?.deadline).toBe('2027-02-09');
    expect(JSON.parse(before?.flags as string)).toContain('calendar_uncertain');

    const loaded = await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value).toMatchObject({
      year: 2027,
      replaced: false,
      casesChanged: 1,
      movedDeadlines: [{ policyNo: 'PH27000001', before: '2027-02-09', after: '2027-02-15' }],
      touched: ['1001'],
    });

    const after = await getCaseRow(store.db, 'PH27000001');
    // 9–13 February are rest days of the example's Spring Festival, 14th a Sunday: Monday the 15th.
    expect(after?.deadline).toBe('2027-02-15');
    expect(JSON.parse(after?.flags as string)).not.toContain('calendar_uncertain');
    expect(Number(after?.version)).toBe(Number(before?.version) + 1);
    expect(await getCaseRow(store.db, 'PH26000001')).toEqual(ordinary);
    // the holder's desk is told at its next pull
    expect((await changesSince(store, '1001', 0, 100)).some((c) => c.policyNo === 'PH27000001' && c.reason === 'calendar')).toBe(true);

    const log = await readAudit(store, { action: 'calendar.load' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actor: '9001',
      target: '2027',
      detail: { year: 2027, casesChanged: 1, deadlinesMoved: 1, workOrdersChanged: 0, replaced: false },
    });
  });

  it("loading the same year again replaces it and moves nothing more; the centre's calendar now knows 2027", async () => {
    await seedAssignedCases(store, [crossing('PH27000002')], '1001');
    await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY });
    const again = await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY });
    expect(again.ok && again.value).toMatchObject({ replaced: true, casesChanged: 0, workOrdersChanged: 0 });
    expect((await listLoadedYears(store)).map((y) => y.year)).toEqual([2027]);
    const calendar = await centreCalendar(store);
    expect([calendar.hasOfficialData(2027), calendar.isWorkingDay('2027-02-20'), calendar.isWorkingDay('2027-02-10')]).toEqual([true, true, false]);
  });

  it('escalation counts working days on the loaded year: two working days from Thursday 2027-02-04 reach past the Spring Festival', async () => {
    await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY });
    const esc = await escalateNearDeadline(store, '2027-02-04', 2, 'system');
    expect(esc).toMatchObject({ limit: '2027-02-16', calendarUncertain: false });
  });

  it('an open work order due in 2027 is recomputed too: 3 working days from Thursday 2027-02-04 end after the loaded Spring Festival (docs/domain.md §7)', async () => {
    await seedAssignedCases(store, [prepared('PW27000001')], '1001');
    const item = pushItemSchema.parse({
      id: 'c0ffee00-0000-4000-8000-000000000027',
      kind: 'result',
      policyNo: 'PW27000001',
      occurredAt: '2027-02-04T09:05:00+08:00',
      data: { classification: 'problem', kinds: ['communication'] },
    });
    await applyPush(store, '1001', [item], { today: '2027-02-04' });
    // Without 2027 data only 除夕–初三 (5–8 Feb) and the weekend rest: due Thursday the 11th, uncertain.
    expect((await listWorkOrders(store.db, {}, '2027-02-04'))[0]).toMatchObject({ due: '2027-02-11', calendarUncertain: true });
    const loaded = await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY });
    expect(loaded.ok && loaded.value.workOrdersChanged).toBe(1);
    expect(loaded.ok && loaded.value.movedOrders.map((o) => [o.policyNo, o.before, o.after])).toEqual([['PW27000001', '2027-02-11', '2027-02-17']]);
    expect((await listWorkOrders(store.db, {}, '2027-02-04'))[0]).toMatchObject({ due: '2027-02-17', calendarUncertain: false });
  });

  it('every load is kept with each date it moved, newest first; a refused file keeps none (README "Holiday schedules")', async () => {
    await seedAssignedCases(store, [crossing('PH27000001')], '1001');
    setCenterClock(() => Date.parse('2026-12-01T02:00:00Z'));
    try {
      expect((await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9001', today: TODAY })).ok).toBe(true);
      setCenterClock(() => Date.parse('2026-12-02T02:00:00Z'));
      expect((await loadHolidaySchedule(store, EXAMPLE_2027, { actor: '9002', today: TODAY })).ok).toBe(true);
    } finally {
      setCenterClock(null);
    }
    expect((await loadHolidaySchedule(store, '{"year": 2027}', { actor: '9001', today: TODAY })).ok).toBe(false);
    const loads = await listLoads(store.db);
    expect(loads.map((l) => [l.loadedBy, l.replaced, l.casesChanged, l.deadlinesMoved])).toEqual([
      ['9002', true, 0, 0],
      ['9001', false, 1, 1],
    ]);
    expect(await readLoad(store.db, loads[1]!.id)).toMatchObject({
      year: 2027,
      movedDeadlines: [{ policyNo: 'PH27000001', before: '2027-02-09', after: '2027-02-15' }],
      movedOrders: [],
    });
    expect(await readLoad(store.db, 'no-such-load')).toBeNull();
  });

  it('a refused file stores nothing and moves nothing', async () => {
    await seedAssignedCases(store, [crossing('PH27000003')], '1001');
    const bad = await loadHolidaySchedule(store, { year: 2027, holidays: [], workdays: ['2027-10-01'] }, { actor: '9001', today: TODAY });
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['workday_on_statutory_holiday']);
    expect(await listLoadedYears(store)).toEqual([]);
    expect((await getCaseRow(store.db, 'PH27000003'))?.deadline).toBe('2027-02-09');
  });
});

describe('holiday schedules over HTTP (admin only; desks receive them with their settings)', () => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter();
    for (const s of ['1001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it("an agent may not load or list; a bad file answers 400 with the problems' codes and changes nothing", async () => {
    expect((await post(`${center.url}/api/admin/calendar`, JSON.parse(EXAMPLE_2027), tokens['1001'])).status).toBe(403);
    expect((await get(`${center.url}/api/admin/calendar`, tokens['1001'])).status).toBe(403);
    const bad = await post(
      `${center.url}/api/admin/calendar`,
      { year: 2027, holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-01'] }], workdays: [] },
      tokens['9001'],
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toEqual([{ path: 'holidays[0].days[1]', message: expect.stringMatching(/^duplicate_date: /) }]);
    const pinned = await post(`${center.url}/api/admin/calendar?year=2028`, JSON.parse(EXAMPLE_2027), tokens['9001']);
    expect(pinned.json.error.issues[0].message).toMatch(/^wrong_year: /);
    expect((await get(`${center.url}/api/admin/calendar`, tokens['9001'])).json.value).toEqual({ years: [] });
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual(DEFAULT_DESK_CONFIG);
  });

  it('an admin loads a year; it is listed, audited, and every desk gets it with the desk settings', async () => {
    const res = await post(`${center.url}/api/admin/calendar`, JSON.parse(EXAMPLE_2027), tokens['9001']);
    expect(res.status).toBe(200);
    expect(res.json.value).toMatchObject({ year: 2027, replaced: false, casesChanged: 0 });
    const listed = await get(`${center.url}/api/admin/calendar`, tokens['9001']);
    expect(listed.json.value.years).toEqual([expect.objectContaining({ year: 2027, loadedBy: '9001', holidays: 29, workdays: 5 })]);
    const desk = (await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value;
    expect(desk.calendarYears['2027']).toMatchObject({ workdays: ['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'] });
    expect(desk.calendarYears['2027'].holidays).toContain('2027-02-12');
    expect(await readAudit(center.context.store, { action: 'calendar.load' })).toEqual([expect.objectContaining({ actor: '9001', target: '2027' })]);
    const loads = await get(`${center.url}/api/admin/calendar/loads`, tokens['9001']);
    expect(loads.json.value.loads).toEqual([expect.objectContaining({ year: 2027, loadedBy: '9001', casesChanged: 0, deadlinesMoved: 0 })]);
    const one = await get(`${center.url}/api/admin/calendar/loads/${loads.json.value.loads[0].id}`, tokens['9001']);
    expect(one.json.value).toMatchObject({ year: 2027, movedDeadlines: [], movedOrders: [] });
    expect((await get(`${center.url}/api/admin/calendar/loads/nope`, tokens['9001'])).status).toBe(404);
    expect((await get(`${center.url}/api/admin/calendar/loads`, tokens['1001'])).status).toBe(403);
    // the years come only from the calendar endpoint, never through the desk settings
    expect((await post(`${center.url}/api/admin/desk-config`, { ...desk }, tokens['9001'])).status).toBe(400);
  });
});
