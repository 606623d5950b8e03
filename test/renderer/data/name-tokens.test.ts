import { describe, expect, it } from 'vitest';
import { CacheCipher } from '../../../renderer/data/cache-cipher';
import { ALL_PARTS_UP_TO, nameParts, nameTokens, searchToken } from '../../../renderer/data/name-tokens';

const cipherOf = (byte: number) => CacheCipher.fromKey(new Uint8Array(32).fill(byte));

describe('name parts: what the queue search can find a name by', () => {
  it('a Chinese name gives every contiguous part of two characters and up; no single character (the masked name shows some in clear)', () => {
    expect(nameParts('欧阳明').sort()).toEqual(['欧阳', '欧阳明', '阳明'].sort());
    expect(nameParts('王阳')).toEqual(['王阳']);
  });

  it('spaces, full-width forms and letter case are ignored, as the name key ignores them', () => {
    expect(nameParts(' 欧阳　明 ').sort()).toEqual(nameParts('欧阳明').sort());
    expect(nameParts('ＬＩ Ｌｅｉ').sort()).toEqual(nameParts('lilei').sort());
  });

  it('a Latin letter or a digit alone is not a part: parts have two characters or more', () => {
    expect(nameParts('Li Lei').sort()).toEqual(['li', 'il', 'le', 'ei', 'lil', 'ile', 'lei', 'lile', 'ilei', 'lilei'].sort());
    expect(nameParts('李A')).toEqual(['李a']);
  });

  it('a name of up to 12 characters gives all its parts of two and up (66 at 12), each part once', () => {
    const twelve = '甲乙丙丁戊己庚辛壬癸子丑';
    expect(Array.from(twelve)).toHaveLength(ALL_PARTS_UP_TO);
    expect(nameParts(twelve)).toHaveLength((12 * 11) / 2);
    expect(nameParts('张张张').sort()).toEqual(['张张', '张张张']);
  });

  it('a longer name gives the parts of each word only (the cap), so no part spans two words', () => {
    const parts = nameParts('Alexandra Katharina Oberhuber');
    expect(parts).toEqual(expect.arrayContaining(['alexandra', 'xand', 'katharina', 'thar', 'oberhuber', 'huber']));
    expect(parts).not.toContain('raka'); // across "alexandRA KAtharina"
    // Three words of 9 characters: 36 parts each at most.
    expect(parts.length).toBeLessThanOrEqual(3 * 36);
    // A transliterated name with middle dots: 12 characters give every part, 13 split at the dots.
    expect(nameParts('阿依古丽·买买提·艾力江')).toContain('丽·买');
    expect(nameParts('阿依古丽·买买提·艾力江木')).toEqual(expect.arrayContaining(['阿依古丽', '买买提', '艾力江木', '古丽']));
    expect(nameParts('阿依古丽·买买提·艾力江木')).not.toContain('丽·买');
    expect(nameParts('阿依古丽·买买提·艾力江木')).not.toContain('丽买');
  });

  it('a single word longer than 12 characters gives only its prefixes and suffixes', () => {
    const word = 'abcdefghijklmnop'; // 16 letters, no space
    const parts = nameParts(word);
    expect(parts).toEqual(expect.arrayContaining(['ab', 'abcdefgh', 'op', 'ijklmnop', word]));
    expect(parts).not.toContain('fgh');
    expect(parts).toHaveLength(2 * 15 - 1);
  });

  it('a rare surname outside the BMP counts as one character', () => {
    expect(nameParts('𠈌明')).toEqual(['𠈌明']);
    expect(nameParts('𠈌明华').sort()).toEqual(['𠈌明', '𠈌明华', '明华'].sort());
  });

  it('no name gives no parts', () => {
    expect(nameParts('')).toEqual([]);
    expect(nameParts('   ')).toEqual([]);
  });
});

describe('name tokens', () => {
  it('are 8-character keyed tokens, one per part, sorted and space-joined, without any name character', async () => {
    const cipher = await cipherOf(7);
    const tokens = await nameTokens(cipher, '欧阳明');
    const list = tokens.split(' ');
    expect(list).toHaveLength(3);
    for (const t of list) expect(t).toMatch(/^[A-Za-z0-9+/]{8}$/);
    expect(new Set(list).size).toBe(3);
    expect(list).toEqual([...list].sort()); // sorted: not in the order of the name's parts
    expect(tokens).not.toMatch(/[欧阳明]/u);
    expect(await nameTokens(cipher, '')).toBe('');
  });

  it('the typed part gives the same token as that part of a stored name, however it is typed', async () => {
    const cipher = await cipherOf(7);
    const tokens = await nameTokens(cipher, '欧阳 明');
    expect(tokens).toContain((await searchToken(cipher, '欧阳'))!);
    expect(tokens).toContain((await searchToken(cipher, ' 阳明'))!);
    expect(tokens).not.toContain((await searchToken(cipher, '明阳'))!);
    expect(await nameTokens(cipher, 'Li Lei')).toContain((await searchToken(cipher, 'ＬＥ'))!);
  });

  it('names of one batch share the token work of their common parts, with the same tokens as alone', async () => {
    const cipher = await cipherOf(7);
    const alone = await Promise.all(['欧阳明', '欧阳华'].map((n) => nameTokens(cipher, n)));
    let calls = 0;
    const counting = Object.create(cipher) as CacheCipher;
    counting.nameToken = (part: string) => {
      calls++;
      return cipher.nameToken(part);
    };
    const memo = new Map<string, Promise<string>>();
    expect(await Promise.all(['欧阳明', '欧阳华'].map((n) => nameTokens(counting, n, memo)))).toEqual(alone);
    expect(calls).toBe(3 + 2); // 欧阳 shared; 阳明 欧阳明, 阳华 欧阳华 each
  });

  it('a single character (Chinese, Latin or a digit) and empty text have no token', async () => {
    const cipher = await cipherOf(7);
    expect(await searchToken(cipher, '欧')).toBeNull();
    expect(await searchToken(cipher, 'l')).toBeNull();
    expect(await searchToken(cipher, '3')).toBeNull();
    expect(await searchToken(cipher, '  ')).toBeNull();
  });

  it('depend on the workstation key: another key gives other tokens, and they differ from the name key', async () => {
    const [a, b] = await Promise.all([cipherOf(7), cipherOf(8)]);
    expect(await nameTokens(a, '欧阳明')).not.toBe(await nameTokens(b, '欧阳明'));
    const fullToken = (await searchToken(a, '欧阳明'))!;
    expect((await a.nameKey('欧阳明')).startsWith(fullToken)).toBe(false);
  });
});
