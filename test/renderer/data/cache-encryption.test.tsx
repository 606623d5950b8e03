import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/app/app';
import { CacheSealError } from '../../../renderer/data/cache-cipher';
import { readAttempts } from '../../../renderer/data/case-history';
import { applyPullPage, readCase } from '../../../renderer/data/case-repo';
import { correctPhone, readCorrections } from '../../../renderer/data/correct-phone';
import { fillNameTokens } from '../../../renderer/data/fill-name-tokens';
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { CACHE_VERSION } from '../../../renderer/data/migrations';
import { nameTokens } from '../../../renderer/data/name-tokens';
import { newId } from '../../../renderer/data/new-id';
import { storePulledCallbacks } from '../../../renderer/data/pulled-callbacks';
import { closeSessionDurably } from '../../../renderer/data/session-close';
import { CacheLockedError, forgetWindowCipher, windowCipher } from '../../../renderer/data/window-cipher';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { writeVisit } from '../../../renderer/features/outcome/visit-writes';
import { DomainError } from '../../../shared/ipc/ipc-error';
import type { PolicyCase } from '../../../shared/domain/case';
import { fakeHandlers } from '../../setup/fake-huifang';
import { assigned, freshDb, policy, readOutbox } from './test-db';

/** A policyholder whose every personal value is distinctive enough to search the raw database for. */
const holder: PolicyCase = policy({
  policyNo: 'P8800000001',
  policyholder: { name: '欧阳测试明', phones: ['13812345678', '02166668888'], address: '测试省测试市测试区样例路88号', birthDate: '1961-02-03' },
});
const REC = '0b6d2f0e-0000-4000-8000-0000000000aa';
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

describe('offline cache encrypted at rest (docs/domain.md §11: personal data encrypted at rest)', () => {
  it('after a pull, a visit, a callback and a phone correction no name, ID number, phone, address or note is readable in IndexedDB', async () => {
    const db = freshDb();
    const now = new Date('2026-11-25T02:00:00.000Z');
    await applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: true, upserts: [assigned(holder)], drops: [] }, now);
    await storePulledCallbacks(db, [{ id: newId(), policyNo: holder.policyNo, dueAt: '2026-11-26T02:00:00.000Z', assignee: '1001', bookedBy: '1002', bookedAt: now.toISOString(), note: SECRETS.callbackNote, overrideReason: null }], now);
    await correctPhone(db, { policyNo: holder.policyNo, original: SECRETS.phone, corrected: SECRETS.corrected, reason: '客户更正', by: '1001' }, now);
    await writeVisit(
      db,
      {
        policyNo: holder.policyNo,
        agent: '1001',
        phone: SECRETS.corrected,
        callId: 'call-1',
        recordingSessionId: REC,
        startedAt: now.toISOString(),
        endedAt: now.toISOString(),
        attempt: 'busy',
        answers: { identity: SECRETS.name },
        result: null,
        callback: { dueAt: '2026-11-27T02:00:00.000Z', owner: null, note: SECRETS.callbackNote, overrideReason: null },
        notes: SECRETS.note,
      },
      now,
    );
    fakeHandlers.set('session:close', () => {
      throw new Error('ENOSPC');
    });
    expect(await closeSessionDurably(db, { sessionId: REC, answers: { identity: SECRETS.name }, outcome: 'interim:busy', outcomeNote: SECRETS.note }, now)).toBe('pending');

    const { tables, text } = await rawDump(db.name);
    // Every table that holds personal data has rows: the scan is not vacuous.
    expect(tables).toMatchObject({ cases: 1, queue: 1, attempts: 1, sessions: 1, callbacks: 2, outbox: 3, phoneCorrections: 1, pendingCloses: 1 });
    expectNoPlaintext(text, SECRETS);
    // What stays clear is what the cache queries on, plus the masked name.
    expect(text).toContain(holder.policyNo);
    expect(text).toContain('欧***明');

    // The app itself still reads everything back.
    expect((await readCase(db, holder.policyNo))?.data).toEqual(holder);
    expect((await readAttempts(db, holder.policyNo))[0]).toMatchObject({ phone: SECRETS.corrected, note: SECRETS.note });
    expect((await readCorrections(db, holder.policyNo))[0]).toMatchObject({ original: SECRETS.phone, corrected: SECRETS.corrected });
    expect((await readOutbox(db)).map((e) => e.item.kind)).toEqual(['phone_correction', 'attempt', 'callback']);
  });

  it('search by part of a name stores no name character beyond the masked name (Chinese and Latin names)', async () => {
    const db = freshDb();
    // Characters that occur in no fixture text, so any of them in the raw cache comes from the name.
    const cjk = policy({ policyNo: 'P8800000003', policyholder: { name: '司马翀骞' } });
    const latin = policy({ policyNo: 'P8800000004', policyholder: { name: 'Maximilian Oberhuber' } });
    await applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [assigned(cjk), assigned(latin)], drops: [] });
    const rows = await db.queue.toArray();
    // The tokens are there (the search has something to match) …
    expect(rows.map((r) => r.nameTokens.split(' ').length)).toEqual([6, expect.any(Number)]);
    expect(rows[1].nameTokens.split(' ').length).toBeGreaterThan(40);
    const { text } = await rawDump(db.name);
    // … yet the middle characters of the Chinese name appear nowhere, its first and last only in
    // the masked name (司**骞) …
    expect(text).not.toMatch(/[马翀]/u);
    expect(text.match(/司/gu)).toHaveLength(text.match(/司\*\*骞/gu)!.length);
    expect(text.match(/骞/gu)).toHaveLength(text.match(/司\*\*骞/gu)!.length);
    // … and no six-letter part of the Latin name in any case (the masked name is M*** O***), sealed
    // values left out of that scan (their base64 could spell a few letters by chance).
    const lower = text.replace(/"s1:[A-Za-z0-9+/=]+"/g, '"s1:…"').toLowerCase();
    expect(lower).toContain('m*** o***');
    for (const word of ['maximilian', 'oberhuber']) {
      for (let i = 0; i + 6 <= word.length; i++) expect(lower.includes(word.slice(i, i + 6)), word.slice(i, i + 6)).toBe(false);
    }
  });

  it('a sealed value moved to another row does not open', async () => {
    const db = freshDb();
    const other = policy({ policyNo: 'P8800000002', policyholder: { name: '李测试' } });
    await applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [assigned(holder), assigned(other)], drops: [] });
    const a = await db.cases.get(holder.policyNo);
    await db.cases.update(other.policyNo, { data: a!.data });
    await expect(readCase(db, other.policyNo)).rejects.toBeInstanceOf(CacheSealError);
    // Nor into another table under the same key.
    const cipher = await windowCipher();
    await expect(cipher.open('attempts', holder.policyNo, a!.data)).rejects.toThrow(/无法解密/);
    expect((await readCase(db, holder.policyNo))?.data).toEqual(holder);
  });

  it('without a key from the host nothing is cached (no plaintext fallback) and sign-in says why', async () => {
    forgetWindowCipher();
    fakeHandlers.set('app:cacheKey', () => {
      throw new DomainError('系统密钥库不可用，无法加密本机缓存');
    });
    const db = freshDb();
    await db.open();
    await expect(applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [assigned(holder)], drops: [] })).rejects.toBeInstanceOf(CacheLockedError);
    await expect(correctPhone(db, { policyNo: holder.policyNo, original: SECRETS.phone, corrected: SECRETS.corrected, reason: '客户更正', by: '1001' })).rejects.toBeInstanceOf(CacheLockedError);
    const { tables } = await rawDump(db.name);
    expect(Object.values(tables).reduce((a, b) => a + b, 0)).toBe(0);

    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    let signIns = 0;
    fakeHandlers.set('center:signIn', () => {
      signIns++;
      return { kind: 'refused', code: 'bad_credentials', message: 'x' };
    });
    const user = userEvent.setup();
    render(<App parts={() => ({ db, softphone: () => null, startRecording: null })} />);
    await user.type(screen.getByLabelText('工号'), '1001');
    await user.type(screen.getByLabelText('密码'), 'demo1234');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('无法取得本机缓存密钥，为保护客户个人信息，工作台暂不能使用');
    expect(screen.getByRole('alert')).toHaveTextContent('系统密钥库不可用');
    expect(signIns).toBe(0);
  });
});

describe('migration to the encrypted cache (v3 → v4, then v5 name tokens)', () => {
  it('seals every plaintext row of a version-3 cache, loses none (unsent results above all), and the app reads them back', async () => {
    const name = `migrate-v3-${Math.random()}`;
    const v3 = new HuifangDb(name, 3);
    const outboxItem = { id: newId(), kind: 'result' as const, policyNo: holder.policyNo, occurredAt: '2026-11-25T10:00:00.000+08:00', data: { classification: 'standard' as const, kinds: [], note: SECRETS.note, answers: { identity: 'yes' } } };
    await v3.table('cases').add({ ...assigned(holder), localState: 'open', syncedAt: '2026-11-25T00:00:00.000Z' });
    await v3.table('queue').add({ policyNo: holder.policyNo, rank: `2|2099-12-31|${holder.policyNo}`, tier: 2, kind: 'new', status: 'assigned', deadline: '2099-12-31', holderName: SECRETS.name, productName: '测试终身寿险', badges: [], redFlags: [], callbackAt: null, attempts: 1, localState: 'open' });
    await v3.table('attempts').add({ id: 'a1', policyNo: holder.policyNo, occurredAt: '2026-11-24T02:00:00.000Z', outcome: 'no_answer', detail: 'no_answer', phone: SECRETS.phone, agent: '1001', note: SECRETS.note });
    await v3.table('sessions').add({ id: 's1', policyNo: holder.policyNo, agent: '1001', startedAt: 'x', endedAt: null, callId: null, recordingSessionId: null, answers: { identity: SECRETS.name }, classification: null, kinds: [] });
    await v3.table('callbacks').add({ id: 'cb1', policyNo: holder.policyNo, dueAt: '2026-11-26T02:00:00.000Z', owner: '1001', bookedBy: '1001', bookedAt: 'x', note: SECRETS.callbackNote, overrideReason: null, state: 'pending' });
    await v3.table('outbox').add({ id: outboxItem.id, item: outboxItem, author: '1001', createdAt: '2026-11-25T00:00:00.000Z', state: 'pending', tries: 2, lastError: 'offline', deliveredAt: null });
    await v3.table('phoneCorrections').add({ id: 'pc1', policyNo: holder.policyNo, original: SECRETS.phone, corrected: SECRETS.corrected, reason: '客户更正', by: '1001', at: 'x' });
    await v3.table('pendingCloses').add({ sessionId: 's1', request: { sessionId: 's1', answers: {}, outcome: 'standard', outcomeNote: SECRETS.note }, since: 'x', tries: 1, lastError: null });
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
    expect(await db.queue.get(holder.policyNo)).toMatchObject({ holderName: '欧***明', nameKey: await cipher.nameKey(SECRETS.name), nameTokens: tokens, attempts: 1 });
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
