import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MyEvaluations } from '../../../../renderer/features/qa/my-evaluations';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { evaluation, ok } from './fixtures';

function install() {
  const list = [evaluation(), evaluation({ id: 'ev-2', policyNo: 'P2026000456', state: 'acknowledged', score: 100, verdicts: [] })];
  fakeHandlers.set('qa:mine', () => ok({ items: list }));
  const acknowledge = vi.fn((req: { id: string }) => ok(evaluation({ id: req.id, state: 'acknowledged' })));
  const dispute = vi.fn((req: { id: string; reason: string }) => ok(evaluation({ id: req.id, state: 'disputed', dispute: { reason: req.reason, at: 'x' } })));
  fakeHandlers.set('qa:acknowledge', acknowledge as (payload: unknown) => unknown);
  fakeHandlers.set('qa:dispute', dispute as (payload: unknown) => unknown);
  return { acknowledge, dispute };
}
const rows = async () => within(await screen.findByRole('listbox', { name: '我的质检结果' })).getAllByRole('option');

describe('the agent’s QA evaluations (README "QA evaluations": acknowledge or dispute with a comment)', () => {
  it('shows score, outcome, state and the failed items in words', async () => {
    install();
    render(<MyEvaluations />);
    const [first, second] = await rows();
    expect(first).toHaveTextContent('保单 P2026000123 · 92.5 分 · 合格');
    expect(first).toHaveTextContent('待确认');
    expect(first).toHaveTextContent('不合格项：语速适当，未机械照读');
    expect(second).toHaveTextContent('已确认');
  });

  it('keyboard-first: A acknowledges the selected evaluation; a closed one offers nothing', async () => {
    const { acknowledge } = install();
    const user = userEvent.setup();
    render(<MyEvaluations />);
    (await screen.findByRole('listbox', { name: '我的质检结果' })).focus();
    await user.keyboard('a');
    expect(acknowledge).toHaveBeenCalledWith({ id: 'ev-1' });
    expect(await screen.findByRole('status')).toHaveTextContent('已确认该质检结果');
    expect((await rows())[0]).toHaveTextContent('已确认');
    await user.keyboard('{ArrowDown}d');
    expect(screen.queryByRole('textbox', { name: '申诉理由' })).toBeNull();
  });

  it('D asks for a reason of at least 4 characters, Ctrl+Enter sends it; the row shows the dispute', async () => {
    const { dispute } = install();
    const user = userEvent.setup();
    render(<MyEvaluations />);
    (await screen.findByRole('listbox', { name: '我的质检结果' })).focus();
    await user.keyboard('d');
    const reason = screen.getByRole('textbox', { name: '申诉理由' });
    await user.type(reason, 'ok');
    expect(screen.getByRole('button', { name: '提交申诉' })).toBeDisabled();
    expect(screen.getByText('请写明申诉理由（至少 4 个字）')).toBeInTheDocument();
    await user.type(reason, ' — pace was fine after 02:10');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(dispute).toHaveBeenCalledWith({ id: 'ev-1', reason: 'ok — pace was fine after 02:10' });
    expect(await screen.findByRole('status')).toHaveTextContent('申诉已提交，等待组长处理');
    expect((await rows())[0]).toHaveTextContent('申诉中');
  });

  it('a refused dispute keeps the reason and says why', async () => {
    install();
    fakeHandlers.set('qa:dispute', () => ({ kind: 'refused', code: 'conflict', message: '该评分已关闭' }));
    const user = userEvent.setup();
    render(<MyEvaluations />);
    (await screen.findByRole('listbox', { name: '我的质检结果' })).focus();
    await user.keyboard('d');
    await user.type(screen.getByRole('textbox', { name: '申诉理由' }), 'listen again please');
    await user.click(screen.getByRole('button', { name: '提交申诉' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('案件中心拒绝了请求：该评分已关闭');
    expect(screen.getByRole('textbox', { name: '申诉理由' })).toHaveValue('listen again please');
  });

  it('an unreachable centre is said, not an empty list', async () => {
    fakeHandlers.set('qa:mine', () => ({ kind: 'offline', message: 'connect ECONNREFUSED' }));
    render(<MyEvaluations />);
    expect(await screen.findByRole('alert')).toHaveTextContent('案件中心暂不可达：connect ECONNREFUSED');
    expect(screen.queryByText('暂无质检结果')).toBeNull();
  });
});
