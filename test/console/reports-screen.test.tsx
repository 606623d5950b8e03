import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { REPORT_TABLES, type ManagementReport, type SuccessTrend } from '../../shared/sync/reports';
import { ReportScreen } from '../../console/features/reports/report-screen';
import { initialPeriod, periodOptions } from '../../console/features/reports/period-options';

// Nine antd tables under jsdom on a shared 2-core machine take seconds to mount and to clean up; the
// limits only stop a hung test, they assert no speed.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// The management report screen (docs/domain.md §8, center/README.md "Management reports"). The
// centre is answered by a fetch stub with the shapes of shared/sync/reports.ts.

const row = (key: string, label: string, due: number, centre: number, branch: number) => ({
  key,
  label,
  due,
  centreSuccess: centre,
  branchSuccess: branch,
  ratePct: due === 0 ? null : Math.round(((centre + branch) / due) * 10_000) / 100,
});

const REPORT: ManagementReport = {
  period: '2026-02',
  team: 'A',
  generatedAt: '2026-03-01T01:00:00Z',
  total: row('total', '合计', 4, 2, 1),
  byChannel: [row('agency', '个险', 3, 2, 0), row('bancassurance', '银保', 1, 0, 1)],
  byBranch: [row('B01', '甲支公司', 4, 2, 1)],
  byAgent: [row('1001', '1001', 4, 2, 1)],
  byProduct: [row('traditional', '传统险', 4, 2, 1)],
  kindRates: [{ resultClass: 'problem', kind: 'forged_signature', cases: 1, ratePct: 25 }],
  forgedBySeller: [{ sellerCode: 'S9', sellerName: '销售九', branchCode: 'B01', cases: 1 }],
  overdueByBranch: [{ branchCode: 'B01', branchName: '甲支公司', open: 2, overdue: 1, closedLate: 0 }],
  lowSuccessAgents: [{ staffNo: '1001', months: [{ period: '2026-02', ratePct: 75 }] }],
  agentActivity: [
    {
      staffNo: '1001',
      calls: 12,
      connected: 9,
      talkSec: 3_720,
      workingSec: 7_200,
      breakSec: 600,
      readySec: 1_800,
      pausedSec: 300,
      inCallSec: 3_000,
      wrapUpSec: 600,
      qaEvaluations: 1,
      qaAvgScore: 88,
      qaPassed: 1,
    },
  ],
};
const TREND: SuccessTrend = {
  year: '2026',
  team: 'A',
  months: [
    { month: '2026-01', due: 2, successes: 1, ratePct: 50 },
    { month: '2026-02', due: 4, successes: 3, ratePct: 75 },
  ],
};

function centre(answers: (path: string) => { status: number; body: unknown }) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(String(url));
      const { status, body } = answers(String(url));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

const ok = (value: unknown) => ({ status: 200, body: { ok: true, value } });

function reportCentre() {
  return centre((path) => {
    if (path.startsWith('/api/reports/trend')) return ok(TREND);
    if (path.startsWith('/api/reports/kept')) return ok([{ period: '2026-01', generatedAt: '2026-02-01T00:10:00Z' }]);
    if (path === '/api/reports/teams') return ok({ teams: ['A', 'B'] });
    return ok(REPORT);
  });
}

describe('the report screen shows the month’s figures, charts and tables, each table exportable (§8)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the success rate by the formula, the trend and breakdown charts, every table and its XLSX link', async () => {
    window.history.replaceState(null, '', '/console/reports?period=2026-02');
    const calls = reportCentre();
    render(<ReportScreen role="team_lead" />);
    await screen.findByText('成功率持续偏低', {}, { timeout: 30_000 });
    expect(document.querySelector('.ant-statistic-content')?.textContent).toBe('75.00%');
    expect(screen.getByText('（回访中心成功 + 机构跟进成功）÷ 应回访件数')).toBeTruthy();
    expect(calls).toEqual(['/api/reports?period=2026-02', '/api/reports/trend?period=2026-02']);
    // Both charts are drawn as SVG by ECharts.
    // getByRole walks antd's whole tree and is slow under jsdom: plain selectors on the accessible names.
    // ECharts draws after its own chunk loads: on a busy machine that can follow the tables.
    for (const name of ['2026 年各月回访成功率', '各渠道、机构回访成功率']) {
      await vi.waitFor(() => expect(document.querySelector(`[role="img"][aria-label="${name}"]`)?.querySelector('svg')).toBeTruthy(), { timeout: 20_000 });
    }
    const links = [...document.querySelectorAll('a[aria-label$="导出 XLSX"]')];
    expect(links).toHaveLength(9);
    // Each table's link exports that table alone (the button above exports the whole workbook).
    expect(links.map((link) => link.getAttribute('href'))).toEqual(REPORT_TABLES.map((k) => `/api/reports/xlsx?period=2026-02&table=${k}`));
    const forged = screen.getByText('代签名件（按销售人员）').closest('.ant-card') as HTMLElement;
    expect(within(forged).getByText('销售九（S9）')).toBeTruthy();
    const activity = screen.getByText('坐席工作量').closest('.ant-card') as HTMLElement;
    expect(within(activity).getByText('成功率持续偏低')).toBeTruthy();
    expect(within(activity).getByText('1 小时 2 分')).toBeTruthy();
    // Kept reports are the department's (admin, department head), not a lead's.
    expect(screen.queryByText('已自动生成的报表')).toBeNull();
  }, 60_000);

  it('an administrator also gets the kept monthly and yearly reports, each downloadable', async () => {
    window.history.replaceState(null, '', '/console/reports?period=2026-02');
    reportCentre();
    render(<ReportScreen role="admin" />);
    const link = await screen.findByText('下载 XLSX', { selector: 'a' }, { timeout: 20_000 });
    expect(link.getAttribute('href')).toBe('/api/reports/kept/2026-01');
    expect(screen.getByText('2026 年 1 月')).toBeTruthy();
  }, 60_000);

  it('an administrator narrows the report to one team: the report, its trend and its XLSX are that team’s', async () => {
    window.history.replaceState(null, '', '/console/reports?period=2026-02');
    const calls = reportCentre();
    render(<ReportScreen role="admin" />);
    await screen.findByText('成功率持续偏低', {}, { timeout: 30_000 });
    fireEvent.mouseDown(screen.getByLabelText('班组'));
    fireEvent.click(await screen.findByTitle('班组 B'));
    await vi.waitFor(() => expect(calls).toContain('/api/reports/trend?period=2026-02&team=B'), { timeout: 30_000 });
    expect(calls).toContain('/api/reports?period=2026-02&team=B');
    await vi.waitFor(
      () => expect(document.querySelector('a[aria-label$="导出 XLSX"]')?.getAttribute('href')).toBe('/api/reports/xlsx?period=2026-02&team=B&table=by_channel'),
      {
        timeout: 30_000,
      },
    );
  }, 60_000);

  it('a future period in the address gets the centre’s explanation, not an empty report', async () => {
    window.history.replaceState(null, '', '/console/reports?period=2030-01');
    centre(() => ({
      status: 400,
      body: { ok: false, error: { code: 'invalid_request', message: { zh: '报表期间 2030-01 尚未开始（今天是 2026-03-10）', en: 'x' } } },
    }));
    render(<ReportScreen role="team_lead" />);
    expect(await screen.findByText('报表期间 2030-01 尚未开始（今天是 2026-03-10）')).toBeTruthy();
    expect(document.querySelector('[data-chart]')).toBeNull();
  }, 30_000);

  it('the picker offers this month and earlier months, or this year and earlier years, never a period not begun', () => {
    const today = new Date(2026, 0, 15);
    expect(periodOptions('month', today).slice(0, 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(periodOptions('month', today)).toHaveLength(24);
    expect(periodOptions('year', today)).toEqual(['2026', '2025', '2024', '2023', '2022']);
    expect(initialPeriod('', today)).toBe('2026-01');
    expect(initialPeriod('?period=2025', today)).toBe('2025');
  });
});
