import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../renderer/app/app';
import { useReviewStore } from '../../../../renderer/features/review/review-store';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { freshDb } from '../../data/test-db';
import { installReviewHost } from './fixtures';
import { fakeEmptyTeam } from '../../support/fake-signed-in';

function signInAs(staffNo: string, role: string) {
  const me = { staffNo, name: `演示${role}`, role, team: 'A', languages: ['mandarin'] };
  fakeHandlers.set('center:signIn', () => ({ kind: 'signed_in', user: me, mode: 'online' }));
  fakeHandlers.set('center:signOut', () => ({ ok: true }));
  fakeHandlers.set('center:getStatus', () => ({ phase: 'online', user: me, url: 'http://127.0.0.1:1', embedded: true, lastError: null, lastContactAt: null }));
  fakeHandlers.set('center:push', (req) => ({ kind: 'ok', acks: (req as { items: { id: string }[] }).items.map((i) => ({ id: i.id, status: 'accepted' })) }));
  fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1-0', hasMore: false, snapshot: true, upserts: [], drops: [] } }));
}

async function submit(user: ReturnType<typeof userEvent.setup>, staffNo: string) {
  await user.type(screen.getByLabelText('工号'), staffNo);
  await user.type(screen.getByLabelText('密码'), 'demo1234');
  await user.keyboard('{Enter}');
}

describe('who lands where after sign-in', () => {
  beforeEach(() => {
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    useReviewStore.getState().reset();
  });

  it('QA lands on the replay screen; no workstation (queue, sync, softphone) is started for them', async () => {
    installReviewHost();
    signInAs('3001', 'qa');
    const parts = vi.fn(() => ({ db: freshDb(), softphone: () => null, startRecording: null }));
    const user = userEvent.setup();
    render(<App parts={parts} />);
    await submit(user, '3001');
    expect(await screen.findByRole('heading', { name: '录音质检回放' })).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: /P2026000123/ })).toBeInTheDocument();
    expect(screen.queryByRole('listbox', { name: '待回访队列' })).toBeNull();
    expect(parts).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByRole('heading', { name: '坐席登录' })).toBeInTheDocument();
  });

  it('an agent lands on the queue, with no way to the replay screen (F9 does nothing)', async () => {
    installReviewHost();
    signInAs('1001', 'agent');
    const user = userEvent.setup();
    render(<App parts={() => ({ db: freshDb(), softphone: () => null, startRecording: null })} />);
    await submit(user, '1001');
    expect(await screen.findByRole('listbox', { name: '待回访队列' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '录音回放（F9）' })).toBeNull();
    await user.keyboard('{F9}');
    expect(screen.queryByRole('heading', { name: '录音质检回放' })).toBeNull();
  });

  it('a team lead gets the workspace on the team view and switches to the replay screen and back with F9 or the button', async () => {
    installReviewHost();
    signInAs('2001', 'team_lead');
    fakeEmptyTeam();
    const user = userEvent.setup();
    render(<App parts={() => ({ db: freshDb(), softphone: () => null, startRecording: null })} />);
    await submit(user, '2001');
    const teamView = () => screen.findByRole('heading', { name: /^班组工作台/ });
    expect(await teamView()).toBeInTheDocument();
    await user.keyboard('{F9}');
    expect(await screen.findByRole('heading', { name: '录音质检回放' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^班组工作台/ })).toBeNull();
    await user.keyboard('{F9}');
    expect(await teamView()).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '录音回放（F9）' }));
    await screen.findByRole('option', { name: /P2026000123/ });
    await user.keyboard('{Escape}'); // Esc on the list: back to the workspace
    expect(await teamView()).toBeInTheDocument();
  });
});
