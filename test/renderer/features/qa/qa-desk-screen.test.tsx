import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WithQaDesk } from '../../../../renderer/features/qa/qa-desk-screen';
import type { CenterUser } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { evaluation, ok } from './fixtures';

const user = (staffNo: string, role: string) => ({ staffNo, name: '测试', role, team: 'A' }) as unknown as CenterUser;

describe('the QA desk over the workspace (README "QA evaluations": agents see their evaluations; the lead sees the team’s disputes)', () => {
  it('F7 opens the agent’s own evaluations only while the workspace can be left, and Esc goes back', async () => {
    fakeHandlers.set('qa:mine', () => ok({ items: [evaluation()] }));
    let free = false;
    const u = userEvent.setup();
    render(
      <WithQaDesk user={user('1001', 'agent')} canLeave={() => free}>
        <p>workspace</p>
      </WithQaDesk>,
    );
    await u.keyboard('{F7}');
    expect(screen.getByText('workspace')).toBeInTheDocument();
    free = true;
    await u.keyboard('{F7}');
    expect(await screen.findByRole('listbox', { name: '我的质检结果' })).toBeInTheDocument();
    expect(screen.queryByRole('tab')).toBeNull();
    await u.keyboard('{Escape}');
    expect(screen.getByText('workspace')).toBeInTheDocument();
  });

  it('a team lead gets the team’s disputes first, then calibration and their own', async () => {
    fakeHandlers.set('qa:disputes', () => ok({ items: [] }));
    const u = userEvent.setup();
    render(
      <WithQaDesk user={user('2001', 'team_lead')} canLeave={() => true}>
        <p>workspace</p>
      </WithQaDesk>,
    );
    await u.click(screen.getByRole('button', { name: '质检（F7）' }));
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['团队申诉', '校准', '我的质检']);
    expect(await screen.findByText('团队暂无待处理的申诉')).toBeInTheDocument();
  });

  it('P on an evaluation with failed items opens the replay of that call with those items; Esc there does not leave the desk; back returns to the list', async () => {
    fakeHandlers.set('qa:mine', () =>
      ok({ items: [evaluation(), evaluation({ id: 'ev-2', sessionId: 'sess-0002', verdicts: [{ itemId: 'pace', verdict: 'pass' }] })] }),
    );
    const u = userEvent.setup();
    const asked: unknown[] = [];
    render(
      <WithQaDesk
        user={user('1001', 'agent')}
        canLeave={() => true}
        replay={(id, failed, back) => (
          asked.push([id, failed]),
          (
            <button type="button" onClick={back}>
              replaying {id}
            </button>
          )
        )}
      >
        <p>workspace</p>
      </WithQaDesk>,
    );
    await u.keyboard('{F7}');
    (await screen.findByRole('listbox', { name: '我的质检结果' })).focus();
    expect(screen.getByRole('button', { name: '调听不合格项（P）' })).toBeInTheDocument();
    await u.keyboard('p');
    expect(asked).toEqual([['sess-0001', ['pace']]]);
    await u.keyboard('{Escape}');
    expect(screen.queryByText('workspace')).toBeNull();
    await u.click(screen.getByRole('button', { name: 'replaying sess-0001' }));
    // The second evaluation failed nothing: no replay is offered.
    (await screen.findByRole('listbox', { name: '我的质检结果' })).focus();
    await u.keyboard('{ArrowDown}');
    expect(screen.queryByRole('button', { name: '调听不合格项（P）' })).toBeNull();
    await u.keyboard('p');
    expect(asked).toHaveLength(1);
  });
});
