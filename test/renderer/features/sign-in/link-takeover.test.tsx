import 'fake-indexeddb/auto';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emitFakeEvent } from '../../../setup/fake-huifang';
import { assigned, policy, readOutbox } from '../../data/test-db';
import { startWorkflow } from '../../data/workflow-harness';

const status = (phase: 'online' | 'signed_out', user: { staffNo: string } | null, lastError: string | null = null) => ({
  phase,
  user: user ? { staffNo: user.staffNo, name: '组长', role: 'team_lead', team: 'A', languages: ['mandarin'] } : null,
  url: null,
  embedded: true,
  lastError,
  lastContactAt: null,
});

describe('this window follows the link to the centre', () => {
  it('another sign-in on the same host signs this window out with the reason; nothing is pushed under the other account', async () => {
    const flow = await startWorkflow([assigned(policy({ policyNo: 'P9000000001' }))], { online: true });
    const pushedBefore = flow.log.pushed.length;
    act(() => emitFakeEvent('center:status', status('online', { staffNo: '2001' })));
    expect(await screen.findByText('本工作台已在其他窗口以工号 2001 登录，本窗口已退出登录')).toBeInTheDocument();
    expect(screen.getByLabelText('工号')).toBeInTheDocument();
    // The sign-out waits in the outbox for 1001's next sign-in instead of going out on 2001's link.
    await expect.poll(async () => (await readOutbox(flow.db)).map((e) => (e.item.kind === 'session' ? e.item.data.event : e.item.kind))).toContain('sign_out');
    expect(flow.log.pushed.length).toBe(pushedBefore);
  });

  it('a link signed out by the centre (expired session) brings this window back to sign-in', async () => {
    await startWorkflow([assigned(policy({ policyNo: 'P9000000002' }))], { online: true });
    act(() => emitFakeEvent('center:status', status('signed_out', null, '登录已过期，请重新登录')));
    expect(await screen.findByText('登录已过期，请重新登录')).toBeInTheDocument();
    expect(screen.getByLabelText('工号')).toBeInTheDocument();
  });
});
