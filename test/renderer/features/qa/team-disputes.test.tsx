import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TeamDisputes } from '../../../../renderer/features/qa/team-disputes';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { evaluation, ok } from './fixtures';

const disputed = evaluation({ state: 'disputed', dispute: { reason: 'pace was fine after 02:10', at: '2026-03-11T01:00:00Z' } });

function install() {
  fakeHandlers.set('qa:disputes', () => ok({ items: [disputed] }));
  const resolve = vi.fn((req: { id: string; resolution: { decision: string } }) =>
    ok(evaluation({ id: 'ev-2', state: 'resolved', supersedes: req.id, score: 100, passed: true })),
  );
  fakeHandlers.set('qa:resolve', resolve as (payload: unknown) => unknown);
  return { resolve };
}
const focusList = async () => (await screen.findByRole('listbox', { name: '待处理的申诉' })).focus();

describe('the team lead resolves disputes (README "QA evaluations": a dispute goes to the team lead, whose decision is recorded)', () => {
  it('lists the team’s disputes with the agent’s reason', async () => {
    install();
    render(<TeamDisputes />);
    const row = (await screen.findAllByRole('option'))[0]!;
    expect(row).toHaveTextContent('坐席 1001 · 保单 P2026000123 · 原评分 92.5 分');
    expect(row).toHaveTextContent('申诉理由：pace was fine after 02:10');
  });

  it('R revises: the items start at the disputed verdicts, an unchanged revision is refused before sending, the changed verdicts go to the centre', async () => {
    const { resolve } = install();
    const user = userEvent.setup();
    render(<TeamDisputes />);
    await focusList();
    await user.keyboard('r');
    const pace = screen.getByRole('combobox', { name: '语速适当，未机械照读 的评分' });
    expect(pace).toHaveValue('fail');
    await user.type(screen.getByRole('textbox', { name: '处理意见' }), 'heard it again');
    expect(screen.getByText('改判须至少修改一项评分；否则请维持原评分')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '提交处理结果' })).toBeDisabled();
    await user.selectOptions(pace, 'pass');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(resolve).toHaveBeenCalledTimes(1);
    const sent = resolve.mock.calls[0]![0] as { id: string; resolution: { decision: string; note: string; verdicts: { itemId: string; verdict: string }[] } };
    expect(sent.id).toBe('ev-1');
    expect(sent.resolution.decision).toBe('revised');
    expect(sent.resolution.note).toBe('heard it again');
    expect(sent.resolution.verdicts.find((v) => v.itemId === 'pace')?.verdict).toBe('pass');
    expect(sent.resolution.verdicts).toHaveLength(disputed.verdicts.length);
    expect(await screen.findByRole('status')).toHaveTextContent('已改判：100 分，合格');
    expect(screen.getByText('团队暂无待处理的申诉')).toBeInTheDocument();
  });

  it('U upholds with a note of at least 2 characters; Esc cancels without sending', async () => {
    const { resolve } = install();
    const user = userEvent.setup();
    render(<TeamDisputes />);
    await focusList();
    await user.keyboard('u');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByRole('button', { name: '提交处理结果' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: '处理意见' })).toBeNull();
    await focusList();
    await user.keyboard('u');
    await user.type(screen.getByRole('textbox', { name: '处理意见' }), 'too fast at 01:40');
    await user.click(screen.getByRole('button', { name: '提交处理结果' }));
    expect(resolve).toHaveBeenCalledWith({ id: 'ev-1', resolution: { decision: 'upheld', note: 'too fast at 01:40' } });
    expect(await screen.findByRole('status')).toHaveTextContent('已维持原评分');
  });
});
