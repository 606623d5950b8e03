import { describe, expect, it } from 'vitest';
import { KeyTable, PolicyLines } from '../../center/import/key-table';

// The import's red-flag ledger and duplicate check (README, centre import: what it keeps per row)
// hold their keys in this table: the answers must be exactly a Map's, a hash is never taken as equality.
describe('interned import keys answer exactly as a Map of strings', () => {
  it('gives one id per distinct text, the same id again, and the text back, across growth', () => {
    const t = new KeyTable();
    const texts = Array.from({ length: 20_000 }, (_, i) => `resident_id:${String(i * 7919).padStart(18, '0')}`);
    const ids = texts.map((s) => t.add(s));
    expect(new Set(ids).size).toBe(texts.length);
    expect(texts.map((s) => t.add(s))).toEqual(ids);
    expect(texts.map((s) => t.find(s))).toEqual(ids);
    expect(ids.map((id) => t.text(id))).toEqual(texts);
    expect(t.size).toBe(texts.length);
  });

  it('tells apart texts of the same hash, prefixes, the empty text and texts beyond Latin-1', () => {
    const t = new KeyTable();
    // FNV-1a collides on these two short texts; both must keep their own ids.
    const a = t.add('costarring');
    const b = t.add('liquid');
    const others = ['13900000001', '1390000000', '', 'policy:ÄÖ', '客户:110101', '客户:110102', '\ud800'];
    const ids = others.map((s) => t.add(s));
    expect(new Set([a, b, ...ids]).size).toBe(2 + others.length);
    expect(others.map((s) => t.text(t.find(s)))).toEqual(others);
    expect(t.find('1390000000 ')).toBe(-1);
    expect(t.find('客户:110103')).toBe(-1);
  });

  it('keeps the first line of each policy number as the duplicate check sets it', () => {
    const seen = new PolicyLines();
    const map = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const no = `PL${String(i % 3000).padStart(8, '0')}`;
      if (!seen.has(no)) seen.set(no, i + 2);
      if (!map.has(no)) map.set(no, i + 2);
    }
    for (let i = 0; i < 3100; i++) {
      const no = `PL${String(i).padStart(8, '0')}`;
      expect(seen.get(no)).toBe(map.get(no));
      expect(seen.has(no)).toBe(map.has(no));
    }
  });
});
