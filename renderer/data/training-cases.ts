import { TRAINING_POLICY_PREFIX } from '../../shared/domain/training-cases';
import type { PolicyCase } from '../../shared/domain/case';
import type { AssignedCase } from '../../shared/sync';
import { prepareCases } from './case-repo';
import type { HuifangDb } from './huifang-db';
import { toQueueRow } from './queue-rank';
import { windowCipher } from './window-cipher';

/** Every table keyed or indexed by policy number, where a practice call leaves rows. */
function tablesOf(db: HuifangDb) {
  return [db.cases, db.queue, db.attempts, db.sessions, db.callbacks, db.phoneCorrections] as const;
}

async function deleteTraining(db: HuifangDb): Promise<void> {
  const [cases, queue, attempts, sessions, callbacks, corrections] = tablesOf(db);
  const prefix = (t: { where(index: string): { startsWith(p: string): { delete(): Promise<number> } } }) =>
    t.where('policyNo').startsWith(TRAINING_POLICY_PREFIX).delete();
  await Promise.all([prefix(cases), prefix(queue), prefix(attempts), prefix(sessions), prefix(callbacks), prefix(corrections)]);
}

/**
 * Puts a fresh set of practice cases in the queue (the training line's simulated customers), wiping
 * what earlier practice left — attempts, sessions, callbacks — so every sign-in starts clean and a
 * practice call never counts towards the agent's day. Nothing here reaches the outbox. `deadline`:
 * today puts them at the top of the queue, where a newcomer looks first.
 */
export async function seedTrainingCases(db: HuifangDb, policies: readonly PolicyCase[], now = new Date(), deadline: string | null = null): Promise<void> {
  const upserts: AssignedCase[] = policies.map((p, i) => ({
    policyNo: p.policyNo,
    version: 1,
    status: 'assigned',
    kind: 'new',
    priority: i,
    deadline,
    escalated: false,
    visitMode: 'human_phone',
    flags: [],
    assignedAt: now.toISOString(),
    data: p as unknown as Record<string, unknown>,
  }));
  const prepared = await prepareCases(await windowCipher(), upserts, now);
  await db.transaction('rw', [...tablesOf(db)], async () => {
    await deleteTraining(db);
    await db.cases.bulkPut(prepared.map(({ incoming, data, summary }) => ({ ...incoming, data, summary, localState: 'open', syncedAt: now.toISOString() })));
    await db.queue.bulkPut(prepared.map(({ incoming, summary }) => toQueueRow(incoming, summary, { callbackAt: null, attempts: 0, localState: 'open' }, now)));
  });
}

/** Takes every practice case and what practice left out of the cache (the desk is on a real line). */
export async function removeTrainingCases(db: HuifangDb): Promise<void> {
  await db.transaction('rw', [...tablesOf(db)], () => deleteTraining(db));
}
