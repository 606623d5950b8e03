import 'fake-indexeddb/auto';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { enqueueArchive, prepareArchiveEntry } from '../../../renderer/data/archive-outbox';
import { drainOutbox } from '../../../renderer/features/sync/drain-outbox';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { useSyncStore } from '../../../renderer/features/sync/sync-store';
import { emitFakeEvent, fakeHandlers } from '../../setup/fake-huifang';
import { assigned, policy } from '../data/test-db';
import { startWorkflow } from '../data/workflow-harness';

const SIGN_OUT = '退出登录（Ctrl+Shift+Q）';

/**
 * The agent's desk with the centre answering pushes, and `sessions` closed call sessions in the real
 * outbox (fake-indexeddb) waiting for main's archive upload, which `upload` answers.
 */
async function deskWithSessions(sessions: readonly string[], upload: (req: { sessionId: string }) => unknown) {
  const flow = await startWorkflow([assigned(policy({ policyNo: 'P7200000001' }))]);
  await waitFor(() => expect(useSyncStore.getState().running).toBe(false)); // the sign-in's run (offline) is over
  const uploads: string[] = [];
  fakeHandlers.set('center:push', (req) => ({
    kind: 'ok',
    acks: (req as { items: { id: string }[] }).items.map((i) => ({ id: i.id, status: 'accepted' })),
  }));
  fakeHandlers.set('archive:upload', (req) => {
    uploads.push((req as { sessionId: string }).sessionId);
    return upload(req as { sessionId: string });
  });
  for (const id of sessions) await enqueueArchive(flow.db, await prepareArchiveEntry(id, '1001', 2 * 1024 * 1024));
  // A sync run (announced by the centre) finds them: the first upload is under way.
  await waitFor(() => {
    act(() => emitFakeEvent('center:changed', { cursor: null }));
    expect(uploads).toContain(sessions[0]);
  });
  return { ...flow, uploads };
}

describe('signing out sends the closed sessions still waiting first, within a bound (README "Evidence archive")', () => {
  it('sign-out uploads the waiting sessions while showing what is left, then signs out with nothing left behind', async () => {
    const answers: Array<() => void> = [];
    const flow = await deskWithSessions(['session-0101', 'session-0102'], () => new Promise((resolve) => answers.push(() => resolve({ kind: 'archived' }))));
    await flow.user.click(screen.getByRole('button', { name: SIGN_OUT }));
    const progress = await screen.findByRole('status', { name: '正在上传未上传的记录' });
    expect(progress).toHaveTextContent('2 个通话记录（4.0 MB）');
    expect(useSessionStore.getState().user?.staffNo).toBe('1001'); // not yet: it waits for the uploads
    await act(async () => answers.shift()!());
    await waitFor(() => expect(progress).toHaveTextContent('1 个通话记录（2.0 MB）、0 条结果'));
    await waitFor(() => expect(answers.length).toBe(1));
    await act(async () => answers.shift()!());
    await waitFor(() => expect(useSessionStore.getState().user).toBeNull());
    expect(flow.uploads).toEqual(['session-0101', 'session-0102']);
    expect(await flow.db.outbox.where('state').equals('pending').count()).toBe(0);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('what cannot go (the centre unreachable for uploads) stays queued, and sign-out says so before leaving', async () => {
    const flow = await deskWithSessions(['session-0201'], () => ({
      kind: 'waiting',
      bytesLeft: 2 * 1024 * 1024,
      reason: '无法连接案件中心',
      unreachable: true,
    }));
    await waitFor(() => expect(useSyncStore.getState().archiveWaiting).toBe(1));
    await flow.user.click(screen.getByRole('button', { name: SIGN_OUT }));
    expect(await screen.findByRole('alertdialog', { name: '尚有记录未上传' })).toHaveTextContent('还有 1 条记录未上传到案件中心');
    expect(useSessionStore.getState().user?.staffNo).toBe('1001');
    await flow.user.click(screen.getByRole('button', { name: '仍然退出' }));
    await waitFor(() => expect(useSessionStore.getState().user).toBeNull());
    expect(await flow.db.outbox.get('archive-session-0201')).toMatchObject({ state: 'pending' }); // kept for the next sign-in
  });

  it('the wait is bounded: an upload that does not answer in time leaves the drain at its bound with the entry still counted', async () => {
    useSyncStore.getState().patch({ pending: 0, archiveWaiting: 1, archiveWaitingBytes: 5 });
    const started = Date.now();
    const left = await drainOutbox(() => new Promise(() => undefined), 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(left).toEqual({ results: 0, sessions: 1, bytes: 5 });
    useSyncStore.getState().reset();
  });
});
