import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/app/app';
import { useSessionStore } from '../../../renderer/features/sign-in/session-store';
import { fakeSignedIn } from '../support/fake-signed-in';
import type { CacheCipher } from '../../../renderer/data/cache-cipher';
import { applyPullPage, readCase } from '../../../renderer/data/case-repo';
import { fillNameTokens } from '../../../renderer/data/fill-name-tokens';
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { NAME_TOKENS_PENDING } from '../../../renderer/data/migrations';
import { nameTokens, searchToken } from '../../../renderer/data/name-tokens';
import type { QueueRow, StoredCase } from '../../../renderer/data/records';
import { windowCipher } from '../../../renderer/data/window-cipher';
import { filterQueue, NO_FILTER } from '../../../renderer/features/queue/queue-filter';
import { assigned, policy } from './test-db';

type Row = Record<string, unknown>;

/** Drops `nameTokens` as a v4 cache never had it. */
const v4Case = (c: StoredCase): Row => {
  const { nameTokens: _t, ...summary } = c.summary;
  return { ...c, summary };
};
const v4Row = (r: QueueRow): Row => {
  const { nameTokens: _t, ...rest } = r;
  return rest;
};

/** Builds a version-4 cache (sealed rows, no name tokens) with `names[i]` as the holder of case i. */
async function v4Cache(
  names: readonly string[],
  extra: (db: HuifangDb) => Promise<void> = async () => undefined,
): Promise<{ name: string; cases: Row[]; rows: Row[] }> {
  const name = `tokens-v4-${Math.random()}`;
  const v4 = new HuifangDb(name, 4);
  const upserts = names.map((n, i) => assigned(policy({ policyNo: `P77${String(i).padStart(8, '0')}`, policyholder: { name: n } })));
  await applyPullPage(v4, { cursor: 'c1-1', hasMore: false, snapshot: false, upserts, drops: [] });
  const cases = (await v4.cases.toArray()).map(v4Case);
  const rows = (await v4.queue.toArray()).map(v4Row);
  await v4.cases.bulkPut(cases as unknown as StoredCase[]);
  await v4.queue.bulkPut(rows as unknown as QueueRow[]);
  await extra(v4);
  const stored = { cases: await v4.table('cases').toArray(), rows: await v4.table('queue').toArray() };
  v4.close();
  return { name, ...stored };
}

describe('migration v4 → v5: name tokens for rows cached before search by part of a name', () => {
  it('gives every old case and queue row the tokens of its name, changes nothing else, and runs once', async () => {
    const names = ['欧阳明', '张三丰', 'Li Lei'];
    const before = await v4Cache(names, async (db) => {
      // A case finished here (no queue row) and a queue row whose case is gone.
      await db.queue.delete('P7700000001');
      await db.cases.update('P7700000001', { localState: 'done' });
      await db.queue.put({ ...must(await db.queue.get('P7700000000')), policyNo: 'P7799999999', rank: '2|2099-12-31|P7799999999' });
    });
    const db = new HuifangDb(before.name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeDefined();
    const cipher = await windowCipher();
    // 3 cases + 2 queue rows with a case + the row without one.
    expect(await fillNameTokens(db, cipher)).toBe(6);
    expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeUndefined();
    expect(await fillNameTokens(db, cipher)).toBe(0);

    const cases = await db.cases.toArray();
    const rows = await db.queue.toArray();
    const expected = await Promise.all(names.map((n) => nameTokens(cipher, n)));
    expect(cases.map((c) => c.summary.nameTokens)).toEqual(expected);
    expect(rows.map((r) => [r.policyNo, r.nameTokens])).toEqual([
      ['P7700000000', expected[0]],
      ['P7700000002', expected[2]],
      ['P7799999999', ''], // no case to take the name from: findable by policy number only
    ]);
    // Nothing else changed: every old field is still there with its old value, the data still opens.
    expect(cases.map((c) => v4Case(c))).toEqual(before.cases);
    expect(rows.map((r) => v4Row(r))).toEqual(before.rows);
    expect((await readCase(db, 'P7700000000'))?.data).toMatchObject({ policyholder: { name: '欧阳明' } });
    // And the search finds the old rows by part of a name.
    const token = await searchToken(cipher, '欧阳');
    expect(filterQueue(rows, { ...NO_FILTER, search: '欧阳' }, { key: '', token }).map((r) => r.policyNo)).toEqual(['P7700000000']);
    db.close();
    await Dexie.delete(before.name);
  });

  it('interrupted part-way, it keeps what it wrote, keeps the mark, and the next run fills only the rest', async () => {
    // 520 cases: two chunks of the fill (500 + 20).
    const names = Array.from({ length: 520 }, (_, i) => `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`);
    const before = await v4Cache(names);
    const db = new HuifangDb(before.name);
    await db.open();
    const real = await windowCipher();
    // A cipher that fails (the window closes, the host goes away) on a case of the second chunk.
    const failing = Object.create(real) as CacheCipher;
    failing.open = ((table: string, key: string, sealed: never) =>
      key === 'P7700000510' ? Promise.reject(new Error('window closed')) : real.open(table, key, sealed)) as CacheCipher['open'];
    await expect(fillNameTokens(db, failing)).rejects.toThrow('window closed');
    expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeDefined();
    const half = await db.cases.toArray();
    expect(half.filter((c) => typeof c.summary.nameTokens === 'string')).toHaveLength(500);
    expect(half).toHaveLength(520);

    expect(await fillNameTokens(db, real)).toBe(20 + 20);
    expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeUndefined();
    const rows = await db.queue.toArray();
    expect(rows).toHaveLength(520);
    expect(rows.map((r) => r.nameTokens)).toEqual(await Promise.all(names.map((n) => nameTokens(real, n))));
    expect(rows.map((r) => v4Row(r))).toEqual(before.rows);
    db.close();
    await Dexie.delete(before.name);
  });

  it('a case pulled again while the fill runs keeps its newer data and summary', async () => {
    const before = await v4Cache(['王测试', '赵测试']);
    const db = new HuifangDb(before.name);
    await db.open();
    const real = await windowCipher();
    const renamed = assigned(policy({ policyNo: 'P7700000001', policyholder: { name: '赵新名' } }), { version: 2 });
    // The pull lands after the fill read the case and before it writes its tokens.
    const racing = Object.create(real) as CacheCipher;
    racing.open = (async (table: string, key: string, sealed: never) => {
      const opened = await real.open(table, key, sealed);
      if (key === 'P7700000001') await applyPullPage(db, { cursor: 'c1-2', hasMore: false, snapshot: false, upserts: [renamed], drops: [] });
      return opened;
    }) as CacheCipher['open'];
    expect(await fillNameTokens(db, racing)).toBe(2); // only the other case and its row
    const fresh = await nameTokens(real, '赵新名');
    expect((await db.cases.get('P7700000001'))?.summary.nameTokens).toBe(fresh);
    expect((await db.cases.get('P7700000001'))?.version).toBe(2);
    expect((await db.queue.get('P7700000001'))?.nameTokens).toBe(fresh);
    expect((await readCase(db, 'P7700000001'))?.data).toMatchObject({ policyholder: { name: '赵新名' } });
    expect((await db.queue.get('P7700000000'))?.nameTokens).toBe(await nameTokens(real, '王测试'));
    expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeUndefined();
    db.close();
    await Dexie.delete(before.name);
  });
});

/** The row, or a test failure when the seed did not write it. */
describe('sign-in on a cache upgraded to v5', () => {
  it('shows the queue, fills the tokens behind it, then finds an old row by a surname', async () => {
    const before = await v4Cache(['欧阳明', '张三丰'], async (db) => {
      await db.settings.put({ key: 'lastStaffNo', value: '1001' }); // same agent: the cache stays
    });
    const db = new HuifangDb(before.name);
    useSessionStore.setState({ phase: 'signed_out', user: null, mode: null, error: null });
    fakeSignedIn('1001', 'agent', '演示坐席', { snapshot: false });
    const user = userEvent.setup();
    render(<App parts={() => ({ db, softphone: () => null, startRecording: null })} />);
    await user.type(screen.getByLabelText('工号'), '1001');
    await user.type(screen.getByLabelText('密码'), 'demo1234');
    await user.keyboard('{Enter}');
    const list = await screen.findByRole('listbox', { name: '待回访队列' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    await waitFor(async () => expect(await db.settings.get(NAME_TOKENS_PENDING)).toBeUndefined());
    await user.type(screen.getByRole('searchbox', { name: '搜索保单号或姓名' }), '欧阳');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((r) => r.getAttribute('data-policy')),
      ).toEqual(['P7700000000']),
    );
    db.close();
  });
});

function must(r: QueueRow | undefined): QueueRow {
  if (!r) throw new Error('seeded queue row missing');
  return r;
}
