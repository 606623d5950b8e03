import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { SyncEngine } from '../../../../renderer/features/sync/sync-engine';
import { watchCallbacks } from '../../../../renderer/features/callbacks/callback-watcher';
import { writeVisit } from '../../../../renderer/features/outcome/visit-writes';
import { pushItemSchema, type PulledCallback } from '../../../../shared/sync';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { allCallbacks, assigned, freshDb, policy, readOutbox } from '../../data/test-db';

const booked: PulledCallback = {
  id: '0b7d6c1e-3f7a-4c1e-9a57-2d1f0c9e8b11',
  policyNo: 'P0000000101',
  dueAt: '2026-11-25T02:00:00.000Z',
  assignee: '1002',
  bookedBy: '1001',
  bookedAt: '2026-11-25T01:00:00.000Z',
  note: '客户开会，十点再打',
  overrideReason: null,
};

describe('callbacks from the centre', () => {
  it('a pulled callback lands in the cache once, marks the queue row and notifies its assignee when due', async () => {
    const db = freshDb();
    const c = assigned(policy({ policyNo: 'P0000000101' }));
    const response = { cursor: 'c1-9', hasMore: false, snapshot: false, upserts: [c], drops: [], callbacks: [booked] };
    fakeHandlers.set('center:push', () => ({ kind: 'ok', acks: [] }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response }));
    const now = new Date('2026-11-25T01:30:00.000Z');
    const engine = new SyncEngine(
      db,
      () => '1002',
      () => now,
    );
    expect(await engine.run()).toEqual({ kind: 'done', pushed: 0, pulled: 1 });

    expect(await allCallbacks(db)).toEqual([
      {
        id: booked.id,
        policyNo: booked.policyNo,
        dueAt: booked.dueAt,
        owner: '1002',
        bookedBy: '1001',
        bookedAt: booked.bookedAt,
        note: booked.note,
        overrideReason: null,
        state: 'pending',
      },
    ]);
    expect((await db.queue.get('P0000000101'))?.callbackAt).toBe(booked.dueAt);

    const shown: string[] = [];
    const due = new Date('2026-11-25T02:00:01.000Z');
    const watcher = watchCallbacks(
      db,
      '1002',
      () => undefined,
      (_title, body) => shown.push(body),
      () => due,
    );
    watcher.stop(); // the watcher's own first check runs anyway
    await vi.waitFor(async () => expect((await db.callbacks.get(booked.id))?.state).toBe('notified'));
    // The queue keeps only the masked name (docs/domain.md §11): the notification shows that.
    expect(shown).toEqual(['预约回呼到期：P0000000101 张*试']);
    expect((await db.queue.get('P0000000101'))?.badges).toContain('callback_due');

    // Redelivered by the next pull: still one row, and its local state is kept.
    await engine.run();
    expect(await db.callbacks.count()).toBe(1);
    expect((await db.callbacks.get(booked.id))?.state).toBe('notified');
  });

  it('booking a callback for another agent puts a valid callback item in the outbox', async () => {
    const db = freshDb();
    const c = assigned(policy({ policyNo: 'P0000000102' }));
    fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [c], drops: [] } }));
    await new SyncEngine(db, () => null).run();
    await writeVisit(db, {
      policyNo: 'P0000000102',
      agent: '1001',
      phone: null,
      callId: null,
      recordingSessionId: null,
      startedAt: '2026-11-25T01:00:00.000Z',
      endedAt: '2026-11-25T01:02:00.000Z',
      attempt: 'busy',
      answers: {},
      result: null,
      callback: { dueAt: '2026-11-26T02:00:00.000Z', owner: '1002', note: '忙', overrideReason: null },
      notes: '',
    });
    const items = (await readOutbox(db)).map((e) => e.item);
    const cb = items.find((i) => i.kind === 'callback');
    expect(cb).toBeDefined();
    const parsed = pushItemSchema.parse(cb);
    expect(parsed).toMatchObject({
      kind: 'callback',
      policyNo: 'P0000000102',
      data: { dueAt: '2026-11-26T02:00:00.000Z', assignee: '1002', bookedBy: '1001', note: '忙' },
    });
    expect(parsed.id).toBe((await db.callbacks.toArray())[0].id);
  });
});
