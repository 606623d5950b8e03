import type { CarriedProgress } from '../../shared/domain/script/carried-progress';
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

/**
 * The answers a cut-off call left for the next call of the case (docs/domain.md §6): those of the
 * latest reached attempt that said anything about them (an attempt that did not reach the
 * policyholder leaves them as they were). Null: start the script afresh.
 */
export async function readCarriedProgress(db: HuifangDb, policyNo: string): Promise<CarriedProgress | null> {
  const attempts = (await readAttempts(db, policyNo)).filter((a) => a.progress !== undefined);
  attempts.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return attempts.at(-1)?.progress ?? null;
}

/** What the latest call of a case came to at this desk (the training line's verdict reads it). */
export interface LatestResult {
  /** The latest attempt's finer outcome (`completed` for a finished visit), or null: none yet. */
  readonly attemptDetail: string | null;
  /** The latest session's classification and kind codes (null: no session closed with a result). */
  readonly classification: string | null;
  readonly kinds: readonly string[];
  /** A callback is booked and still to be made. */
  readonly callbackBooked: boolean;
}

/** Reads `LatestResult` for a case. Clear fields only, except the callbacks' states (clear too). */
export async function readLatestResult(db: HuifangDb, policyNo: string): Promise<LatestResult> {
  const [attempts, sessions, callbacks] = await Promise.all([
    db.attempts.where('policyNo').equals(policyNo).sortBy('occurredAt'),
    db.sessions.where('policyNo').equals(policyNo).sortBy('startedAt'),
    db.callbacks
      .where('policyNo')
      .equals(policyNo)
      .filter((c) => c.state === 'pending' || c.state === 'notified')
      .count(),
  ]);
  const session = sessions.at(-1);
  return {
    attemptDetail: attempts.at(-1)?.detail ?? null,
    classification: session?.classification ?? null,
    kinds: session?.kinds ?? [],
    callbackBooked: callbacks > 0,
  };
}
