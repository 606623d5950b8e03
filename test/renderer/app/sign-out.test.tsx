import 'fake-indexeddb/auto';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignOutButton } from '../../../renderer/app/sign-out-button';
import { useSyncStore } from '../../../renderer/features/sync/sync-store';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { assigned, policy } from '../data/test-db';
import { startWorkflow } from '../data/workflow-harness';

describe('signing out: a shortcut, and a warning while records still wait to upload', () => {
  it('with records waiting (the centre is offline: the sign-in record waits), sign-out asks first; 暂不退出 stays, 仍然退出 signs out', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000001' }))]);
    await waitFor(() => expect(useSyncStore.getState().pending).toBeGreaterThan(0));
    const waiting = useSyncStore.getState().pending;
    await flow.user.click(screen.getByRole('button', { name: '退出登录（Ctrl+Shift+Q）' }));
    // First it tries to send them (README "Evidence archive"); the centre being offline, nothing goes.
    expect(await screen.findByRole('alertdialog', { name: '尚有记录未上传' })).toHaveTextContent(`还有 ${waiting} 条记录未上传到案件中心`);
    await flow.user.click(screen.getByRole('button', { name: '暂不退出' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(useSessionStore.getState().user?.staffNo).toBe('1001');
    await flow.user.keyboard('{Control>}{Shift>}q{/Shift}{/Control}');
    await flow.user.click(await screen.findByRole('button', { name: '仍然退出' }));
    await waitFor(() => expect(useSessionStore.getState().user).toBeNull());
  });

  it('with nothing waiting, Ctrl+Shift+Q signs out at once; never from the script', async () => {
    const user = userEvent.setup();
    act(() => useSyncStore.getState().patch({ pending: 0 }));
    const signOut = vi.fn();
    const { rerender } = render(<SignOutButton disabled={true} onSignOut={signOut} />);
    await user.keyboard('{Control>}{Shift>}q{/Shift}{/Control}');
    expect(signOut).not.toHaveBeenCalled();
    rerender(<SignOutButton disabled={false} onSignOut={signOut} />);
    await user.keyboard('{Control>}{Shift>}q{/Shift}{/Control}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(signOut).toHaveBeenCalledTimes(1);
  });
});
