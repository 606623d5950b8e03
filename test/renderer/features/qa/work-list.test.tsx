import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QaWorkList } from '../../../../renderer/features/qa/work-list';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { ok } from './fixtures';

const item = (sessionId: string, over: object = {}) => ({
  sessionId,
  policyNo: `P${sessionId.slice(-4)}`,
  agentId: '1001',
  team: 'A',
  createdAt: '2026-03-10T02:00:00.000Z',
  outcome: 'problem',
  gapCount: 0,
  reasons: ['problem'],
  claimedBy: null,
  ...over,
});

function install() {
  fakeHandlers.set('qa:workList', () =>
    ok({ from: '2026-02-01', to: '2026-03-31', items: [item('sess-0001'), item('sess-0002', { reasons: ['gaps', 'overridden'], claimedBy: '3002' })] }),
  );
  const claim = vi.fn((req: { sessionId: string }) =>
    req.sessionId === 'sess-0002'
      ? { kind: 'refused', code: 'conflict', message: '该通话已由 3002 领取' }
      : ok({ sessionId: req.sessionId, claimedBy: '3001', claimedAt: '2026-03-12T01:00:00Z' }),
  );
  fakeHandlers.set('qa:claim', claim as (payload: unknown) => unknown);
  return { claim };
}
const list = () => screen.findByRole('listbox', { name: '待质检通话' });

describe('QA’s work list (README "QA evaluations": QA gets a work list; a claimed call is not scored twice)', () => {
  it('shows why each call was sampled and who holds it', async () => {
    install();
    render(<QaWorkList me="3001" onOpen={() => undefined} />);
    const [a, b] = within(await list()).getAllByRole('option');
    expect(a).toHaveTextContent('问题件');
    expect(a).toHaveTextContent('未领取');
    expect(b).toHaveTextContent('录音有缺口、结果经人工改判');
    expect(b).toHaveTextContent('已由 3002 领取');
  });

  it('a long list says how many calls wait in all beside the oldest it shows (the centre lists at most 500)', async () => {
    fakeHandlers.set('qa:workList', () => ok({ from: '2026-02-01', to: '2026-03-31', items: [item('sess-0001'), item('sess-0002')], total: 1234 }));
    render(<QaWorkList me="3001" onOpen={() => undefined} />);
    await list();
    expect(screen.getByText(/共 1234 通待质检/)).toHaveTextContent('显示最早的 2 通');
  });

  it('C claims the selected call; Enter claims and opens it for scoring', async () => {
    const { claim } = install();
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<QaWorkList me="3001" onOpen={onOpen} />);
    (await list()).focus();
    await user.keyboard('c');
    expect(claim).toHaveBeenCalledWith({ sessionId: 'sess-0001' });
    expect(await screen.findByRole('status')).toHaveTextContent('已领取保单 P0001 的通话');
    expect(within(await list()).getAllByRole('option')[0]).toHaveTextContent('由我领取');
    expect(onOpen).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith('sess-0001');
  });

  it('a call another QA holds is refused with the reason and not opened', async () => {
    install();
    const onOpen = vi.fn();
    const user = userEvent.setup();
    render(<QaWorkList me="3001" onOpen={onOpen} />);
    (await list()).focus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('该通话已由 3002 领取');
    expect(onOpen).not.toHaveBeenCalled();
  });
});
