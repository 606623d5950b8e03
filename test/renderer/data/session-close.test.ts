import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { closeSessionDurably, retryPendingCloses } from '../../../renderer/data/session-close';
import { DomainError } from '../../../shared/ipc/ipc-error';
import { fakeHandlers } from '../../setup/fake-huifang';
import { freshDb } from './test-db';

const request = (sessionId: string) => ({ sessionId, answers: { Q1: 'yes' }, outcome: 'standard', outcomeNote: null });
const sid = (n: number) => `0b6d2f0e-0000-4000-8000-00000000000${n}`;

describe('durable session close', () => {
  it('a close the host fails to take is kept and sent again until it succeeds, with the same answers', async () => {
    const db = freshDb();
    const received: unknown[] = [];
    let hostWorks = false;
    fakeHandlers.set('session:close', (req) => {
      if (!hostWorks) throw new Error('ENOSPC: no space left on device');
      received.push(req);
      return {};
    });
    expect(await closeSessionDurably(db, request(sid(1)), '1001')).toBe('pending');
    expect(await db.pendingCloses.get(sid(1))).toMatchObject({ tries: 1, lastError: expect.stringContaining('ENOSPC') });
    expect(await retryPendingCloses(db)).toBe(1);
    expect((await db.pendingCloses.get(sid(1)))?.tries).toBe(2);
    hostWorks = true;
    expect(await retryPendingCloses(db)).toBe(0);
    expect(await db.pendingCloses.count()).toBe(0);
    expect(received).toEqual([expect.objectContaining({ sessionId: sid(1), answers: { Q1: 'yes' }, outcome: 'standard' })]);
  });

  it('a close the host can never take (already closed, unknown session) is dropped, not retried forever', async () => {
    const db = freshDb();
    let calls = 0;
    fakeHandlers.set('session:close', () => {
      calls++;
      throw new DomainError('通话记录已关闭。');
    });
    expect(await closeSessionDurably(db, request(sid(2)), '1001')).toBe('dropped');
    expect(await db.pendingCloses.count()).toBe(0);
    expect(await retryPendingCloses(db)).toBe(0);
    expect(calls).toBe(1);
  });
});
