import type { Table } from 'dexie';
import { maskName } from '../../shared/domain/masking';
import type { AssignedCase } from '../../shared/sync';
import { isSealed, type CacheCipher } from './cache-cipher';
import { summariseCase } from './case-summary';
import type { HuifangDb } from './huifang-db';
import { nameTokens } from './name-tokens';
import { LEGACY_PLAINTEXT } from './migrations';
import type { AttemptRecord, CallbackRecord, CallSessionRecord, OutboxEntry, PendingClose, PhoneCorrection, QueueRow } from './records';
import { sealedRows } from './sealed-rows';

/** Rows sealed per transaction. */
const CHUNK = 500;

type Row = Record<string, unknown>;

/**
 * Seals one table's plain rows: reads them, seals them outside any transaction, then writes each
 * back in a transaction that re-reads it first, so a row changed meanwhile is left for the next pass
 * rather than overwritten with stale data.
 */
async function sealTable(table: Table, key: string, isPlain: (r: Row) => boolean, seal: (r: Row) => Promise<Row>): Promise<number> {
  const plain = (await table.toArray()).filter((r: Row) => isPlain(r)) as Row[];
  let done = 0;
  for (let i = 0; i < plain.length; i += CHUNK) {
    const chunk = plain.slice(i, i + CHUNK);
    const sealed = await Promise.all(chunk.map(seal));
    await table.db.transaction('rw', table, async () => {
      const now = (await table.bulkGet(chunk.map((r) => r[key] as string))) as (Row | undefined)[];
      const write = sealed.filter((_, j) => now[j] !== undefined && isPlain(now[j]!));
      await table.bulkPut(write);
      done += write.length;
    });
  }
  return done;
}

const notBytes = (v: unknown) => !isSealed(v);
const noSealed = (r: Row) => !('sealed' in r);

/**
 * Seals the rows a cache of version 1–3 wrote in the clear (see migration v4): cases (data sealed,
 * queue summary added), queue rows (full name → masked name, name key and name tokens), attempts,
 * sessions, callbacks, outbox entries (unsent results included: nothing is dropped), phone
 * corrections and pending closes. Runs once after the upgrade (the `legacyPlaintext` mark), outside
 * any upgrade transaction; interrupted, it resumes at the next sign-in. Returns how many rows it
 * sealed.
 */
export async function sealLegacyRows(db: HuifangDb, cipher: CacheCipher, now = new Date()): Promise<number> {
  if (!(await db.settings.get(LEGACY_PLAINTEXT))) return 0;
  let n = 0;
  n += await sealTable(
    db.cases,
    'policyNo',
    (r) => notBytes(r.data),
    async (r) => ({
      ...r,
      data: await cipher.seal('cases', r.policyNo as string, r.data),
      summary: await summariseCase(cipher, r.data as AssignedCase['data'], now),
    }),
  );
  n += await sealTable(
    db.queue,
    'policyNo',
    (r) => typeof r.nameKey !== 'string',
    async (r) => {
      const row = r as unknown as QueueRow;
      const name = row.holderName ?? '';
      return { ...r, holderName: maskName(name), nameKey: await cipher.nameKey(name), nameTokens: await nameTokens(cipher, name) };
    },
  );
  n += await sealTable(db.attempts, 'id', noSealed, async (r) => (await sealedRows.sealAttempt(cipher, r as unknown as AttemptRecord)) as unknown as Row);
  n += await sealTable(db.sessions, 'id', noSealed, async (r) => (await sealedRows.sealSession(cipher, r as unknown as CallSessionRecord)) as unknown as Row);
  n += await sealTable(db.callbacks, 'id', noSealed, async (r) => (await sealedRows.sealCallback(cipher, r as unknown as CallbackRecord)) as unknown as Row);
  n += await sealTable(
    db.outbox,
    'id',
    (r) => notBytes(r.item),
    async (r) => (await sealedRows.sealOutbox(cipher, r as unknown as OutboxEntry)) as unknown as Row,
  );
  n += await sealTable(
    db.phoneCorrections,
    'id',
    noSealed,
    async (r) => (await sealedRows.sealCorrection(cipher, r as unknown as PhoneCorrection)) as unknown as Row,
  );
  n += await sealTable(
    db.pendingCloses,
    'sessionId',
    (r) => notBytes(r.request),
    async (r) => (await sealedRows.sealClose(cipher, r as unknown as PendingClose)) as unknown as Row,
  );
  await db.settings.delete(LEGACY_PLAINTEXT);
  return n;
}
