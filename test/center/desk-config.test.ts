import { readAudit } from '../../center/store/audit-repo';
import { applyDemoCallingHours } from '../../center/demo/demo-calling-hours';
import { readDeskSettings } from '../../center/store/desk-config-repo';
import { DEFAULT_CALLING_HOURS } from '../../shared/domain/calling-hours';
import { DEFAULT_BOARD_ALERT_LIMITS, DEFAULT_DESK_CONFIG, DEFAULT_DESK_SETTINGS } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

describe.each(engines)('desk settings over HTTP on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    for (const s of ['1001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('desks read the defaults until an admin sets them; the change is audited with before and after', async () => {
    const first = await get(`${center.url}/api/desk-config`, tokens['1001']);
    expect([first.status, first.json.value]).toEqual([200, DEFAULT_DESK_CONFIG]);
    const changed = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    const set = await post(`${center.url}/api/admin/desk-config`, changed, tokens['9001']);
    expect(set.status).toBe(200);
    const after = {
      ...changed,
      callingHours: DEFAULT_CALLING_HOURS,
      inboundCallers: 'case',
      trainingAgents: [],
      localAudioDays: 30,
      boardAlerts: DEFAULT_BOARD_ALERT_LIMITS,
    };
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual({ ...after, calendarYears: {} });
    const log = await readAudit(center.context.store, { action: 'admin.desk_config', limit: 10 });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: '9001', detail: { before: DEFAULT_DESK_SETTINGS, after } });
  });

  it('calling hours (README → Configuration; 保监发〔2013〕40号 default 09:00–21:00) round-trip per region, audited; a POST without them keeps them', async () => {
    const callingHours = {
      ...DEFAULT_CALLING_HOURS,
      quietWeekdays: [0],
      quietDates: ['2027-02-17'],
      quietOnPublicHolidays: true,
      regions: [
        { id: 'xinjiang', name: '新疆', branchPrefixes: ['8665'], phonePrefixes: [], start: '10:00', end: '22:00' },
        { id: 'hk', name: '香港', branchPrefixes: [], phonePrefixes: ['+852'], timeZone: 'Asia/Hong_Kong' },
      ],
    };
    const set = await post(`${center.url}/api/admin/desk-config`, { companyName: '华安人寿保险股份有限公司', maxAttempts: 4, callingHours }, tokens['9001']);
    expect([set.status, set.json.value.callingHours]).toEqual([200, callingHours]);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.callingHours).toEqual(callingHours);
    const [last] = await readAudit(center.context.store, { action: 'admin.desk_config', limit: 1 });
    expect(last.detail).toMatchObject({ before: { callingHours: DEFAULT_CALLING_HOURS }, after: { callingHours } });
    // An admin tool that knows only the name and the attempt limit does not reset the hours.
    await post(`${center.url}/api/admin/desk-config`, { companyName: '华安人寿保险股份有限公司', maxAttempts: 5 }, tokens['9001']);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toMatchObject({ maxAttempts: 5, callingHours });
  });

  it('an admin puts agents on the training line by staff number (README "The training line"); a POST without the list keeps it; a malformed number is refused', async () => {
    const base = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.trainingAgents).toEqual([]);
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, trainingAgents: ['1001'] }, tokens['9001'])).status).toBe(200);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.trainingAgents).toEqual(['1001']);
    await post(`${center.url}/api/admin/desk-config`, base, tokens['9001']);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.trainingAgents).toEqual(['1001']);
    const bad = await post(`${center.url}/api/admin/desk-config`, { ...base, trainingAgents: ['新人'] }, tokens['9001']);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.issues)).toContain('trainingAgents');
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, trainingAgents: [] }, tokens['9001'])).status).toBe(200);
  });

  it('days a desk keeps archived audio (README "Evidence archive") default to 30; 0 is allowed, kept by a POST without it; a negative or fractional value is refused', async () => {
    const base = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.localAudioDays).toBe(30);
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, localAudioDays: 0 }, tokens['9001'])).status).toBe(200);
    await post(`${center.url}/api/admin/desk-config`, base, tokens['9001']);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.localAudioDays).toBe(0);
    for (const localAudioDays of [-1, 1.5]) {
      const bad = await post(`${center.url}/api/admin/desk-config`, { ...base, localAudioDays }, tokens['9001']);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.json.error.issues)).toContain('localAudioDays');
    }
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, localAudioDays: 30 }, tokens['9001'])).status).toBe(200);
  });

  it('the live board’s alert limits (README "Team-lead coaching") default to 15/2/15 minutes; an admin sets them, kept by a POST without them; zero, fractions or unknown keys are refused', async () => {
    const base = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.boardAlerts).toEqual({
      longCallMinutes: 15,
      longWrapUpMinutes: 2,
      longPauseMinutes: 15,
    });
    const limits = { longCallMinutes: 8, longWrapUpMinutes: 3, longPauseMinutes: 20 };
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, boardAlerts: limits }, tokens['9001'])).status).toBe(200);
    await post(`${center.url}/api/admin/desk-config`, base, tokens['9001']);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.boardAlerts).toEqual(limits);
    for (const boardAlerts of [
      { ...limits, longCallMinutes: 0 },
      { ...limits, longPauseMinutes: 1.5 },
      { ...limits, longRingMinutes: 1 },
    ]) {
      const bad = await post(`${center.url}/api/admin/desk-config`, { ...base, boardAlerts }, tokens['9001']);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.json.error.issues)).toContain('boardAlerts');
    }
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.boardAlerts).toEqual(limits);
  });

  it('which inbound callers ring (README → Inbound calls) defaults to the queue’s own cases; an admin may open it to any caller, kept by a POST without it; an unknown value is refused', async () => {
    const base = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.inboundCallers).toBe('case');
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, inboundCallers: 'any' }, tokens['9001'])).status).toBe(200);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.inboundCallers).toBe('any');
    await post(`${center.url}/api/admin/desk-config`, base, tokens['9001']);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value.inboundCallers).toBe('any');
    const bad = await post(`${center.url}/api/admin/desk-config`, { ...base, inboundCallers: 'everyone' }, tokens['9001']);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.issues)).toContain('inboundCallers');
    expect((await post(`${center.url}/api/admin/desk-config`, { ...base, inboundCallers: 'case' }, tokens['9001'])).status).toBe(200);
  });

  it.each([
    ['an end before the start', { start: '21:00', end: '09:00' }, /callingHours\.end.*结束时间 09:00 须晚于开始时间 21:00/],
    ['a time that is not HH:MM', { start: '9点' }, /callingHours\.start.*HH:MM/],
    ['an unknown time zone', { timeZone: 'Asia/Beijing' }, /callingHours\.timeZone.*未知时区/],
    [
      'a region ending before the default start',
      { regions: [{ id: 'xj', name: '新疆', branchPrefixes: ['8665'], end: '08:30' }] },
      /callingHours\.regions\.0\.end/,
    ],
  ])('refuses calling hours with %s, naming the field, changing nothing', async (_what, patch, message) => {
    const before = (await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value;
    const bad = await post(
      `${center.url}/api/admin/desk-config`,
      { companyName: '华安人寿保险股份有限公司', maxAttempts: 4, callingHours: { ...DEFAULT_CALLING_HOURS, ...patch } },
      tokens['9001'],
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join('\n')).toMatch(message);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual(before);
  });

  it('settings stored before the calling hours existed read with the default hours; unreadable hours fall back without losing the rest', async () => {
    const store = center.context.store;
    const put = (value: string) =>
      store.db
        .insertInto('settings')
        .values({ key: 'desk_config', value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    await put(JSON.stringify({ companyName: '旧版人寿保险股份有限公司', maxAttempts: 2 }));
    expect(await readDeskSettings(store)).toEqual({
      companyName: '旧版人寿保险股份有限公司',
      maxAttempts: 2,
      callingHours: DEFAULT_CALLING_HOURS,
      inboundCallers: 'case',
      trainingAgents: [],
      localAudioDays: 30,
      boardAlerts: DEFAULT_BOARD_ALERT_LIMITS,
    });
    await put(JSON.stringify({ companyName: '旧版人寿保险股份有限公司', maxAttempts: 2, callingHours: { ...DEFAULT_CALLING_HOURS, timeZone: 'Mars/Base' } }));
    expect(await readDeskSettings(store)).toEqual({
      companyName: '旧版人寿保险股份有限公司',
      maxAttempts: 2,
      callingHours: DEFAULT_CALLING_HOURS,
      inboundCallers: 'case',
      trainingAgents: [],
      localAudioDays: 30,
      boardAlerts: DEFAULT_BOARD_ALERT_LIMITS,
    });
  });

  it('refuses agents, anonymous callers and invalid settings with a specific error, changing nothing', async () => {
    const before = (await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value;
    const byAgent = await post(`${center.url}/api/admin/desk-config`, { companyName: '某某人寿', maxAttempts: 2 }, tokens['1001']);
    expect(byAgent.status).toBe(403);
    expect((await get(`${center.url}/api/desk-config`)).status).toBe(401);
    const bad = await post(`${center.url}/api/admin/desk-config`, { companyName: 'X', maxAttempts: 0 }, tokens['9001']);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error)).toMatch(/companyName|maxAttempts/);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual(before);
  });

  it('a demo centre may start with another window (HUIFANG_DEMO_CALLING_HOURS, for tests that dial at any hour); a bad value changes nothing', async () => {
    const store = center.context.store;
    expect(await applyDemoCallingHours(store, '00:00-24:00')).toBeNull();
    expect((await readDeskSettings(store)).callingHours).toMatchObject({ start: '00:00', end: '24:00', timeZone: 'Asia/Shanghai' });
    expect(await applyDemoCallingHours(store, '21:00-09:00')).toMatch(/ignored: .*end 09:00 is not after start 21:00/);
    expect(await applyDemoCallingHours(store, 'always')).toMatch(/ignored: expected HH:MM-HH:MM/);
    expect((await readDeskSettings(store)).callingHours).toMatchObject({ start: '00:00', end: '24:00' });
  });
});
