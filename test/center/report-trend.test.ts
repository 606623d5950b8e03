import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, startTestCenter, type TestCenter } from './support/in-process-center';
import { storeHandCases } from './support/report-data';
import { hashPassword } from '../../center/auth/password';
import { upsertUser } from '../../center/store/users-repo';

// The success-rate trend behind the console's report chart and the department head's reading of the
// reports (center/README.md "Management reports", docs/domain.md §8). The test centre's today is 2026-03-10.
const engines = await enginesUnderTest();

describe.each(engines)('success-rate trend and department-wide reports on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    await upsertUser(store, {
      staffNo: '8001',
      name: '部门负责人',
      role: 'dept_head',
      team: 'A',
      languages: ['mandarin'],
      passwordHash: await hashPassword('secret-pass-1'),
    });
    await storeHandCases(store, [
      {
        no: 'TR000001',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-01-05',
        status: 'completed',
        result: 'standard',
        agent: '1001',
      },
      {
        no: 'TR000002',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-01-06',
        status: 'completed',
        result: 'problem',
        agent: '1001',
      },
      {
        no: 'TR000003',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-02-03',
        status: 'completed',
        result: 'standard',
        agent: '1001',
      },
      {
        no: 'TR000004',
        channel: 'agency',
        branch: 'B02',
        design: 'dividend',
        deadline: '2026-03-04',
        status: 'completed',
        result: 'substandard',
        agent: '1002',
      },
      {
        no: 'TR000005',
        team: 'B',
        channel: 'agency',
        branch: 'B02',
        design: 'dividend',
        deadline: '2026-02-04',
        status: 'completed',
        result: 'problem',
        agent: '1101',
      },
    ]);
    for (const s of ['2001', '9001', '8001', '1001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(() => center?.close());

  it('gives one point per month of the year up to the period, each equal to that month’s report total (§8)', async () => {
    const r = await get(`${center.url}/api/reports/trend?period=2026`, tokens['2001']);
    expect(r.status).toBe(200);
    // Today is 10 March: April to December have not begun and are not drawn as zero.
    expect(r.json.value).toEqual({
      year: '2026',
      team: 'A',
      months: [
        { month: '2026-01', due: 2, successes: 1, ratePct: 50 },
        { month: '2026-02', due: 1, successes: 1, ratePct: 100 },
        { month: '2026-03', due: 1, successes: 1, ratePct: 100 },
      ],
    });
    const feb = (await get(`${center.url}/api/reports?period=2026-02`, tokens['2001'])).json.value;
    expect(feb.total.ratePct).toBe(100);
    const upToFeb = await get(`${center.url}/api/reports/trend?period=2026-02`, tokens['2001']);
    expect(upToFeb.json.value.months.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02']);
  });

  it('the department head reads every team’s report, its XLSX and the kept reports, like an admin', async () => {
    const trend = (await get(`${center.url}/api/reports/trend?period=2026-02`, tokens['8001'])).json.value;
    expect(trend.team).toBeNull();
    expect(trend.months[1]).toEqual({ month: '2026-02', due: 2, successes: 1, ratePct: 50 });
    const rep = await get(`${center.url}/api/reports?period=2026-02&team=B`, tokens['8001']);
    expect(rep.json.value.total.due).toBe(1);
    const xlsx = await fetch(`${center.url}/api/reports/xlsx?period=2026-02`, { headers: { authorization: `Bearer ${tokens['8001']}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await get(`${center.url}/api/reports/kept`, tokens['8001'])).status).toBe(200);
  });

  it('bad input is refused clearly: a malformed or future period, an agent, another team for a lead', async () => {
    const malformed = await get(`${center.url}/api/reports/trend?period=2026-13`, tokens['9001']);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message.zh).toContain('YYYY-MM');
    const future = await get(`${center.url}/api/reports/trend?period=2027`, tokens['9001']);
    expect(future.json.error.message.zh).toContain('尚未开始');
    expect((await get(`${center.url}/api/reports/trend?period=2026`, tokens['1001'])).status).toBe(403);
    expect((await get(`${center.url}/api/reports/trend?period=2026&team=B`, tokens['2001'])).json.error.code).toBe('wrong_team');
  });
});
