import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handOverCache } from '../../../renderer/data/cache-handover';
import { claimDueCallbacks } from '../../../renderer/data/callback-repo';
import { readAttemptDetails } from '../../../renderer/data/case-history';
import { newId } from '../../../renderer/data/new-id';
import { addToOutbox, prepareOutbox } from '../../../renderer/data/outbox-writer';
import { applyAcks, outboxStatus } from '../../../renderer/data/outbox-repo';
import { readFirstPage, readQueueRow, readWholeQueue } from '../../../renderer/data/queue-repo';
import type { AttemptRecord, CallbackRecord } from '../../../renderer/data/records';
import { sealedRows } from '../../../renderer/data/sealed-rows';
import { readSetting, writeSetting } from '../../../renderer/data/settings-repo';
import { storeVisit } from '../../../renderer/data/visit-repo';
import { windowCipher } from '../../../renderer/data/window-cipher';
import type { PushItem } from '../../../shared/sync';
import { addAttempts, addCallbacks, allCallbacks, assigned, freshDb, policy, readOutbox, seedCases } from './test-db';

const NOW = new Date('2026-11-25T06:00:00.000Z');
const callback = (policyNo: string, patch: Partial<CallbackRecord> = {}): CallbackRecord => ({
  id: newId(),
  policyNo,
  dueAt: '2026-11-25T05:00:00.000Z',
  owner: null,
  bookedBy: '1001',
  bookedAt: NOW.toISOString(),
  note: '',
  overrideReason: null,
  state: 'pending',
  ...patch,
});
const attempt = (policyNo: string, occurredAt: string, detail: string): AttemptRecord => ({
  id: newId(),
  policyNo,
  occurredAt,
  outcome: 'no_answer',
  detail,
  phone: '13900000000',
  agent: '1001',
});
const result = (policyNo: string): PushItem => ({
  id: newId(),
  kind: 'result',
  policyNo,
  occurredAt: NOW.toISOString(),
  data: { classification: 'standard', kinds: [] },
});

describe('cache repositories: queue', () => {
  it('the first page and the whole queue come in queue order; a row is read by its policy number', async () => {
    const db = freshDb();
    await seedCases(
      db,
      [
        assigned(policy({ policyNo: 'P7000000001' })),
        assigned(policy({ policyNo: 'P7000000002' }), { kind: 'verification' }),
        assigned(policy({ policyNo: 'P7000000003' })),
      ],
      NOW,
    );
    const whole = await readWholeQueue(db);
    expect(whole.map((r) => r.rank)).toEqual([...whole.map((r) => r.rank)].sort());
    expect(whole[0].policyNo).toBe('P7000000002'); // verification cases lead the queue
    expect(await readFirstPage(db, 2)).toEqual(whole.slice(0, 2));
    expect((await readQueueRow(db, 'P7000000003'))?.policyNo).toBe('P7000000003');
    expect(await readQueueRow(db, 'P7999999999')).toBeUndefined();
    db.close();
  });
});

describe('cache repositories: callbacks', () => {
  it('a due callback is claimed once, for its owner or for anyone when it has none', async () => {
    const db = freshDb();
    await addCallbacks(db, [
      callback('P7100000001'),
      callback('P7100000002', { owner: '2001' }),
      callback('P7100000003', { dueAt: '2026-11-25T07:00:00.000Z' }),
      callback('P7100000004', { state: 'done' }),
    ]);
    const first = await claimDueCallbacks(db, NOW, '1001');
    expect(first.map((c) => c.policyNo)).toEqual(['P7100000001']);
    expect(await claimDueCallbacks(db, NOW, '1001')).toEqual([]);
    expect((await claimDueCallbacks(db, NOW, '2001')).map((c) => c.policyNo)).toEqual(['P7100000002']);
    const states = Object.fromEntries((await allCallbacks(db)).map((c) => [c.policyNo, c.state]));
    expect(states).toEqual({ P7100000001: 'notified', P7100000002: 'notified', P7100000003: 'pending', P7100000004: 'done' });
    db.close();
  });
});

describe('cache repositories: outbox', () => {
  it('the outbox status counts only the author’s waiting entries and lists their refused ones newest first', async () => {
    const db = freshDb();
    const [a, b, c, d] = [result('P7200000001'), result('P7200000002'), result('P7200000003'), result('P7200000004')];
    for (const item of [a, b, c]) await addToOutbox(db, item, '1001');
    await addToOutbox(db, d, '2001');
    await applyAcks(db, [
      { id: a.id, status: 'rejected', reason: { code: 'unknown_case', zh: '没有这个保单', en: 'unknown case' } },
      { id: b.id, status: 'rejected', reason: { code: 'unknown_case', zh: '没有这个保单', en: 'unknown case' } },
      { id: d.id, status: 'rejected', reason: { code: 'unknown_case', zh: '没有这个保单', en: 'unknown case' } },
    ]);
    const mine = await outboxStatus(db, '1001');
    expect(mine.waiting).toEqual({ results: 1, sessions: 0, bytes: 0 });
    expect(mine.refused.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(mine.refused[0]).toMatchObject({ kind: 'result', policyNo: 'P7200000002', lastError: '没有这个保单' });
    expect(await outboxStatus(db, null)).toEqual({ waiting: { results: 0, sessions: 0, bytes: 0 }, refused: [] });
    db.close();
  });
});

describe('cache repositories: a visit', () => {
  async function visitRows(policyNo: string, finished: boolean, booked: CallbackRecord | null) {
    const cipher = await windowCipher();
    const at = attempt(policyNo, NOW.toISOString(), finished ? 'completed' : 'no_answer');
    return {
      attempt: await sealedRows.sealAttempt(cipher, at),
      session: await sealedRows.sealSession(cipher, {
        id: newId(),
        policyNo,
        agent: '1001',
        startedAt: NOW.toISOString(),
        endedAt: NOW.toISOString(),
        callId: null,
        recordingSessionId: null,
        answers: {},
        classification: null,
        kinds: [],
      }),
      callback: booked ? await sealedRows.sealCallback(cipher, booked) : null,
      outbox: [await prepareOutbox(result(policyNo), '1001', NOW)],
      finished,
    };
  }

  it('a final result takes the case out of the queue and marks it done, with its outbox entry', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P7300000001' }))], NOW);
    await storeVisit(db, 'P7300000001', await visitRows('P7300000001', true, null), NOW);
    expect(await readQueueRow(db, 'P7300000001')).toBeUndefined();
    expect((await db.cases.get('P7300000001'))?.localState).toBe('done');
    expect(await readAttemptDetails(db, 'P7300000001')).toEqual(['completed']);
    expect((await readOutbox(db)).map((e) => (e.item.kind === 'result' ? e.item.policyNo : null))).toEqual(['P7300000001']);
    db.close();
  });

  it('a new booking supersedes the case’s open callback; without one, only the announced callback is closed', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P7300000002' })), assigned(policy({ policyNo: 'P7300000003' }))], NOW);
    const old = callback('P7300000002', { state: 'notified' });
    const announced = callback('P7300000003', { state: 'notified' });
    const later = callback('P7300000003', { dueAt: '2026-11-26T05:00:00.000Z' });
    await addCallbacks(db, [old, announced, later]);
    const booked = callback('P7300000002', { dueAt: '2026-11-27T02:00:00.000Z' });
    await storeVisit(db, 'P7300000002', await visitRows('P7300000002', false, booked), NOW);
    await storeVisit(db, 'P7300000003', await visitRows('P7300000003', false, null), NOW);
    const state = new Map((await allCallbacks(db)).map((c) => [c.id, c.state]));
    expect([state.get(old.id), state.get(booked.id), state.get(announced.id), state.get(later.id)]).toEqual(['done', 'pending', 'done', 'pending']);
    // The case stays queued with its attempt counted and the next pending callback shown.
    expect(await readQueueRow(db, 'P7300000002')).toMatchObject({ attempts: 1, callbackAt: booked.dueAt });
    expect(await readQueueRow(db, 'P7300000003')).toMatchObject({ attempts: 1, callbackAt: later.dueAt });
    db.close();
  });

  it('the attempts’ finer outcomes come oldest first', async () => {
    const db = freshDb();
    await addAttempts(db, [attempt('P7300000004', '2026-11-25T03:00:00.000Z', 'busy'), attempt('P7300000004', '2026-11-25T01:00:00.000Z', 'switched_off')]);
    expect(await readAttemptDetails(db, 'P7300000004')).toEqual(['switched_off', 'busy']);
    db.close();
  });
});

describe('cache repositories: sign-in', () => {
  it('another agent’s sign-in drops the cached cases and queue and restarts the pull; the same agent’s keeps them', async () => {
    const db = freshDb();
    await writeSetting(db, 'lastStaffNo', '1001');
    await writeSetting(db, 'syncCursor', 'c1-9');
    await seedCases(db, [assigned(policy({ policyNo: 'P7400000001' }))], NOW);
    expect(await handOverCache(db, '1001')).toBe(false);
    expect(await readWholeQueue(db)).toHaveLength(1);
    expect(await handOverCache(db, '2001')).toBe(true);
    expect(await readWholeQueue(db)).toEqual([]);
    expect(await db.cases.count()).toBe(0);
    expect(await readSetting(db, 'syncCursor')).toBeNull();
    expect(await readSetting(db, 'lastStaffNo')).toBe('2001');
    db.close();
  });
});
