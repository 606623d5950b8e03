import { CacheSealError, type CacheCipher } from './cache-cipher';
import type { HuifangDb } from './huifang-db';
import { LEGACY_PLAINTEXT, NAME_TOKENS_PENDING } from './migrations';
import { nameTokens, type NameTokenMemo } from './name-tokens';
import type { QueueRow, StoredCase } from './records';

/** Cases opened per transaction. */
const CHUNK = 500;

const lacksTokens = (x: { nameTokens?: unknown } | undefined): boolean => x !== undefined && typeof x.nameTokens !== 'string';

/** The policyholder's name in a case's opened data ('' when there is none). */
function holderName(data: unknown): string {
  const name = (data as { policyholder?: { name?: unknown } } | null)?.policyholder?.name;
  return typeof name === 'string' ? name : '';
}

/** Tokens of a stored case's name: its data opened; '' for data that does not open (logged). */
async function tokensOf(cipher: CacheCipher, c: StoredCase, memo: NameTokenMemo): Promise<string> {
  try {
    return await nameTokens(cipher, holderName(await cipher.open('cases', c.policyNo, c.data)), memo);
  } catch (err) {
    if (!(err instanceof CacheSealError)) throw err;
    console.warn(`name tokens: case ${c.policyNo} does not open; it stays findable by policy number only`);
    return '';
  }
}

/**
 * Fills the name tokens of a cache upgraded to v5 (see `migrations.ts`): every case summary and
 * queue row written before v5 gets the tokens of its policyholder's name, worked out from the
 * sealed case data (opened here, never written back in the clear). Runs after `sealLegacyRows`
 * (it waits while the cache still holds plaintext rows) and outside any transaction, in chunks:
 * each chunk's tokens are computed first, then written in a transaction that re-reads the rows and
 * touches only those still unchanged and still without tokens, so a case a pull replaced meanwhile
 * keeps its newer data. Nothing else in a row changes. The `nameTokensPending` mark is cleared only
 * once no row lacks tokens; interrupted, it resumes at the next sign-in, skipping rows already done.
 * Returns how many rows (cases + queue rows) it filled.
 */
export async function fillNameTokens(db: HuifangDb, cipher: CacheCipher): Promise<number> {
  if (!(await db.settings.get(NAME_TOKENS_PENDING))) return 0;
  if (await db.settings.get(LEGACY_PLAINTEXT)) return 0;
  let filled = 0;
  let left = 0;
  const keys = await db.cases.toCollection().primaryKeys();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const read = await db.cases.bulkGet(keys.slice(i, i + CHUNK));
    const todo = read.filter((c): c is StoredCase => c !== undefined && lacksTokens(c.summary));
    if (todo.length === 0) continue;
    const memo: NameTokenMemo = new Map();
    const tokens = await Promise.all(todo.map((c) => tokensOf(cipher, c, memo)));
    await db.transaction('rw', [db.cases, db.queue], async () => {
      const ids = todo.map((c) => c.policyNo);
      const [cases, rows] = await Promise.all([db.cases.bulkGet(ids), db.queue.bulkGet(ids)]);
      const casesOut: StoredCase[] = [];
      const rowsOut: QueueRow[] = [];
      cases.forEach((c, j) => {
        if (c === undefined || !lacksTokens(c.summary)) return; // dropped, or re-stored with tokens
        if (c.data !== todo[j].data) {
          left++; // changed meanwhile without tokens: the next pass opens the new data
          return;
        }
        casesOut.push({ ...c, summary: { ...c.summary, nameTokens: tokens[j] } });
        if (lacksTokens(rows[j])) rowsOut.push({ ...rows[j]!, nameTokens: tokens[j] });
      });
      await db.cases.bulkPut(casesOut);
      await db.queue.bulkPut(rowsOut);
      filled += casesOut.length + rowsOut.length;
    });
  }
  // Queue rows still without tokens: their case got tokens another way (a pull, a refresh), or
  // there is no case to take a name from (findable by policy number only).
  await db.transaction('rw', [db.cases, db.queue], async () => {
    const rows = await db.queue.filter((r) => lacksTokens(r)).toArray();
    const cases = await db.cases.bulkGet(rows.map((r) => r.policyNo));
    const out: QueueRow[] = [];
    rows.forEach((r, j) => {
      const c = cases[j];
      if (c !== undefined && lacksTokens(c.summary)) left++;
      else out.push({ ...r, nameTokens: c?.summary.nameTokens ?? '' });
    });
    await db.queue.bulkPut(out);
    filled += out.length;
  });
  if (left === 0) await db.settings.delete(NAME_TOKENS_PENDING);
  return filled;
}
