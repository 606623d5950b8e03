import type { HuifangDb } from './huifang-db';
import type { AttemptRecord, CallbackRecord } from './records';
import { sealedRows } from './sealed-rows';
import { windowCipher } from './window-cipher';

/**
 * A case's attempts, opened. Safe as a liveQuery querier: the Dexie read first, the WebCrypto
 * work after it.
 */
export async function readAttempts(db: HuifangDb, policyNo: string): Promise<AttemptRecord[]> {
  const stored = await db.attempts.where('policyNo').equals(policyNo).toArray();
  const cipher = await windowCipher();
  return Promise.all(stored.map((a) => sealedRows.openAttempt(cipher, a)));
}

/** A case's callbacks still to be made (pending or notified), opened. liveQuery-safe like `readAttempts`. */
export async function readOpenCallbacks(db: HuifangDb, policyNo: string): Promise<CallbackRecord[]> {
  const stored = await db.callbacks
    .where('policyNo')
    .equals(policyNo)
    .filter((c) => c.state === 'pending' || c.state === 'notified')
    .toArray();
  const cipher = await windowCipher();
  return Promise.all(stored.map((c) => sealedRows.openCallback(cipher, c)));
}

/**
 * The finer outcomes (`detail`) of a case's attempts, oldest first. Clear fields only: nothing to
 * open.
 */
export async function readAttemptDetails(db: HuifangDb, policyNo: string): Promise<string[]> {
  const list = await db.attempts.where('policyNo').equals(policyNo).sortBy('occurredAt');
  return list.map((a) => a.detail);
}
