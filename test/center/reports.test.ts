import { enginesUnderTest } from './support/engines';
import { get, loginAs, startTestCenter, type TestCenter } from './support/in-process-center';
import { download, rowValues, storeHandCases, storeHandOrders } from './support/report-data';
import { keepDueReports, keepReport } from '../../center/reports/kept-reports';
import { resolvePeriod, type PeriodRange } from '../../center/reports/report-period';
import { LOW_SUCCESS_MONTHS_KEY, LOW_SUCCESS_PCT_KEY } from '../../center/reports/build-report';

// Management reports, docs/domain.md §8; definitions in center/README.md "Management reports".
// The test centre's today is 2026-03-10; the reported month is February 2026.
const engines = await enginesUnderTest();

describe.each(engines)('management reports on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    await storeHandCases(store, [
      {
        no: 'RP000001',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-02-03',
        status: 'completed',
        result: 'standard',
        agent: '1001',
      },
      {
        no: 'RP000002',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-02-10',
        status: 'completed',
        result: 'substandard',
        agent: '1001',
      },
      {
        no: 'RP000003',
        channel: 'bancassurance',
        branch: 'B02',
        design: 'dividend',
        deadline: '2026-02-12',
        status: 'completed',
        result: 'problem',
        agent: '1002',
      },
      {
        no: 'RP000004',
        channel: 'bancassurance',
        branch: 'B02',
        design: 'dividend',
        deadline: '2026-02-14',
        status: 'awaiting_branch',
        result: 'verification',
        agent: '1002',
      },
      { no: 'RP000005', channel: 'agency', branch: 'B01', design: 'universal', deadline: '2026-02-20', status: 'completed', result: 'problem', agent: '1001' },
      { no: 'RP000006', channel: 'agency', branch: 'B01', design: 'traditional', deadline: '2026-02-21', status: 'closed' },
      {
        no: 'RP000007',
        team: 'B',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-02-22',
        status: 'completed',
        result: 'standard',
        agent: '1101',
      },
      {
        no: 'RP000008',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-03-20',
        status: 'completed',
        result: 'problem',
        agent: '1001',
      },
      { no: 'RP000009', channel: 'bancassurance', branch: 'B02', design: 'traditional', deadline: '2026-02-28', status: 'in_progress', agent: '1002' },
      {
        no: 'RP000010',
        channel: 'bancassurance',
        branch: 'B02',
        design: 'dividend',
        deadline: '2026-03-25',
        status: 'completed',
        result: 'problem',
        agent: '1002',
      },
      {
        no: 'RP000012',
        channel: 'agency',
        branch: 'B01',
        design: 'traditional',
        deadline: '2026-01-15',
        status: 'awaiting_branch',
        result: 'verification',
        agent: '1002',
      },
      { no: 'RP000013', channel: 'agency', branch: 'B01', design: 'traditional', deadline: '2026-03-10', status: 'pending' },
    ]);
    await storeHandOrders(store, 'A', [
      { no: 'RP000002', category: 'substandard', kinds: ['risk_notice'], branch: 'B01', from: '2026-02-02', due: '2026-02-10', closedOn: '2026-02-05' },
      {
        no: 'RP000003',
        category: 'problem',
        kinds: ['forged_signature'],
        branch: 'B02',
        from: '2026-02-11',
        due: '2026-02-25',
        closedOn: '2026-02-20',
        seller: 'S9',
      },
      { no: 'RP000004', category: 'verification', kinds: ['wrong_number'], branch: 'B02', from: '2026-02-12', due: '2026-02-15' },
      { no: 'RP000005', category: 'problem', kinds: ['mis_selling_risk'], branch: 'B01', from: '2026-02-19', due: '2026-02-26', closedOn: '2026-03-01' },
      { no: 'RP000008', category: 'problem', kinds: ['communication'], branch: 'B01', from: '2026-02-05', due: '2026-02-12', closedOn: '2026-02-20' },
      { no: 'RP000010', category: 'problem', kinds: ['prob_forged_signature'], branch: 'B02', from: '2026-02-10', due: '2026-03-05', seller: 'S9' },
    ]);
    await store.db
      .insertInto('settings')
      .values([
        { key: LOW_SUCCESS_PCT_KEY, value: '60' },
        { key: LOW_SUCCESS_MONTHS_KEY, value: '2' },
      ])
      .execute();
    for (const s of ['2001', '2101', '9001', '1001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center?.close());

  it('success rate = (centre successes + branch follow-up successes) / cases due, per channel, branch, agent and product (§8)', async () => {
    const r = await get(`${center.url}/api/reports?period=2026-02`, tokens['2001']);
    expect(r.status).toBe(200);
    const rep = r.json.value;
    expect(rep.team).toBe('A');
    // Due in February, team A, not closed elsewhere: RP1 RP2 RP3 RP4 RP5 RP9 = 6 (RP6 closed, RP7 team B, RP8 March).
    // Centre: RP1 standard, RP2 substandard = 2. Branch: RP3's order closed 02-20 ≤ due 02-25 = 1
    // (RP5's closed after its due date). (2 + 1) / 6 = 50 %.
    expect(rep.total).toMatchObject({ due: 6, centreSuccess: 2, branchSuccess: 1, ratePct: 50 });
    // agency RP1 RP2 RP5: 2/3; bancassurance RP3 RP4 RP9: 1/3.
    expect(rep.byChannel.map((x: { key: string; label: string; due: number; ratePct: number }) => [x.key, x.label, x.due, x.ratePct])).toEqual([
      ['agency', '个险', 3, 66.67],
      ['bancassurance', '银保', 3, 33.33],
    ]);
    expect(rep.byBranch.map((x: { key: string; ratePct: number }) => [x.key, x.ratePct])).toEqual([
      ['B01', 66.67],
      ['B02', 33.33],
    ]);
    // 1001: RP1 RP2 RP5 → 2/3; 1002: RP3 (branch) RP4 RP9 → 1/3.
    expect(
      rep.byAgent.map((x: { key: string; centreSuccess: number; branchSuccess: number; ratePct: number }) => [
        x.key,
        x.centreSuccess,
        x.branchSuccess,
        x.ratePct,
      ]),
    ).toEqual([
      ['1001', 2, 0, 66.67],
      ['1002', 0, 1, 33.33],
    ]);
    // traditional RP1 RP2 RP9 → 2/3; dividend RP3 RP4 → 1/2; universal RP5 → 0/1.
    expect(rep.byProduct.map((x: { key: string; due: number; ratePct: number }) => [x.key, x.due, x.ratePct])).toEqual([
      ['dividend', 2, 50],
      ['traditional', 3, 66.67],
      ['universal', 1, 0],
    ]);
  });

  it('problem and substandard rates by kind, forged signatures per selling agent, overdue orders per branch (§8)', async () => {
    const rep = (await get(`${center.url}/api/reports?period=2026-02`, tokens['2001'])).json.value;
    // Each kind once among the 6 due: 1/6 = 16.67 %; RP8's order is not about a February case.
    expect(rep.kindRates).toEqual([
      { resultClass: 'problem', kind: 'forged_signature', cases: 1, ratePct: 16.67 },
      { resultClass: 'problem', kind: 'mis_selling_risk', cases: 1, ratePct: 16.67 },
      { resultClass: 'substandard', kind: 'risk_notice', cases: 1, ratePct: 16.67 },
    ]);
    // Orders raised in February naming a forged signature: RP3 and RP10 (prefixed code), both seller S9.
    expect(rep.forgedBySeller).toEqual([{ sellerCode: 'S9', sellerName: '销售九', branchCode: 'B02', cases: 2 }]);
    // As of 02-28. B01: RP5 open (closed 03-01) and past 02-26 → open 1, overdue 1; RP8 closed 02-20 after 02-12 → late 1.
    // B02: RP4 open, past 02-15; RP10 open, due 03-05 → open 2, overdue 1.
    expect(rep.overdueByBranch).toEqual([
      { branchCode: 'B01', branchName: '甲支公司', open: 1, overdue: 1, closedLate: 1 },
      { branchCode: 'B02', branchName: '乙支公司', open: 2, overdue: 1, closedLate: 0 },
    ]);
  });

  it('an agent below the low-success setting in consecutive months is flagged; one month above clears it (§8)', async () => {
    const rep = (await get(`${center.url}/api/reports?period=2026-02`, tokens['2001'])).json.value;
    // Setting: below 60 % in 2 months. 1002: January RP12 0/1 = 0 %, February 33.33 %. 1001: February 66.67 %.
    expect(rep.lowSuccessAgents).toEqual([
      {
        staffNo: '1002',
        months: [
          { period: '2026-01', ratePct: 0 },
          { period: '2026-02', ratePct: 33.33 },
        ],
      },
    ]);
  });

  it('an admin without a team sees every team: team B’s case counts too', async () => {
    const rep = (await get(`${center.url}/api/reports?period=2026-02`, tokens['9001'])).json.value;
    expect(rep.team).toBeNull();
    expect(rep.total).toMatchObject({ due: 7, centreSuccess: 3, branchSuccess: 1, ratePct: 57.14 });
  });

  it('department-wide readers get the teams to narrow a report to; a lead, whose report is their own team’s, does not', async () => {
    const r = await get(`${center.url}/api/reports/teams`, tokens['9001']);
    expect(r.json.value.teams).toEqual(expect.arrayContaining(['A', 'B']));
    expect(r.json.value.teams).toEqual([...r.json.value.teams].sort());
    expect((await get(`${center.url}/api/reports/teams`, tokens['2001'])).status).toBe(403);
    expect((await get(`${center.url}/api/reports?period=2026-02&team=B`, tokens['9001'])).json.value.team).toBe('B');
  });

  it('the XLSX has title, period, generation time, zh-CN headers, the rows and a totals row (§8)', async () => {
    const wb = await download(`${center.url}/api/reports/xlsx?period=2026-02`, tokens['2001']);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '按渠道',
      '按机构',
      '按坐席',
      '按险种',
      '问题件与次标准件',
      '冒签',
      '工单逾期',
      '坐席工作量',
      '持续低成功率坐席',
    ]);
    const ws = wb.getWorksheet('按坐席')!;
    expect(ws.getCell('A1').value).toBe('回访成功率（按回访坐席）');
    expect(ws.getCell('A2').value).toBe('统计期间：2026-02');
    expect(String(ws.getCell('A3').value)).toMatch(/^生成时间：\d{4}-\d{2}-\d{2}T/);
    expect(rowValues(ws, 5)).toEqual(['坐席工号', '名称', '应回访件数', '回访中心成功件数', '机构跟进成功件数', '回访成功率（%）']);
    expect(rowValues(ws, 6)).toEqual(['1001', '1001', 3, 2, 0, 66.67]);
    expect(rowValues(ws, 7)).toEqual(['1002', '1002', 3, 0, 1, 33.33]);
    expect(rowValues(ws, 8)).toEqual(['合计', '', 6, 2, 1, 50]);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(18); // 回访中心成功件数: 8 CJK characters
    const orders = wb.getWorksheet('工单逾期')!;
    expect(rowValues(orders, 8)).toEqual(['合计', '', 3, 2, 1]);
  });

  it('one table exports alone, as the same sheet with its title and totals; an unknown table is refused (§8)', async () => {
    const one = await download(`${center.url}/api/reports/xlsx?period=2026-02&table=by_agent`, tokens['2001']);
    expect(one.worksheets.map((w) => w.name)).toEqual(['按坐席']);
    expect(rowValues(one.getWorksheet('按坐席')!, 8)).toEqual(['合计', '', 6, 2, 1, 50]);
    const bad = await get(`${center.url}/api/reports/xlsx?period=2026-02&table=everything`, tokens['2001']);
    expect([bad.status, bad.json.error.issues[0].path]).toEqual([400, 'table']);
  });

  it('bad input is refused clearly: bad period, a month not yet begun, another team for a lead, agents', async () => {
    for (const bad of ['2026-13', 'feb', '2026-2', '']) {
      const r = await get(`${center.url}/api/reports?period=${bad}`, tokens['2001']);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('invalid_request');
      expect(r.json.error.message.en).toMatch(/YYYY-MM/);
    }
    const future = await get(`${center.url}/api/reports?period=2026-04`, tokens['2001']);
    expect(future.status).toBe(400);
    expect(future.json.error.message.en).toMatch(/has not started yet/);
    expect((await get(`${center.url}/api/reports?period=2027`, tokens['9001'])).status).toBe(400);
    const other = await get(`${center.url}/api/reports?period=2026-02&team=B`, tokens['2001']);
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('wrong_team');
    expect((await get(`${center.url}/api/team/wallboard?team=A`, tokens['2101'])).json.error.code).toBe('wrong_team');
    expect((await get(`${center.url}/api/reports?period=2026-02`, tokens['1001'])).status).toBe(403);
    expect((await get(`${center.url}/api/reports/kept`, tokens['2001'])).status).toBe(403);
    expect((await get(`${center.url}/api/reports/kept/2026-99`, tokens['9001'])).status).toBe(400);
  });

  it('wallboard: due today, done today, this month’s success so far, cases at deadline risk (own team)', async () => {
    await center.context.store.db
      .insertInto('sync_items')
      .values({
        id: 'wb-1',
        kind: 'result',
        policy_no: 'RP000001',
        staff_no: '1001',
        payload: '{}',
        digest: 'x',
        occurred_at: '2026-03-10T09:00:00+08:00',
        received_at: '2026-03-10T01:00:01.000Z',
      })
      .execute();
    const r = await get(`${center.url}/api/team/wallboard`, tokens['2001']);
    // Due today: RP13 (pending, deadline 03-10). Done today: RP1's result. March so far: RP13 only, not done → 0 %.
    // At risk: open cases due 03-10…03-12: RP13.
    expect(r.json.value).toEqual({ team: 'A', today: '2026-03-10', dueToday: 1, doneToday: 1, monthSuccessPct: 0, atRisk: 1, riskDays: 2 });
  });

  it('the monthly job keeps last month’s and last year’s report once, across reruns and a racing second run (§8)', async () => {
    const store = center.context.store;
    const range = resolvePeriod('2026-02', '2026-03-10') as PeriodRange;
    const raced = await Promise.all([keepReport(store, range, '2026-03-10'), keepReport(store, range, '2026-03-10')]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await keepDueReports(store, '2026-03-10')).toEqual(['2025']);
    expect(await keepDueReports(store, '2026-03-10')).toEqual([]);
    const list = await get(`${center.url}/api/reports/kept`, tokens['9001']);
    expect(list.json.value.map((x: { period: string }) => x.period)).toEqual(['2026-02', '2025']);
    const figures = await get(`${center.url}/api/reports/kept/2026-02?format=json`, tokens['9001']);
    expect(figures.json.value.total).toMatchObject({ due: 7, ratePct: 57.14 });
    const wb = await download(`${center.url}/api/reports/kept/2026-02`, tokens['9001']);
    expect(rowValues(wb.getWorksheet('按渠道')!, 2)).toEqual(['统计期间：2026-02', '回访组：全部']);
    expect((await get(`${center.url}/api/reports/kept/2024-01`, tokens['9001'])).status).toBe(404);
  });
});
