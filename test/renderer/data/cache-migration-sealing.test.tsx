import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { readAttempts } from '../../../renderer/data/case-history';
import { readCase } from '../../../renderer/data/case-repo';
import { readCorrections } from '../../../renderer/data/correct-phone';
import { fillNameTokens } from '../../../renderer/data/fill-name-tokens';
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { CACHE_VERSION } from '../../../renderer/data/migrations';
import { nameTokens } from '../../../renderer/data/name-tokens';
import { newId } from '../../../renderer/data/new-id';
import { forgetWindowCipher, windowCipher } from '../../../renderer/data/window-cipher';
import type { PolicyCase } from '../../../shared/domain/case';
import { assigned, freshDb, policy } from './test-db';

/** A policyholder whose every personal value is distinctive enough to search the raw database for. */
const holder: PolicyCase = policy({
  policyNo: 'P8800000001',
  policyholder: { name: '欧阳测试明', phones: ['13812345678', '02166668888'], address: '测试省测试市测试区样例路88号', birthDate: '1961-02-03' },
});
const SECRETS = {
  name: '欧阳测试明',
  idNumber: holder.policyholder.idNumber,
  phone: '13812345678',
  landline: '02166668888',
  address: '测试省测试市测试区样例路88号',
  birthDate: '1961-02-03',
  corrected: '13987654321',
  note: '客户说新号码13911112222',
  callbackNote: '下午三点打给欧阳先生',
};

/** Every row of every table, read with a plain Dexie (no schema, no cipher) and serialised. */
async function rawDump(name: string): Promise<{ tables: Record<string, number>; text: string }> {
  const raw = new Dexie(name);
  await raw.open();
  const tables: Record<string, number> = {};
  let text = '';
  for (const t of raw.tables) {
    const rows = await t.toArray();
    tables[t.name] = rows.length;
    text += `${t.name}:${JSON.stringify(rows)}\n`;
  }
  raw.close();
  return { tables, text };
}

function expectNoPlaintext(text: string, values: Record<string, string>) {
  for (const [what, value] of Object.entries(values)) {
    expect(value.length, what).toBeGreaterThan(4);
    expect(text.includes(value), `${what} (${value}) found in the raw cache`).toBe(false);
  }
}

afterEach(() => forgetWindowCipher());

describe('migration to the encrypted cache (v3 → v4, then v5 name tokens)', () => {
  it('seals every plaintext row of a version-3 cache, loses none (unsent results above all), and the app reads them back', async () => {
    const name = `migrate-v3-${Math.random()}`;
    const v3 = new HuifangDb(name, 3);
    const outboxItem = {
      id: newId(),
      kind: 'result' as const,
      policyNo: holder.policyNo,
      occurredAt: '2026-11-25T10:00:00.000+08:00',
      data: { classification: 'standard' as const, kinds: [], note: SECRETS.note, answers: { identity: 'yes' } },
    };
    await v3.table('cases').add({ ...assigned(holder), localState: 'open', syncedAt: '2026-11-25T00:00:00.000Z' });
    await v3.table('queue').add({
      policyNo: holder.policyNo,
      rank: `2|2099-12-31|${holder.policyNo}`,
      tier: 2,
      kind: 'new',
      status: 'assigned',
      deadline: '2099-12-31',
      holderName: SECRETS.name,
      productName: '测试终身寿险',
      badges: [],
      redFlags: [],
      callbackAt: null,
      attempts: 1,
      localState: 'open',
    });
    await v3.table('attempts').add({
      id: 'a1',
      policyNo: holder.policyNo,
      occurredAt: '2026-11-24T02:00:00.000Z',
      outcome: 'no_answer',
      detail: 'no_answer',
      phone: SECRETS.phone,
      agent: '1001',
      note: SECRETS.note,
    });
    await v3.table('sessions').add({
      id: 's1',
      policyNo: holder.policyNo,
      agent: '1001',
      startedAt: 'x',
      endedAt: null,
      callId: null,
      recordingSessionId: null,
      answers: { identity: SECRETS.name },
      classification: null,
      kinds: [],
    });
    await v3.table('callbacks').add({
      id: 'cb1',
      policyNo: holder.policyNo,
      dueAt: '2026-11-26T02:00:00.000Z',
      owner: '1001',
      bookedBy: '1001',
      bookedAt: 'x',
      note: SECRETS.callbackNote,
      overrideReason: null,
      state: 'pending',
    });
    await v3.table('outbox').add({
      id: outboxItem.id,
      item: outboxItem,
      author: '1001',
      createdAt: '2026-11-25T00:00:00.000Z',
      state: 'pending',
      tries: 2,
      lastError: 'offline',
      deliveredAt: null,
    });
    await v3
      .table('phoneCorrections')
      .add({ id: 'pc1', policyNo: holder.policyNo, original: SECRETS.phone, corrected: SECRETS.corrected, reason: '客户更正', by: '1001', at: 'x' });
    await v3.table('pendingCloses').add({
      sessionId: 's1',
      request: { sessionId: 's1', answers: {}, outcome: 'standard', outcomeNote: SECRETS.note },
      since: 'x',
      tries: 1,
      lastError: null,
    });
    await v3.table('settings').put({ key: 'syncCursor', value: 'c9-9' });
    v3.close();

    const db = new HuifangDb(name);
    await db.open();
    expect(db.verno).toBe(CACHE_VERSION);
    const { sealLegacyRows } = await import('../../../renderer/data/seal-legacy-rows');
    const cipher = await windowCipher();
    // The name-token fill (v5) waits until the plaintext rows are sealed …
    expect(await fillNameTokens(db, cipher)).toBe(0);
    expect(await db.settings.get('nameTokensPending')).toBeDefined();
    expect(await sealLegacyRows(db, cipher)).toBe(8);
    expect(await sealLegacyRows(db, cipher)).toBe(0); // once
    // … which already gave every row its tokens: nothing left to fill, the mark goes.
    expect(await fillNameTokens(db, cipher)).toBe(0);
    expect(await db.settings.get('nameTokensPending')).toBeUndefined();

    const { tables, text } = await rawDump(name);
    expect(tables).toMatchObject({ cases: 1, queue: 1, attempts: 1, sessions: 1, callbacks: 1, outbox: 1, phoneCorrections: 1, pendingCloses: 1 });
    expectNoPlaintext(text, { ...SECRETS, landline: SECRETS.landline });

    // Nothing lost: the unsent result is still pending with its tries, and opens to the same item.
    const { pendingOutbox } = await import('../../../renderer/data/outbox-repo');
    const pending = await pendingOutbox(db, 10, '1001');
    expect(pending).toMatchObject([{ id: outboxItem.id, tries: 2, lastError: 'offline', item: outboxItem }]);
    expect((await readCase(db, holder.policyNo))?.data).toEqual(holder);
    const tokens = await nameTokens(cipher, SECRETS.name);
    expect(await db.queue.get(holder.policyNo)).toMatchObject({
      holderName: '欧***明',
      nameKey: await cipher.nameKey(SECRETS.name),
      nameTokens: tokens,
      attempts: 1,
    });
    expect((await db.cases.get(holder.policyNo))?.summary.nameTokens).toBe(tokens);
    expect(await readAttempts(db, holder.policyNo)).toMatchObject([{ id: 'a1', phone: SECRETS.phone, note: SECRETS.note }]);
    expect(await readCorrections(db, holder.policyNo)).toMatchObject([{ corrected: SECRETS.corrected }]);
    expect((await db.settings.get('syncCursor'))?.value).toBe('c9-9');
    db.close();
    await Dexie.delete(name);
  });

  it('a cache created at version 4 has nothing to seal', async () => {
    const db = freshDb();
    await db.open();
    expect(await db.settings.get('legacyPlaintext')).toBeUndefined();
  });
});
