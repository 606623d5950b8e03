import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../../renderer/features/sync/sync-engine';
import { OfflineBanner } from '../../../../renderer/features/sync/offline-banner';
import { useSyncStore } from '../../../../renderer/features/sync/sync-store';
import { addToOutbox } from '../../../../renderer/data/outbox-writer';
import { archiveEntryId, enqueueArchive, prepareArchiveEntry } from '../../../../renderer/data/archive-outbox';
import { closeSessionDurably } from '../../../../renderer/data/session-close';
import type { HuifangDb } from '../../../../renderer/data/huifang-db';
import { newId } from '../../../../renderer/data/new-id';
import type { PushItem, PushRequest } from '../../../../shared/sync';
import { DomainError } from '../../../../shared/ipc/ipc-error';
import { fakeHandlers } from '../../../setup/fake-huifang';
import { freshDb } from '../../data/test-db';

const attempt = (policyNo: string): PushItem => ({
  id: newId(),
  kind: 'attempt',
  policyNo,
  occurredAt: '2026-11-25T10:00:00.000+08:00',
  data: { channel: 'phone', outcome: 'no_answer' },
});
const sid = (n: number) => `0b6d2f0e-0000-4000-8000-00000000010${n}`;
const MiB = 1024 * 1024;

async function session(db: HuifangDb, id: string, bytes = MiB): Promise<void> {
  const entry = await prepareArchiveEntry(id, '1001', bytes);
  await db.transaction('rw', db.outbox, () => enqueueArchive(db, entry));
}

/** A centre and a host that log what reaches them, in order. */
function host(order: string[], upload: (req: { sessionId: string; callUp: boolean }) => unknown) {
  fakeHandlers.set('center:push', (req) => {
    const items = (req as PushRequest).items;
    order.push(...items.map((i) => `push ${'policyNo' in i ? i.policyNo : i.kind}`));
    return { kind: 'ok', acks: items.map((i) => ({ id: i.id, status: 'accepted' })) };
  });
  fakeHandlers.set('center:pull', () => ({ kind: 'ok', response: { cursor: 'c1', hasMore: false, snapshot: false, upserts: [], drops: [] } }));
  fakeHandlers.set('archive:unarchived', () => []);
  fakeHandlers.set('archive:upload', (req) => {
    const r = req as { sessionId: string; callUp: boolean };
    order.push(`upload ${r.sessionId}`);
    return upload(r);
  });
}

describe('closed sessions go to the archive through the results outbox (README "Evidence archive")', () => {
  it('in the order written — result, session, result — and the session entry is done only when main says the centre stored it', async () => {
    const db = freshDb();
    await addToOutbox(db, attempt('P0001'), '1001');
    await session(db, sid(1), 3 * MiB);
    await addToOutbox(db, attempt('P0002'), '1001');
    const order: string[] = [];
    let centreUp = false;
    host(order, () => (centreUp ? { kind: 'archived' } : { kind: 'waiting', bytesLeft: 2 * MiB, reason: '无法连接案件中心' }));
    useSyncStore.getState().reset();
    expect(await new SyncEngine(db, () => '1001').run()).toEqual({ kind: 'done', pushed: 2, pulled: 0 });
    expect(order).toEqual(['push P0001', `upload ${sid(1)}`, 'push P0002']);
    expect(await db.outbox.get(archiveEntryId(sid(1)))).toMatchObject({ state: 'pending', bytes: 2 * MiB, lastError: '无法连接案件中心', tries: 1 });
    expect(useSyncStore.getState()).toMatchObject({ pending: 0, archiveWaiting: 1, archiveWaitingBytes: 2 * MiB });

    centreUp = true;
    expect(await new SyncEngine(db, () => '1001').run()).toEqual({ kind: 'done', pushed: 1, pulled: 0 });
    expect(await db.outbox.get(archiveEntryId(sid(1)))).toMatchObject({ state: 'delivered', bytes: 0 });
    await new SyncEngine(db, () => '1001').run();
    expect(order.filter((o) => o.startsWith('upload'))).toHaveLength(2); // never asked again once stored
    expect(useSyncStore.getState()).toMatchObject({ archiveWaiting: 0, archiveWaitingBytes: 0 });
  });

  it('while a call is up main is told so and skips the upload; the results behind it still go and the session waits for the next run', async () => {
    const db = freshDb();
    await session(db, sid(2));
    await addToOutbox(db, attempt('P0003'), '1001');
    const order: string[] = [];
    const asked: boolean[] = [];
    host(order, (r) => (asked.push(r.callUp), r.callUp ? { kind: 'skipped', reason: '通话中' } : { kind: 'archived' }));
    let callUp = true;
    const engine = new SyncEngine(
      db,
      () => '1001',
      undefined,
      () => callUp,
    );
    await engine.run();
    expect(order).toEqual([`upload ${sid(2)}`, 'push P0003']);
    expect(await db.outbox.get(archiveEntryId(sid(2)))).toMatchObject({ state: 'pending', tries: 0 });
    callUp = false;
    await engine.run();
    expect(asked).toEqual([true, false]);
    expect(await db.outbox.get(archiveEntryId(sid(2)))).toMatchObject({ state: 'delivered' });
  });

  it('main unreachable (the host restarting): the run ends at the first session instead of waiting on the dead link once per entry', async () => {
    const db = freshDb();
    await session(db, sid(1));
    await session(db, sid(2));
    await addToOutbox(db, attempt('P0004'), '1001');
    const order: string[] = [];
    let hostUp = false;
    host(order, () => {
      if (!hostUp) throw new DomainError('与主进程的连接已断开', 'transport_closed');
      return { kind: 'archived' };
    });
    expect(await new SyncEngine(db, () => '1001').run()).toMatchObject({ kind: 'offline', message: '与主进程的连接已断开' });
    expect(order).toEqual([`upload ${sid(1)}`]);
    expect(await db.outbox.get(archiveEntryId(sid(1)))).toMatchObject({ state: 'pending', tries: 1, lastError: '与主进程的连接已断开' });
    hostUp = true;
    expect(await new SyncEngine(db, () => '1001').run()).toEqual({ kind: 'done', pushed: 3, pulled: 0 });
    expect(order.slice(1)).toEqual([`upload ${sid(1)}`, `upload ${sid(2)}`, 'push P0004']);
  });

  it('the centre not answering at all (main says unreachable): the run ends at that session, which waits with the reason', async () => {
    const db = freshDb();
    await session(db, sid(1), 2 * MiB);
    await session(db, sid(2));
    const order: string[] = [];
    host(order, () => ({ kind: 'waiting', bytesLeft: 2 * MiB, reason: '无法连接案件中心', unreachable: true }));
    expect(await new SyncEngine(db, () => '1001').run()).toMatchObject({ kind: 'offline', message: '无法连接案件中心' });
    expect(order).toEqual([`upload ${sid(1)}`]);
    expect(await db.outbox.get(archiveEntryId(sid(1)))).toMatchObject({ state: 'pending', tries: 1, lastError: '无法连接案件中心', bytes: 2 * MiB });
  });

  it('main answers but fails on one session: that entry waits with the reason and the entries behind it still go', async () => {
    const db = freshDb();
    await session(db, sid(1));
    await addToOutbox(db, attempt('P0005'), '1001');
    const order: string[] = [];
    host(order, () => {
      throw new Error('EIO: i/o error, read');
    });
    expect(await new SyncEngine(db, () => '1001').run()).toEqual({ kind: 'done', pushed: 1, pulled: 0 });
    expect(order).toEqual([`upload ${sid(1)}`, 'push P0005']);
    expect(await db.outbox.get(archiveEntryId(sid(1)))).toMatchObject({ state: 'pending', tries: 1 });
    expect((await db.outbox.get(archiveEntryId(sid(1))))?.lastError).toContain('EIO');
  });

  it('a session refused for good is set aside with the reason and shown as refused; a practice session leaves the outbox', async () => {
    const db = freshDb();
    await session(db, sid(3));
    await session(db, sid(4));
    host([], (r) => (r.sessionId === sid(3) ? { kind: 'set_aside', reason: 'forbidden: 无权操作' } : { kind: 'not_evidence', reason: '练习会话不归档' }));
    await new SyncEngine(db, () => '1001').run();
    expect(await db.outbox.get(archiveEntryId(sid(3)))).toMatchObject({ state: 'rejected', lastError: 'forbidden: 无权操作' });
    expect(await db.outbox.get(archiveEntryId(sid(4)))).toBeUndefined();
    expect(useSyncStore.getState()).toMatchObject({ rejected: 1, archiveWaiting: 0 });
  });

  it('closing a session writes its archive entry with the close; closing it again keeps one entry; main’s answer gives the bytes', async () => {
    const db = freshDb();
    const manifest = {
      parts: [
        { name: 'audio.webm', bytes: 900 },
        { name: 'audio.webm.enc', bytes: 1000 },
      ],
    };
    let hostUp = false;
    fakeHandlers.set('session:close', () => {
      if (!hostUp) throw new Error('ENOSPC');
      return { recording: { manifest } };
    });
    const request = { sessionId: sid(5), answers: {}, outcome: 'standard', outcomeNote: null };
    expect(await closeSessionDurably(db, request, '1001')).toBe('pending');
    expect(await db.outbox.get(archiveEntryId(sid(5)))).toMatchObject({ kind: 'session_archive', author: '1001', state: 'pending', bytes: 0 });
    hostUp = true;
    expect(await closeSessionDurably(db, request, '1001')).toBe('closed');
    expect((await db.outbox.toArray()).filter((e) => e.kind === 'session_archive')).toHaveLength(1);
    expect(await db.outbox.get(archiveEntryId(sid(5)))).toMatchObject({ bytes: 1000 });
  });

  it('upgrade: the sessions main still queued itself become outbox entries once, in the order the calls ended, none twice', async () => {
    const db = freshDb();
    await session(db, sid(8)); // closed after the upgrade, before the first sync: already in the outbox
    const order: string[] = [];
    host(order, () => ({ kind: 'waiting', bytesLeft: 0, reason: '无法连接案件中心' }));
    let listed = 0;
    fakeHandlers.set('archive:unarchived', () => {
      listed++;
      return [
        { sessionId: sid(9), bytes: 5000, endedAt: Date.parse('2026-11-20T10:00:00Z') },
        { sessionId: sid(8), bytes: 7000, endedAt: Date.parse('2026-11-21T10:00:00Z') },
        { sessionId: sid(7), bytes: 6000, endedAt: Date.parse('2026-11-19T10:00:00Z') },
      ];
    });
    const engine = new SyncEngine(db, () => '1001');
    await engine.run();
    await engine.run();
    expect(listed).toBe(1);
    const sessions = (await db.outbox.orderBy('createdAt').toArray()).filter((e) => e.kind === 'session_archive');
    // Adopted behind what the outbox held already, among themselves in the order the calls ended.
    expect(sessions.map((e) => e.id)).toEqual([sid(8), sid(7), sid(9)].map(archiveEntryId));
    expect(order.slice(0, 3)).toEqual([sid(8), sid(7), sid(9)].map((id) => `upload ${id}`));
    expect(useSyncStore.getState()).toMatchObject({ archiveWaiting: 3 });
  });

  it('offline, the banner shows from the outbox the results, the sessions and the MB that wait', async () => {
    const db = freshDb();
    await addToOutbox(db, attempt('P0006'), '1001');
    await session(db, sid(6), 2 * MiB);
    await session(db, sid(7), MiB);
    fakeHandlers.set('center:push', () => ({ kind: 'offline', message: '无法连接案件中心' }));
    fakeHandlers.set('archive:unarchived', () => []);
    fakeHandlers.set('archive:upload', () => ({ kind: 'waiting', bytesLeft: 2 * MiB, reason: '无法连接案件中心' }));
    useSyncStore.getState().reset();
    expect((await new SyncEngine(db, () => '1001').run()).kind).toBe('offline');
    useSyncStore.getState().patch({ link: 'offline' });
    render(<OfflineBanner />);
    expect(screen.getByRole('status')).toHaveTextContent('1 条记录等待上传');
    expect(screen.getByRole('status')).toHaveTextContent('2 个通话录音待归档（3.0 MB）');
  });
});
