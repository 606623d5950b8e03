import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { watchCallbacks } from '../../../../renderer/features/callbacks/callback-watcher';
import { checkCallback } from '../../../../renderer/features/callbacks/callback-rules';
import { newId } from '../../../../renderer/data/new-id';
import { addCallbacks, assigned, freshDb, policy, seedCases } from '../../data/test-db';

describe('callbacks', () => {
  it('a due callback (mine or anyone’s) raises a desktop notification and moves the case to the callback-due tier', async () => {
    const db = freshDb();
    await seedCases(db, [
      assigned(policy({ policyNo: 'P5000000001' })),
      assigned(policy({ policyNo: 'P5000000002' })),
      assigned(policy({ policyNo: 'P5000000003' })),
    ]);
    const now = new Date('2026-11-25T06:00:00.000Z');
    const base = { bookedBy: '2001', bookedAt: now.toISOString(), note: '', overrideReason: null, state: 'pending' as const };
    await addCallbacks(db, [
      { ...base, id: newId(), policyNo: 'P5000000001', dueAt: '2026-11-25T05:59:00.000Z', owner: null },
      { ...base, id: newId(), policyNo: 'P5000000002', dueAt: '2026-11-25T05:00:00.000Z', owner: '2001' }, // someone else's
      { ...base, id: newId(), policyNo: 'P5000000003', dueAt: '2026-11-25T07:00:00.000Z', owner: '1001' }, // not due yet
    ]);
    const notes: string[] = [];
    const due: string[] = [];
    const w = watchCallbacks(
      db,
      '1001',
      (p) => due.push(p),
      (title, body) => notes.push(`${title}|${body}`),
      () => now,
    );
    await w.check();
    w.stop();
    expect(due).toContain('P5000000001');
    expect(due).not.toContain('P5000000002');
    expect(due).not.toContain('P5000000003');
    expect(notes.some((n) => n.includes('P5000000001'))).toBe(true);
    expect(await db.queue.get('P5000000001')).toMatchObject({ tier: 1, badges: expect.arrayContaining(['callback_due']) });
    expect(await db.queue.get('P5000000003')).toMatchObject({ tier: 2 });
  });

  it('a callback after the deadline needs an override reason; one in the past is refused', () => {
    const now = Date.parse('2026-11-25T02:00:00.000Z');
    expect(checkCallback('2026-11-25T01:00:00.000Z', '2026-11-30', now)).toBe('past');
    expect(checkCallback('2026-11-26T02:00:00.000Z', '2026-11-30', now)).toBeNull();
    expect(checkCallback('2026-12-05T02:00:00.000Z', '2026-11-30', now)).toBe('after_deadline');
  });
});

describe('callback watcher: concurrent checks', () => {
  it('a callback falling due is announced once even when checks overlap', async () => {
    const db = freshDb();
    await seedCases(db, [assigned(policy({ policyNo: 'P5000000009' }))]);
    const now = new Date('2026-11-25T06:00:00.000Z');
    await addCallbacks(db, [
      {
        id: newId(),
        policyNo: 'P5000000009',
        dueAt: '2026-11-25T05:00:00.000Z',
        owner: '1001',
        bookedBy: '1001',
        bookedAt: now.toISOString(),
        note: '',
        overrideReason: null,
        state: 'pending',
      },
    ]);
    const notes: string[] = [];
    const w = watchCallbacks(
      db,
      '1001',
      () => undefined,
      (_t, body) => notes.push(body),
      () => now,
    );
    // The watcher's own first check is running; two more are asked for at once.
    const counts = await Promise.all([w.check(), w.check(), w.check()]);
    w.stop();
    expect(notes).toHaveLength(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect((await db.callbacks.toArray())[0].state).toBe('notified');
  });
});
