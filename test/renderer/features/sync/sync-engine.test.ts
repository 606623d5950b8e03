import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../../renderer/features/sync/sync-engine';
import { useSyncStore } from '../../../../renderer/features/sync/sync-store';
import { addToOutbox } from '../../../../renderer/data/outbox-writer';
import { newId } from '../../../../renderer/data/new-id';
import { readSetting } from '../../../../renderer/data/settings-repo';
import type { PushItem, PushRequest } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { assigned, freshDb, policy } from '../../data/test-db';

const attempt = (policyNo: string): PushItem => ({
  id: newId(),
  kind: 'attempt',
  policyNo,
  occurredAt: '2026-11-25T10:00:00.000+08:00',
  data: { channel: 'phone', outcome: 'no_answer' },
});

describe('sync engine', () => {
  it('keeps results while offline and re-sends them with the same ids once the centre answers', async () => {
    const db = freshDb();
    const items = [attempt('P0001'), attempt('P0002')];
    for (const i of items) await addToOutbox(db, i, '1001');
    const sent: string[][] = [];
    let online = false;
    const seen = new Set<string>();
    fakeHandlers.set('center:push', (req) => {
      const ids = (req as PushRequest).items.map((i) => i.id);
      sent.push(ids);
      if (!online) return { kind: 'offline', message: '无法连接案件中心' };
      return { kind: 'ok', acks: ids.map((id) => ({ id, status: seen.has(id) ? 'duplicate' : (seen.add(id), 'accepted') })) };
    });
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1-5', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
    const engine = new SyncEngine(db, () => '1001');
    expect((await engine.run()).kind).toBe('offline');
    expect(useSyncStore.getState().pending).toBe(2);
    online = true;
    expect(await engine.run()).toEqual({ kind: 'done', pushed: 2, pulled: 0 });
    expect(sent).toEqual([items.map((i) => i.id), items.map((i) => i.id)]);
    expect(useSyncStore.getState().pending).toBe(0);
    expect(await engine.run()).toEqual({ kind: 'done', pushed: 0, pulled: 0 });
    expect(sent).toHaveLength(2); // nothing is sent twice after an ack
    expect(await readSetting(db, 'syncCursor')).toBe('c1-5');
  });

  it('a push the centre refuses for good (e.g. this role may not push) is set aside with its reason, not retried for ever', async () => {
    const db = freshDb();
    await addToOutbox(db, attempt('P0003'), '9001');
    let sends = 0;
    fakeHandlers.set('center:push', () => {
      sends += 1;
      return { kind: 'refused', code: 'forbidden', message: '当前角色（admin）无权执行此操作' };
    });
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
    const engine = new SyncEngine(db, () => '9001');
    await engine.run();
    await engine.run();
    expect(sends).toBe(1);
    expect(useSyncStore.getState().pending).toBe(0);
    expect(useSyncStore.getState().rejected).toBe(1);
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'rejected', lastError: '当前角色（admin）无权执行此操作' });
  });

  it('an expired session is not a final refusal: the items stay waiting and are sent again', async () => {
    const db = freshDb();
    await addToOutbox(db, attempt('P0004'), '1001');
    fakeHandlers.set('center:push', () => ({ kind: 'refused', code: 'token_expired', message: '登录已失效' }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
    await new SyncEngine(db, () => '1001').run();
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending' });
  });

  it('applies a snapshot: new cases enter the queue, cases the centre no longer lists leave it', async () => {
    const db = freshDb();
    const a = assigned(policy({ policyNo: 'P0000000001' }));
    const b = assigned(policy({ policyNo: 'P0000000002' }));
    let answer = { cursor: 'c1-2', hasMore: false, snapshot: true, upserts: [a, b], drops: [] as { policyNo: string; reason: 'closed' }[] };
    fakeHandlers.set('center:push', () => ({ kind: 'ok', acks: [] }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: answer }));
    const engine = new SyncEngine(db, () => '1001');
    await engine.run();
    expect((await db.queue.toArray()).map((r) => r.policyNo).sort()).toEqual(['P0000000001', 'P0000000002']);
    answer = { cursor: 'c1-3', hasMore: false, snapshot: false, upserts: [], drops: [{ policyNo: 'P0000000001', reason: 'closed' }] };
    // A drop-only page is a change too: the queue on screen is reloaded after it.
    expect(await engine.run()).toEqual({ kind: 'done', pushed: 0, pulled: 1 });
    expect((await db.queue.toArray()).map((r) => r.policyNo)).toEqual(['P0000000002']);
    expect(await db.cases.get('P0000000001')).toBeUndefined();
  });
});
