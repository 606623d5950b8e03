import 'fake-indexeddb/auto';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveAgent, LiveState, TeamLiveResponse } from '../../../../shared/sync';
import { App } from '../../../../renderer/app/app';
import { INITIAL_VISIT } from '../../../../renderer/features/visit/visit-state';
import { useVisitStore } from '../../../../renderer/features/visit/visit-store';
import { LiveBoard } from '../../../../renderer/features/live/live-board';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { emitFakeEvent, fakeHandlers } from '../../../setup/fake-huifang';
import { fakeSignedIn } from '../../support/fake-signed-in';
import { freshDb } from '../../data/test-db';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function state(over: Partial<LiveState>): LiveState {
  return { status: 'ready', statusSince: ago(5_000), pauseReason: null, case: null, call: null, script: null, updatedAt: ago(1_000), ...over };
}

function agent(staffNo: string, s: LiveState | null, stale = false): LiveAgent {
  return { staffNo, name: `中心名${staffNo}`, state: s, receivedAt: s ? ago(1_000) : null, stale };
}

/** Team A: one in a call on question 3, one wrapping up for 3 minutes, one paused 20 minutes, one ready, one stale, one signed out. */
function teamA(): TeamLiveResponse {
  return {
    team: 'A',
    at: new Date().toISOString(),
    agents: [
      agent('1001', state({ status: 'ready' })),
      agent(
        '1002',
        state({
          status: 'wrap_up',
          statusSince: ago(3 * 60_000),
          case: { policyNo: 'P2026000002', kind: 'new' },
          script: { stepId: null, stepIndex: 4, questionText: null, lastAnswer: null, endReason: 'hung_up' },
        }),
      ),
      agent('1003', state({ status: 'paused', statusSince: ago(20 * 60_000), pauseReason: 'meal' })),
      agent('1004', null),
      agent(
        '1005',
        state({
          status: 'in_call',
          statusSince: ago(65_000),
          case: { policyNo: 'P2026000005', kind: 'verification' },
          call: { phase: 'connected', since: ago(65_000) },
          script: {
            stepId: 'insurance_nature',
            stepIndex: 3,
            questionText: '请问您是否清楚，您购买的测试终身寿险是一份人身保险产品？',
            lastAnswer: { stepId: 'consent', answer: 'yes' },
          },
        }),
      ),
      agent('1006', state({ status: 'ready' }), true),
    ],
  };
}

let board: TeamLiveResponse;
const reads = vi.fn();

function installBoardHost() {
  board = teamA();
  reads.mockClear();
  fakeHandlers.set('center:teamLive', (req) => {
    reads(req);
    return { kind: 'ok', live: board };
  });
  fakeHandlers.set('center:roster', () => ({
    kind: 'ok',
    roster: {
      team: 'A',
      members: ['1001', '1002', '1003', '1004', '1005', '1006'].map((n) => ({ staffNo: n, name: `坐席${n}`, role: 'agent', languages: ['mandarin'] })),
    },
  }));
}

const rows = () =>
  within(screen.getByRole('grid', { name: '坐席实时状态' }))
    .getAllByRole('row')
    .slice(1);
const rowOf = (staffNo: string) => rows().find((r) => r.getAttribute('data-staff') === staffNo)!;

describe('live board (坐席实时监控)', () => {
  beforeEach(installBoardHost);

  it('shows one row per agent, sorted by status then staff number, with roster names, times, call, question and last answer', async () => {
    render(<LiveBoard onExit={() => undefined} />);
    await screen.findByRole('grid', { name: '坐席实时状态' });
    await vi.waitFor(() => expect(rowOf('1005')).toHaveTextContent('坐席1005'));
    expect(rows().map((r) => r.getAttribute('data-staff'))).toEqual(['1005', '1002', '1003', '1001', '1006', '1004']);
    const inCall = rowOf('1005');
    expect(inCall).toHaveTextContent('通话中');
    expect(inCall).toHaveTextContent('P2026000005');
    expect(inCall).toHaveTextContent(/通话中 01:0[5-7]/);
    expect(inCall).toHaveTextContent('第 3 步 请问您是否清楚，您购买的测试终身寿险是一份人身保险产品？');
    expect([...inCall.querySelectorAll('td')].at(-1)).toHaveTextContent(/^是$/);
    expect(rowOf('1002')).toHaveTextContent('话术已结束，结束原因：客户挂断');
    expect(rowOf('1003')).toHaveTextContent('示忙（用餐）');
    expect(rowOf('1006')).toHaveTextContent('离线/未上报');
    expect(rowOf('1004')).toHaveTextContent('未登录');
    expect(screen.getByRole('heading', { name: '坐席实时监控（A）' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /监听/ })).toBeNull();
  });

  it('highlights wrap-up over 2 minutes and pauses over 15 minutes, and nothing else', async () => {
    render(<LiveBoard onExit={() => undefined} />);
    await screen.findByRole('grid', { name: '坐席实时状态' });
    expect(rowOf('1002')).toHaveClass('is-alert');
    expect(rowOf('1002')).toHaveTextContent('整理超过 2 分钟');
    expect(rowOf('1003')).toHaveClass('is-alert');
    expect(rowOf('1003')).toHaveTextContent('示忙超过 15 分钟');
    for (const n of ['1001', '1004', '1005', '1006']) expect(rowOf(n)).not.toHaveClass('is-alert');
  });

  it('time in status ticks on screen', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      render(<LiveBoard onExit={() => undefined} />);
      await screen.findByRole('grid', { name: '坐席实时状态' });
      const before = rowOf('1001').textContent;
      await act(async () => vi.advanceTimersByTimeAsync(3_000));
      expect(rowOf('1001').textContent).not.toBe(before);
      expect(rowOf('1001')).toHaveTextContent(/就绪 00:0[7-9]/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads again when an older centre announces a live change without the state, and ↑/↓ select rows, Esc leaves', async () => {
    const onExit = vi.fn();
    const user = userEvent.setup();
    render(<LiveBoard onExit={onExit} />);
    await screen.findByRole('grid', { name: '坐席实时状态' });
    board = {
      ...board,
      agents: board.agents.map((a) =>
        a.staffNo === '1001'
          ? agent('1001', state({ status: 'in_call', case: { policyNo: 'P2026000001', kind: 'new' }, call: { phase: 'ringing', since: ago(2_000) } }))
          : a,
      ),
    };
    act(() => emitFakeEvent('center:live', { staffNo: '1001' }));
    // At most one read per second (each read is audited): the notice is served within that.
    await vi.waitFor(() => expect(rowOf('1001')).toHaveTextContent('振铃中'), { timeout: 3_000 });
    expect(reads).toHaveBeenCalledTimes(2);
    expect(rows()[0].getAttribute('data-staff')).toBe('1001');
    await user.keyboard('{ArrowDown}');
    expect(rows()[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(rows()[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}');
    expect(rows()[1]).toHaveAttribute('aria-selected', 'true');
    expect(rows().filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('shows a pushed change on its row at once without reading the team; an agent not on the board yet makes it read (README: live board)', async () => {
    render(<LiveBoard onExit={() => undefined} />);
    await screen.findByRole('grid', { name: '坐席实时状态' });
    expect(reads).toHaveBeenCalledTimes(1);
    const ringing = state({ status: 'in_call', case: { policyNo: 'P2026000001', kind: 'new' }, call: { phase: 'ringing', since: ago(2_000) } });
    act(() => emitFakeEvent('center:live', { staffNo: '1001', update: { state: ringing, receivedAt: ago(0) } }));
    expect(rowOf('1001')).toHaveTextContent('振铃中');
    act(() => emitFakeEvent('center:live', { staffNo: '1003', update: { state: null, receivedAt: null } }));
    expect(rowOf('1003')).not.toHaveTextContent('示忙');
    expect(reads).toHaveBeenCalledTimes(1);
    board = { ...board, agents: [...board.agents, agent('1007', state({ status: 'paused', pauseReason: 'meal' }))] };
    act(() => emitFakeEvent('center:live', { staffNo: '1007', update: { state: state({ status: 'paused', pauseReason: 'meal' }), receivedAt: ago(0) } }));
    await vi.waitFor(() => expect(rowOf('1007')).toBeDefined(), { timeout: 3_000 });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('says why when the centre cannot be reached', async () => {
    fakeHandlers.set('center:teamLive', () => ({ kind: 'offline', message: '无法连接回访中心' }));
    render(<LiveBoard onExit={() => undefined} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('无法读取坐席状态：无法连接回访中心');
  });
});

async function signInTo(staffNo: string, role: string) {
  fakeSignedIn(staffNo, role);
  const user = userEvent.setup();
  render(<App parts={() => ({ db: freshDb(), softphone: () => null, startRecording: null })} />);
  await user.type(screen.getByLabelText('工号'), staffNo);
  await user.type(screen.getByLabelText('密码'), 'demo1234');
  await user.keyboard('{Enter}');
  // Leads land on their team view, agents on their queue.
  await (role === 'agent' ? screen.findByRole('listbox', { name: '待回访队列' }) : teamView());
  return user;
}

const teamView = () => screen.findByRole('heading', { name: /^班组工作台/ });

describe('who reaches the live board (F10)', () => {
  beforeEach(() => {
    installBoardHost();
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
  });

  it('a team lead opens it from the team view with F10 or the button beside the replay switch; Esc and F10 return', async () => {
    const user = await signInTo('2001', 'team_lead');
    const open = screen.getByRole('button', { name: '坐席监控（F10）' });
    expect(open.parentElement).toBe(screen.getByRole('button', { name: '录音回放（F9）' }).parentElement);
    await user.keyboard('{F10}');
    expect(await screen.findByRole('heading', { name: /^坐席实时监控/ })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^班组工作台/ })).toBeNull();
    await screen.findByRole('grid', { name: '坐席实时状态' });
    await user.keyboard('{Escape}');
    expect(await teamView()).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '坐席监控（F10）' }));
    await screen.findByRole('heading', { name: /^坐席实时监控/ });
    await user.keyboard('{F10}');
    expect(await teamView()).toBeInTheDocument();
  });

  it('is not offered mid-visit: F10 does nothing while a case is open', async () => {
    const user = await signInTo('2001', 'team_lead');
    act(() => useVisitStore.setState({ visit: { ...INITIAL_VISIT, phase: 'case' } }));
    await user.keyboard('{F10}');
    expect(screen.queryByRole('heading', { name: /^坐席实时监控/ })).toBeNull();
    act(() => useVisitStore.setState({ visit: INITIAL_VISIT }));
  });

  it('an agent has no board: no button, F10 does nothing, and nothing is read from the centre', async () => {
    const user = await signInTo('1001', 'agent');
    expect(screen.queryByRole('button', { name: '坐席监控（F10）' })).toBeNull();
    await user.keyboard('{F10}');
    expect(screen.queryByRole('heading', { name: /^坐席实时监控/ })).toBeNull();
    expect(reads).not.toHaveBeenCalled();
  });
});
