import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyPullPage, dropCasesNotIn } from '../../../renderer/data/case-repo';
import { countPendingOutbox } from '../../../renderer/data/outbox-repo';
import { addToOutbox } from '../../../renderer/data/outbox-writer';
import { newId } from '../../../renderer/data/new-id';
import { removeTrainingCases, seedTrainingCases } from '../../../renderer/data/training-cases';
import { makeCase } from '../../../shared/domain/fixtures';
import { isTrainingPolicy, trainingPolicyCase } from '../../../shared/domain/training-cases';
import { assigned, freshDb } from './test-db';

const practice = [
  trainingPolicyCase({ index: 1, phone: '13900009001', gender: 'male' }, '2026-12-01'),
  trainingPolicyCase({ index: 2, phone: '13900009002', gender: 'female' }, '2026-12-01'),
];

describe('training cases stay on the desk (README "The training line")', () => {
  it('seeding puts the practice cases in the queue under the reserved prefix; seeding again starts clean', async () => {
    const db = freshDb();
    await seedTrainingCases(db, practice, new Date('2026-12-01T02:00:00Z'));
    expect((await db.queue.toArray()).map((r) => r.policyNo).sort()).toEqual(['TRAIN-1', 'TRAIN-2']);
    await db.cases.update('TRAIN-1', { localState: 'done' });
    await db.queue.delete('TRAIN-1');
    await seedTrainingCases(db, practice, new Date('2026-12-01T03:00:00Z'));
    expect(await db.queue.count()).toBe(2);
    expect((await db.cases.get('TRAIN-1'))?.localState).toBe('open');
  });

  it('a practice fact never enters the outbox; a real one does', async () => {
    const db = freshDb();
    const item = (policyNo: string) => ({
      id: newId(),
      kind: 'result' as const,
      policyNo,
      occurredAt: '2026-12-01T10:00:00.000+08:00',
      data: { classification: 'standard' as const, kinds: [] },
    });
    await addToOutbox(db, item('TRAIN-1'), '1001');
    expect(await countPendingOutbox(db)).toBe(0);
    await addToOutbox(db, item('P2026000001'), '1001');
    expect(await countPendingOutbox(db)).toBe(1);
  });

  it('a full snapshot from the centre keeps the practice cases; moving to a real line removes them with what practice left', async () => {
    const db = freshDb();
    const real = makeCase({ policyNo: 'P2026000001' });
    await applyPullPage(db, { upserts: [assigned(real)], drops: [], callbacks: [], cursor: 'c1', hasMore: false } as never);
    await seedTrainingCases(db, practice);
    await db.attempts.put({ id: 'a1', policyNo: 'TRAIN-1', occurredAt: '2026-12-01T02:00:00Z' } as never);
    expect(await dropCasesNotIn(db, new Set(['P2026000001']))).toBe(0);
    expect(await db.cases.count()).toBe(3);
    await removeTrainingCases(db);
    expect((await db.cases.toCollection().primaryKeys()).filter((k) => isTrainingPolicy(k))).toEqual([]);
    expect(await db.queue.count()).toBe(1);
    expect(await db.attempts.count()).toBe(0);
  });
});
