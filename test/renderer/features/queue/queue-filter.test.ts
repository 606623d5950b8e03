import { beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../../shared/domain/masking';
import { CacheCipher } from '../../../../renderer/data/cache-cipher';
import { nameTokens, searchToken } from '../../../../renderer/data/name-tokens';
import type { QueueRow } from '../../../../renderer/data/records';
import { filterQueue, NO_FILTER, type NameSearch } from '../../../../renderer/features/queue/queue-filter';

let cipher: CacheCipher;
let rows: QueueRow[];

/** A queue row as the cache stores it: masked name, name key and name tokens, no name. */
async function row(policyNo: string, name: string, patch: Partial<QueueRow> = {}): Promise<QueueRow> {
  return {
    policyNo,
    rank: `2|2099-01-01|${policyNo}`,
    tier: 2,
    kind: 'new',
    status: 'assigned',
    deadline: '2099-01-01',
    holderName: maskName(name),
    nameKey: await cipher.nameKey(name),
    nameTokens: await nameTokens(cipher, name),
    productName: '测试终身寿险',
    badges: [],
    redFlags: [],
    callbackAt: null,
    attempts: 0,
    localState: 'open',
    ...patch,
  };
}

/** The policy numbers the queue shows for `text`, the name key and token computed as the store does. */
async function search(text: string, filter: Partial<typeof NO_FILTER> = {}): Promise<string[]> {
  const name: NameSearch = { key: await cipher.nameKey(text.trim()), token: await searchToken(cipher, text.trim()) };
  return filterQueue(rows, { ...NO_FILTER, ...filter, search: text }, name).map((r) => r.policyNo);
}

beforeAll(async () => {
  cipher = await CacheCipher.fromKey(new Uint8Array(32).fill(9));
  rows = [
    await row('P2026003721', '欧阳明'),
    await row('P2026004410', '欧明'),
    await row('Q2026103722', '张三丰', { kind: 'verification' }),
    await row('P2026005555', '王阳'),
    await row('P2026006666', 'Li Lei'),
    await row('P2026007777', 'Alexandra Katharina Oberhuber'),
    await row('P2026008888', ''),
  ];
});

describe('queue search by part of a policy number', () => {
  it('finds a policy number by its tail ("尾号 3721"), its middle or its head, in any case', async () => {
    expect(await search('3721')).toEqual(['P2026003721']);
    expect(await search('372')).toEqual(['P2026003721', 'Q2026103722']);
    expect(await search('2026004')).toEqual(['P2026004410']);
    expect(await search('q2026')).toEqual(['Q2026103722']);
  });

  it('combines with the kind filter and keeps the queue order', async () => {
    expect(await search('372', { kind: 'verification' })).toEqual(['Q2026103722']);
    expect(await search('P2026')).toEqual(['P2026003721', 'P2026004410', 'P2026005555', 'P2026006666', 'P2026007777', 'P2026008888']);
  });
});

describe('queue search by part of a name (keyed tokens; no name in the cache)', () => {
  it('a single character (a surname) matches the characters the masked name shows, first and last, never a hidden one', async () => {
    expect(await search('欧')).toEqual(['P2026003721', 'P2026004410']);
    expect(await search('张')).toEqual(['Q2026103722']);
    expect(await search('明')).toEqual(['P2026003721']); // 欧*明 shows it; 欧* (欧明) hides it
    expect(await search('阳')).toEqual([]); // hidden in 欧*明 and 王*
  });

  it('a compound surname finds only names that hold it ("我姓欧阳，叫欧阳明")', async () => {
    expect(await search('欧阳')).toEqual(['P2026003721']);
    expect(await search('欧阳明')).toEqual(['P2026003721']);
    expect(await search('欧 阳')).toEqual(['P2026003721']);
    expect(await search('阳明')).toEqual(['P2026003721']);
  });

  it('the characters of a name in another order or with a gap find nothing', async () => {
    expect(await search('明阳')).toEqual([]);
    expect(await search('欧明')).toEqual(['P2026004410']); // that one is a name of its own
    expect(await search('张丰')).toEqual([]);
    expect(await search('李')).toEqual([]);
  });

  it('Latin names match from two letters on, in any case and width; one letter does not match a name', async () => {
    expect(await search('ei')).toEqual(['P2026006666']);
    expect(await search('LE')).toEqual(['P2026006666', 'P2026007777']); // li LEi, aLExandra
    expect(await search('LiLei')).toEqual(['P2026006666']);
    expect(await search('ｌｅｉ')).toEqual(['P2026006666']);
    expect(await search('l')).toEqual([]);
    expect(await search('xx')).toEqual([]);
  });

  it('a long name is found by part of a word, and by its exact full name through the name key', async () => {
    expect(await search('huber')).toEqual(['P2026007777']);
    expect(await search('kathar')).toEqual(['P2026007777']);
    expect(await search('alexandra katharina oberhuber')).toEqual(['P2026007777']);
    expect(await search('raka')).toEqual([]); // spans two words of a name over 12 characters
  });

  it('without the name hashes (still computing) only policy numbers and shown characters match', async () => {
    expect(filterQueue(rows, { ...NO_FILTER, search: '欧阳' }, null)).toEqual([]);
    expect(filterQueue(rows, { ...NO_FILTER, search: '3721' }, null).map((r) => r.policyNo)).toEqual(['P2026003721']);
  });

  it('rows cached before name tokens (the v5 fill not yet run) are still found by full name and shown surname', async () => {
    const old = { ...(await row('P2026009999', '赵四')), nameTokens: undefined } as unknown as QueueRow;
    const name: NameSearch = { key: await cipher.nameKey('赵四'), token: await searchToken(cipher, '赵四') };
    expect(filterQueue([old], { ...NO_FILTER, search: '赵四' }, name)).toEqual([old]);
    expect(filterQueue([old], { ...NO_FILTER, search: '赵' }, { key: await cipher.nameKey('赵'), token: await searchToken(cipher, '赵') })).toEqual([old]);
    expect(filterQueue([old], { ...NO_FILTER, search: '赵四x' }, { key: await cipher.nameKey('赵四x'), token: await searchToken(cipher, '赵四x') })).toEqual(
      [],
    );
  });
});
