import 'fake-indexeddb/auto';
import { makeCase, type DeepPartial } from '../../../shared/domain/fixtures';
import type { PolicyCase } from '../../../shared/domain/case';
import type { AssignedCase } from '../../../shared/sync';
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { applyPullPage } from '../../../renderer/data/case-repo';
import type { AttemptRecord, CallbackRecord, CallSessionRecord, PhoneCorrection } from '../../../renderer/data/records';
import { sealedRows } from '../../../renderer/data/sealed-rows';
import { windowCipher } from '../../../renderer/data/window-cipher';

let seq = 0;

/** A fresh cache database with a unique name (fake-indexeddb). */
export function freshDb(): HuifangDb {
  return new HuifangDb(`test-db-${process.pid}-${++seq}-${Math.random().toString(36).slice(2)}`);
}

/** An assigned case as the centre sends it. */
export function assigned(policy: PolicyCase, patch: Partial<AssignedCase> = {}): AssignedCase {
  return {
    policyNo: policy.policyNo,
    version: 1,
    status: 'assigned',
    kind: 'new',
    priority: 0,
    deadline: '2099-12-31',
    escalated: false,
    visitMode: 'phone',
    flags: [],
    assignedAt: '2026-11-20T08:00:00.000Z',
    data: policy as unknown as Record<string, unknown>,
    ...patch,
  };
}

/** Stores cases in the cache as a pull would. */
export async function seedCases(db: HuifangDb, cases: readonly AssignedCase[], now = new Date()): Promise<void> {
  await applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [...cases], drops: [] }, now);
}

/** A synthetic case with overrides. */
export function policy(overrides: DeepPartial<PolicyCase> = {}): PolicyCase {
  return makeCase(overrides);
}

/** Every outbox entry with its item opened, oldest first. */
export { readOutbox } from '../../../renderer/data/outbox-repo';

/** Adds callbacks as the app stores them (note sealed). */
export async function addCallbacks(db: HuifangDb, rows: readonly CallbackRecord[]): Promise<void> {
  const cipher = await windowCipher();
  await db.callbacks.bulkAdd(await Promise.all(rows.map((r) => sealedRows.sealCallback(cipher, r))));
}

/** Adds attempts as the app stores them (phone and note sealed). */
export async function addAttempts(db: HuifangDb, rows: readonly AttemptRecord[]): Promise<void> {
  const cipher = await windowCipher();
  await db.attempts.bulkAdd(await Promise.all(rows.map((r) => sealedRows.sealAttempt(cipher, r))));
}

/** Every cached phone correction, opened. */
export async function allCorrections(db: HuifangDb): Promise<PhoneCorrection[]> {
  const cipher = await windowCipher();
  return Promise.all((await db.phoneCorrections.toArray()).map((s) => sealedRows.openCorrection(cipher, s)));
}

/** Every cached callback, opened. */
export async function allCallbacks(db: HuifangDb): Promise<CallbackRecord[]> {
  const cipher = await windowCipher();
  return Promise.all((await db.callbacks.toArray()).map((s) => sealedRows.openCallback(cipher, s)));
}

/** Every cached attempt, opened. */
export async function allAttempts(db: HuifangDb): Promise<AttemptRecord[]> {
  const cipher = await windowCipher();
  return Promise.all((await db.attempts.toArray()).map((s) => sealedRows.openAttempt(cipher, s)));
}

/** Adds call sessions as the app stores them (answers sealed). */
export async function addSessions(db: HuifangDb, rows: readonly CallSessionRecord[]): Promise<void> {
  const cipher = await windowCipher();
  await db.sessions.bulkAdd(await Promise.all(rows.map((r) => sealedRows.sealSession(cipher, r))));
}
