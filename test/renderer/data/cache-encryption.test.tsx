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
    await storePulledCallbacks(
      db,
      [
        {
          id: newId(),
          policyNo: holder.policyNo,
          dueAt: '2026-11-26T02:00:00.000Z',
          assignee: '1001',
          bookedBy: '1002',
          bookedAt: now.toISOString(),
          note: SECRETS.callbackNote,
          overrideReason: null,
        },
      ],
      now,
    );
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
    expect(
      await closeSessionDurably(db, { sessionId: REC, answers: { identity: SECRETS.name }, outcome: 'interim:busy', outcomeNote: SECRETS.note }, '1001', now),
    ).toBe('pending');

    const { tables, text } = await rawDump(db.name);
    // Every table that holds personal data has rows: the scan is not vacuous.
    expect(tables).toMatchObject({ cases: 1, queue: 1, attempts: 1, sessions: 1, callbacks: 2, outbox: 4, phoneCorrections: 1, pendingCloses: 1 });
    expectNoPlaintext(text, SECRETS);
    // What stays clear is what the cache queries on, plus the masked name.
    expect(text).toContain(holder.policyNo);
    expect(text).toContain('欧***明');

    // The app itself still reads everything back.
    expect((await readCase(db, holder.policyNo))?.data).toEqual(holder);
    expect((await readAttempts(db, holder.policyNo))[0]).toMatchObject({ phone: SECRETS.corrected, note: SECRETS.note });
    expect((await readCorrections(db, holder.policyNo))[0]).toMatchObject({ original: SECRETS.phone, corrected: SECRETS.corrected });
    expect((await readOutbox(db)).map((e) => e.item.kind)).toEqual(['phone_correction', 'attempt', 'callback', 'session_archive']);
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
    await expect(applyPullPage(db, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts: [assigned(holder)], drops: [] })).rejects.toBeInstanceOf(
      CacheLockedError,
    );
    await expect(
      correctPhone(db, { policyNo: holder.policyNo, original: SECRETS.phone, corrected: SECRETS.corrected, reason: '客户更正', by: '1001' }),
    ).rejects.toBeInstanceOf(CacheLockedError);
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
