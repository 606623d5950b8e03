import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveAgent, LiveState } from '../../../../shared/sync';
import { LiveBoard } from '../../../../renderer/features/live/live-board';
import { resetMonitorStore, useMonitorStore } from '../../../../renderer/features/monitor/monitor-store';
import { fakeHandlers } from '../../../setup/fake-huifang';

// The board's listen-in controls with the softphone's listen-in line replaced: `listen` / `stopListening` drive the
// monitor slice the way the real MonitorListener does (its SIP side: monitor-listener.test.ts).
const phone = vi.hoisted(() => ({ listen: vi.fn(), stopListening: vi.fn() }));
vi.mock('../../../../renderer/features/monitor/monitor-line', () => ({ currentMonitorLine: () => phone }));

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const state = (over: Partial<LiveState>): LiveState => ({
  status: 'ready',
  statusSince: ago(5_000),
  pauseReason: null,
  case: null,
  call: null,
  script: null,
  updatedAt: ago(1_000),
  ...over,
});
const inCall = (sipUri: string | undefined, phase: 'connected' | 'ringing' = 'connected') =>
  state({ status: 'in_call', case: { policyNo: 'P2026000005', kind: 'new' }, call: { phase, since: ago(30_000) }, ...(sipUri ? { sipUri } : {}) });
const agent = (staffNo: string, s: LiveState | null, stale = false): LiveAgent => ({
  staffNo,
  name: `中心名${staffNo}`,
  state: s,
  receivedAt: s ? ago(1_000) : null,
  stale,
});

beforeEach(() => {
  resetMonitorStore();
  phone.listen.mockReset().mockImplementation(async (staffNo: string, name: string) => {
    useMonitorStore.getState().dispatch({ type: 'requesting', agent: staffNo, agentName: name });
    useMonitorStore.getState().dispatch({ type: 'connecting' });
    useMonitorStore.getState().dispatch({ type: 'listening', at: Date.now() });
    return true;
  });
  phone.stopListening.mockReset().mockImplementation(async () => useMonitorStore.getState().dispatch({ type: 'ended', level: 'info', text: '已停止监听' }));
  fakeHandlers.set('center:teamLive', () => ({
    kind: 'ok',
    live: {
      team: 'A',
      at: new Date().toISOString(),
      agents: [
        agent('1001', inCall('sip:1002@127.0.0.1')),
        agent('1002', inCall(undefined)),
        agent('1003', inCall('sip:1004@127.0.0.1', 'ringing')),
        agent('1004', state({})),
        agent('1005', inCall('sip:1005@127.0.0.1'), true),
      ],
    },
  }));
  fakeHandlers.set('center:roster', () => ({
    kind: 'ok',
    roster: { team: 'A', members: [{ staffNo: '1001', name: '坐席甲', role: 'agent', languages: ['mandarin'] }] },
  }));
});

const rowOf = (staffNo: string) =>
  within(screen.getByRole('grid', { name: '坐席实时状态' }))
    .getAllByRole('row')
    .find((r) => r.getAttribute('data-staff') === staffNo)!;

describe('listen-in on the live board', () => {
  it('offers 监听 only for a fresh connected call whose desk published its address; shows the L shortcut', async () => {
    render(<LiveBoard onExit={() => undefined} />);
    await vi.waitFor(() => expect(rowOf('1001')).toHaveTextContent('坐席甲'));
    expect(within(rowOf('1001')).getByRole('button', { name: '监听 1001 坐席甲（L）' })).toBeEnabled();
    for (const other of ['1002', '1003', '1004', '1005']) expect(within(rowOf(other)).queryByRole('button', { name: /监听/ })).toBeNull();
    expect(screen.getByText(/L 监听所选通话中的坐席/)).toBeInTheDocument();
  });

  it('L on the selected row listens; the board shows 监听中 with 停止监听（Esc）; Esc stops first, a second Esc leaves', async () => {
    const onExit = vi.fn();
    const user = userEvent.setup();
    render(<LiveBoard onExit={onExit} />);
    await vi.waitFor(() => expect(rowOf('1001')).toHaveTextContent('坐席甲'));
    await user.keyboard('l'); // nothing selected yet: nothing happens
    expect(phone.listen).not.toHaveBeenCalled();
    await user.keyboard('{ArrowDown}');
    expect(rowOf('1001')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('l');
    expect(phone.listen).toHaveBeenCalledWith('1001', '坐席甲');
    const status = screen.getByRole('status', { name: '组长监听' });
    await vi.waitFor(() => expect(status).toHaveTextContent(/监听中：1001 坐席甲 00:0\d/));
    expect(within(status).getByRole('button', { name: '停止监听（Esc）' })).toBeInTheDocument();
    expect(within(rowOf('1001')).getByRole('button', { name: /监听 1001/ })).toBeDisabled();

    await user.keyboard('{Escape}');
    expect(phone.stopListening).toHaveBeenCalledTimes(1);
    expect(onExit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(status).toHaveTextContent('已停止监听'));
    await user.keyboard('{Escape}');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('L on a row that cannot be listened to says why and starts nothing; the row button listens too', async () => {
    const user = userEvent.setup();
    render(<LiveBoard onExit={() => undefined} />);
    await vi.waitFor(() => expect(rowOf('1001')).toHaveTextContent('坐席甲'));
    await user.click(rowOf('1004'));
    await user.keyboard('l');
    expect(phone.listen).not.toHaveBeenCalled();
    expect(screen.getByRole('status', { name: '组长监听' })).toHaveTextContent('该坐席当前不在通话中');
    await user.click(within(rowOf('1001')).getByRole('button', { name: /监听 1001/ }));
    expect(phone.listen).toHaveBeenCalledWith('1001', '坐席甲');
  });

  it('leaving the board stops a listen-in', async () => {
    const { unmount } = render(<LiveBoard onExit={() => undefined} />);
    await vi.waitFor(() => expect(rowOf('1001')).toHaveTextContent('坐席甲'));
    await act(async () => void (await phone.listen('1001', '坐席甲')));
    phone.stopListening.mockClear();
    unmount();
    expect(phone.stopListening).toHaveBeenCalledTimes(1);
  });
});
