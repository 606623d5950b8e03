import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/app';
import { useSessionStore } from '../../../../renderer/features/sign-in/session-store';
import { useSyncStore } from '../../../../renderer/features/sync/sync-store';
import { OfflineBanner } from '../../../../renderer/features/sync/offline-banner';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { fakeSignedIn } from '../../support/fake-signed-in';
import { freshDb, readOutbox } from '../../data/test-db';

describe('sign-in', () => {
  it('shows the centre’s refusal and stays on the sign-in screen', async () => {
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    fakeHandlers.set('center:signIn', () => ({ kind: 'refused', code: 'bad_credentials', message: '工号或密码错误' }));
    const user = userEvent.setup();
    const db = freshDb();
    render(<App parts={() => ({ db, softphone: () => null, startRecording: null })} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('回访坐席工作台');
    await user.type(screen.getByLabelText('工号'), '1001');
    await user.type(screen.getByLabelText('密码'), 'wrong');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('工号或密码错误');
    expect(screen.getByRole('heading', { name: '坐席登录' })).toBeInTheDocument();
    // The refused password is selected: typing replaces it, Enter tries again.
    const password = screen.getByLabelText<HTMLInputElement>('密码');
    await waitFor(() => expect(password).toHaveFocus());
    expect([password.selectionStart, password.selectionEnd]).toEqual([0, 'wrong'.length]);
    await user.keyboard('demo1234');
    expect(password.value).toBe('demo1234');
  });

  it('signs in and shows agent status with time in status; F8 pauses with a reason and resumes', async () => {
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    fakeSignedIn('1001', 'agent', '演示坐席');
    const user = userEvent.setup();
    const db = freshDb();
    render(<App parts={() => ({ db, softphone: () => null, startRecording: null })} />);
    await user.type(screen.getByLabelText('工号'), '1001');
    await user.type(screen.getByLabelText('密码'), 'demo1234');
    await user.keyboard('{Enter}');
    const status = await screen.findByRole('region', { name: '坐席状态' });
    expect(status).toHaveTextContent('就绪');
    expect(screen.getByLabelText('本状态时长')).toHaveTextContent(/^\d\d:\d\d$/);
    await user.keyboard('{F8}');
    expect(status).toHaveTextContent('示忙（小休）');
    await user.keyboard('{F8}');
    expect(status).toHaveTextContent('就绪');
    // The session events are written after the status changes on screen: wait for the last one.
    const events = async () => (await readOutbox(db)).map((e) => (e.item.kind === 'session' ? e.item.data.event : e.item.kind));
    await waitFor(async () => expect(await events()).toEqual(['sign_in', 'break_start', 'break_end']));
  });
});

describe('offline banner', () => {
  it('says the workstation is offline and how many results wait', () => {
    useSyncStore.setState({ link: 'offline', pending: 3, rejected: 0, lastError: null });
    render(<OfflineBanner />);
    expect(screen.getByRole('status')).toHaveTextContent('离线工作中：案件中心暂时无法连接，3 条记录等待上传');
  });

  it('stays quiet when online with nothing waiting', () => {
    useSyncStore.setState({ link: 'online', pending: 0, rejected: 0, lastError: null });
    const { container } = render(<OfflineBanner />);
    expect(container).toBeEmptyDOMElement();
  });
});
