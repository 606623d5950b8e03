import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { CalendarScreen } from '../../console/features/calendar/calendar-screen';
import { checkSchedule } from '../../console/features/calendar/schedule-check';
import { WallboardScreen } from '../../console/features/wallboard/wallboard-screen';
import { rememberSession } from '../../console/api/client';

// antd under jsdom on a shared machine is slow to mount; the limits only stop a hung test.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const BAD = `{
  "year": 2027,
  "holidays": [
    { "name": "春节", "days": ["2027-02-05", "2027-02-06"] },
    { "name": "补", "days": ["2027-02-06"] }
  ],
  "workdays": ["2027-10-01"]
}`;

const GOOD = `{
  "year": 2027,
  "source": "示例",
  "holidays": [{ "name": "春节", "days": ["2027-02-05", "2027-02-06"] }],
  "workdays": ["2027-02-20"]
}`;

function centre(answer: (method: string, path: string, body: unknown) => unknown) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      calls.push({ method: init.method ?? 'GET', path: String(url), body });
      return new Response(JSON.stringify({ ok: true, value: answer(init.method ?? 'GET', String(url), body) }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  rememberSession(null);
});

describe('the holiday calendar is checked line by line before anything is loaded (README "Holiday schedules")', () => {
  it('a date listed twice and a working day on a statutory holiday are shown at their lines; a missing year has no line', () => {
    const bad = checkSchedule(BAD);
    expect(bad.ok ? [] : bad.errors.map((e) => [e.code, e.line])).toEqual([
      ['duplicate_date', 5],
      ['workday_on_statutory_holiday', 7],
    ]);
    const noYear = checkSchedule('{ "holidays": [], "workdays": [] }');
    expect(noYear.ok ? [] : noYear.errors.map((e) => [e.code, e.line, e.message])).toEqual([['missing_year', null, '缺少年份 year']]);
  });

  it('an admin pastes a bad file: the errors are listed, nothing is sent and loading stays off', async () => {
    const calls = centre(() => ({ years: [] }));
    render(<CalendarScreen />);
    fireEvent.change(screen.getByLabelText('国务院办公厅节假日安排（JSON）'), { target: { value: BAD } });
    fireEvent.click(screen.getByRole('button', { name: /检\s*查/ }));
    expect(await screen.findByText('发现 2 处错误，未载入任何内容')).toBeTruthy();
    expect(screen.getByText('第 5 行')).toBeTruthy();
    expect(screen.getByText('2027-10-01 是法定节假日，不能调为上班日')).toBeTruthy();
    expect(screen.getByRole('button', { name: '载入该年份' }).hasAttribute('disabled')).toBe(true);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('a good file is reviewed on the calendar, then loaded; the cases and orders whose dates moved are listed', async () => {
    const calls = centre((method) =>
      method === 'POST'
        ? {
            year: 2027,
            replaced: false,
            casesChanged: 1,
            workOrdersChanged: 1,
            movedDeadlines: [{ policyNo: 'PH27000001', before: '2027-02-09', after: '2027-02-16' }],
            movedOrders: [{ id: 7, policyNo: 'PW27000001', before: '2027-02-11', after: '2027-02-17' }],
          }
        : { years: [] },
    );
    render(<CalendarScreen />);
    fireEvent.change(screen.getByLabelText('国务院办公厅节假日安排（JSON）'), { target: { value: GOOD } });
    fireEvent.click(screen.getByRole('button', { name: /检\s*查/ }));
    expect(await screen.findByText('2027 年安排检查通过，请核对下方日历后再载入。')).toBeTruthy();
    expect(document.querySelector('[data-date="2027-02-05"]')?.getAttribute('data-kind')).toBe('holiday');
    expect(document.querySelector('[data-date="2027-02-20"]')?.getAttribute('data-kind')).toBe('workday');
    expect(document.querySelector('[data-date="2027-02-08"]')?.getAttribute('data-kind')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '载入该年份' }));
    expect(await screen.findByText('2027 年安排已载入：1 件回访案件、1 张工单的日期已重新计算。')).toBeTruthy();
    expect(screen.getByText('PH27000001')).toBeTruthy();
    expect(screen.getByText('2027-02-17')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/admin/calendar?year=2027');
    expect(post?.body).toEqual(JSON.parse(GOOD));
  });

  it('past loads are listed newest first with how many dates each moved; 查看变动 opens the dates one moved', async () => {
    const summary = {
      id: 'L1',
      year: 2027,
      source: null,
      loadedBy: '9001',
      loadedAt: '2026-12-01T02:00:00.000Z',
      replaced: false,
      casesChanged: 1,
      workOrdersChanged: 0,
      deadlinesMoved: 1,
      ordersMoved: 0,
    };
    const calls = centre((_m, path) =>
      path === '/api/admin/calendar/loads'
        ? { loads: [summary] }
        : path === '/api/admin/calendar/loads/L1'
          ? { ...summary, movedDeadlines: [{ policyNo: 'PH27000009', before: '2027-02-09', after: '2027-02-15' }], movedOrders: [] }
          : { years: [] },
    );
    render(<CalendarScreen />);
    expect(await screen.findByText('2026-12-01T02:00:00.000Z')).toBeTruthy();
    expect(screen.getByText('1 / 0')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '查看变动' }));
    expect(await screen.findByText('2026-12-01T02:00:00.000Z 载入的 2027 年安排')).toBeTruthy();
    expect(screen.getByText('PH27000009')).toBeTruthy();
    expect(screen.getByText('2027-02-15')).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/api/admin/calendar/loads/L1');
  });
});

describe('the wallboard shows the team’s totals for today in big figures and refreshes itself (README "Management reports")', () => {
  it('due today, done today, success so far and cases at risk; a later answer replaces the figures', async () => {
    let done = 3;
    centre(() => ({ team: 'A', today: '2026-03-10', dueToday: 5, doneToday: done++, monthSuccessPct: 87.5, atRisk: 2, riskDays: 2 }));
    render(<WallboardScreen role="team_lead" refreshMs={500} />);
    expect((await screen.findByRole('status', { name: '今日到期' })).textContent).toBe('5');
    expect(screen.getByRole('status', { name: '本月成功率（截至今日）' }).textContent).toBe('87.50%');
    expect(screen.getByRole('status', { name: '临近期限（2 个工作日内）' }).textContent).toBe('2');
    // Each answer counts one more done: the figure shown grows without a reload.
    const first = Number(screen.getByRole('status', { name: '今日完成' }).textContent);
    expect(first).toBeGreaterThanOrEqual(3);
    await vi.waitFor(() => expect(Number(screen.getByRole('status', { name: '今日完成' }).textContent)).toBeGreaterThan(first), { timeout: 10_000 });
    // A lead's board is their own team's: no picker, no list of teams asked for.
    expect(screen.queryByLabelText('班组')).toBeNull();
  });

  it('an administrator picks a team (or the whole centre) and the board shows that team’s totals', async () => {
    const calls = centre((_m, path) =>
      path === '/api/reports/teams'
        ? { teams: ['A', 'B'] }
        : {
            team: path.endsWith('team=B') ? 'B' : null,
            today: '2026-03-10',
            dueToday: path.endsWith('team=B') ? 7 : 12,
            doneToday: 1,
            monthSuccessPct: 90,
            atRisk: 0,
            riskDays: 2,
          },
    );
    render(<WallboardScreen role="admin" />);
    expect((await screen.findByRole('status', { name: '今日到期' })).textContent).toBe('12');
    fireEvent.mouseDown(screen.getByLabelText('班组'));
    fireEvent.click(await screen.findByTitle('班组 B'));
    await vi.waitFor(() => expect(screen.getByRole('status', { name: '今日到期' }).textContent).toBe('7'));
    expect(calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/api/team/wallboard', '/api/reports/teams', '/api/team/wallboard?team=B']));
  });
  it('where the browser has EventSource the board follows the centre’s pushed totals, and says so when the connection drops', async () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource {
      readonly listeners = new Map<string, (e: MessageEvent<string>) => void>();
      onerror: (() => void) | null = null;
      closed = false;
      constructor(readonly url: string) {
        sources.push(this);
      }
      addEventListener(name: string, fn: (e: MessageEvent<string>) => void) {
        this.listeners.set(name, fn);
      }
      close() {
        this.closed = true;
      }
      emit(name: string, data: unknown) {
        act(() => this.listeners.get(name)?.(new MessageEvent(name, { data: JSON.stringify(data) })));
      }
    }
    vi.stubGlobal('EventSource', FakeEventSource);
    const calls = centre(() => ({}));
    const totals = { team: 'A', today: '2026-03-10', dueToday: 5, doneToday: 3, monthSuccessPct: 87.5, atRisk: 2, riskDays: 2 };
    const { unmount } = render(<WallboardScreen role="team_lead" />);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    expect(sources[0]!.url).toBe('/api/team/wallboard/stream');
    sources[0]!.emit('totals', totals);
    expect((await screen.findByRole('status', { name: '今日完成' })).textContent).toBe('3');
    sources[0]!.emit('totals', { ...totals, doneToday: 4 });
    expect(screen.getByRole('status', { name: '今日完成' }).textContent).toBe('4');
    act(() => sources[0]!.onerror?.());
    expect(await screen.findByText(/与中心的连接中断，正在自动重连/)).toBeTruthy();
    expect(screen.getByRole('status', { name: '今日完成' }).textContent).toBe('4');
    expect(calls.filter((c) => c.path.startsWith('/api/team/wallboard'))).toEqual([]);
    unmount();
    expect(sources[0]!.closed).toBe(true);
  });
});
