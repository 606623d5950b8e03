import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addToOutbox } from '../../../../renderer/data/outbox-writer';
import { newId } from '../../../../renderer/data/new-id';
import { OfflineBanner } from '../../../../renderer/features/sync/offline-banner';
import { SyncEngine } from '../../../../renderer/features/sync/sync-engine';
import { useSyncStore } from '../../../../renderer/features/sync/sync-store';
import type { PushItem } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { freshDb } from '../../data/test-db';

const correction = (policyNo: string, by: string): PushItem => ({
  id: newId(),
  kind: 'phone_correction',
  policyNo,
  occurredAt: '2026-11-25T10:00:00.000+08:00',
  data: { original: '13800000001', corrected: '13900000002', reason: '客户告知', correctedBy: by },
});

describe('refused results', () => {
  it('the banner counts only the signed-in agent’s refused entries and lists them with the centre’s reason', async () => {
    const db = freshDb();
    const mine = correction('P1000000001', '1001');
    const theirs = correction('P1000000002', '1002');
    await addToOutbox(db, mine, '1001');
    await addToOutbox(db, theirs, '1002');
    fakeHandlers.set('center:push', (req) => ({
      kind: 'ok',
      acks: (req as { items: { id: string }[] }).items.map((i) => ({
        id: i.id,
        status: 'rejected',
        reason: { code: 'not_assigned', zh: '该件从未分配给你', en: 'never assigned' },
      })),
    }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
    await new SyncEngine(db, () => '1002').run(); // 1002's entry refused too, earlier at this desk
    useSyncStore.getState().reset();
    await new SyncEngine(db, () => '1001').run();
    expect(useSyncStore.getState()).toMatchObject({ rejected: 1, pending: 0 });
    useSyncStore.setState({ link: 'online' });
    render(<OfflineBanner />);
    expect(screen.getByRole('status')).toHaveTextContent('1 条记录被案件中心拒收');
    await userEvent.setup().click(screen.getByRole('button', { name: '查看明细' }));
    const list = within(screen.getByRole('list', { name: '被拒收的记录' }));
    expect(list.getAllByRole('listitem')).toHaveLength(1);
    expect(list.getByRole('listitem')).toHaveTextContent(/号码更正 · P1000000001 .* — 该件从未分配给你/);
  });
});

describe('what waits for the centre', () => {
  it('offline, the banner says how many call sessions and how many MB of recordings are not yet archived, beside the results', () => {
    useSyncStore.getState().reset();
    useSyncStore.getState().patch({ link: 'offline', pending: 3, archiveWaiting: 2, archiveWaitingBytes: 3_145_728 });
    render(<OfflineBanner />);
    expect(screen.getByRole('status')).toHaveTextContent('离线工作中：案件中心暂时无法连接，3 条记录等待上传');
    expect(screen.getByRole('status')).toHaveTextContent('2 个通话录音待归档（3.0 MB）');
  });

  it('online with only recordings waiting (uploads yield to calls), it says so quietly; nothing waiting, nothing shown', () => {
    useSyncStore.getState().reset();
    useSyncStore.getState().patch({ link: 'online', archiveWaiting: 1, archiveWaitingBytes: 524_288 });
    const { unmount } = render(<OfflineBanner />);
    expect(screen.getByRole('status')).toHaveTextContent('1 个通话录音待归档（0.5 MB）');
    unmount();
    useSyncStore.getState().patch({ archiveWaiting: 0, archiveWaitingBytes: 0 });
    render(<OfflineBanner />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
