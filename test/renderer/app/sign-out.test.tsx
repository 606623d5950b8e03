import 'fake-indexeddb/auto';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSyncStore } from '../../../renderer/features/sync/sync-store';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { assigned, policy } from '../data/test-db';
import { startWorkflow } from '../data/workflow-harness';

describe('signing out: a shortcut, and a warning while records still wait to upload', () => {
  it('with records waiting, sign-out asks first; 暂不退出 keeps the agent signed in, 仍然退出 signs out', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000001' }))]);
    act(() => useSyncStore.getState().patch({ pending: 2 }));
    await flow.user.click(screen.getByRole('button', { name: '退出登录（Ctrl+Shift+Q）' }));
    const ask = screen.getByRole('alertdialog', { name: '尚有记录未上传' });
    expect(ask).toHaveTextContent('还有 2 条记录未上传到案件中心');
    await flow.user.click(screen.getByRole('button', { name: '暂不退出' }));
    expect(useSessionStore.getState().user?.staffNo).toBe('1001');
    await flow.user.keyboard('{Control>}{Shift>}q{/Shift}{/Control}');
    await flow.user.click(screen.getByRole('button', { name: '仍然退出' }));
    await waitFor(() => expect(useSessionStore.getState().user).toBeNull());
  });

  it('with nothing waiting, Ctrl+Shift+Q signs out at once', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000002' }))]);
    act(() => useSyncStore.getState().patch({ pending: 0 }));
    await flow.user.keyboard('{Control>}{Shift>}q{/Shift}{/Control}');
    await waitFor(() => expect(useSessionStore.getState().user).toBeNull());
  });
});
