import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_RULES, retainUntil, retentionIsOver } from '../../../shared/domain/retention';

const call = '2026-03-10';

describe('retention of archived sessions (docs/domain.md §9, §11: keep the longer rule, configurable, with legal hold)', () => {
  it('recordings are kept at least 20 years after the call (docs/domain.md §9; seed 新契约回访管理办法 第十五条: 不得低于20年)', () => {
    expect(retainUntil({ callDate: call, contractEnd: '2036-03-09', disputes: [] })).toEqual({
      until: '2046-03-10',
      basis: 'call',
      contractEndKnown: true,
    });
  });

  it('a contract ending late keeps them 10 years after its end (可回溯管理暂行办法 第13条, docs/domain.md §11)', () => {
    expect(retainUntil({ callDate: call, contractEnd: '2056-03-09', disputes: [] })).toEqual({
      until: '2066-03-09',
      basis: 'contract_end',
      contractEndKnown: true,
    });
  });

  it('an unknown contract end rests on the call rule and says the end is unknown (docs/domain.md §11)', () => {
    expect(retainUntil({ callDate: call, contractEnd: null, disputes: [] })).toEqual({ until: '2046-03-10', basis: 'call', contractEndKnown: false });
  });

  it('an ended dispute keeps them 2 years after it ends when that is later (可回溯管理暂行办法 第13条)', () => {
    const disputes = [
      { opened: '2064-01-01', ended: '2065-06-30' },
      { opened: '2030-01-01', ended: '2031-01-01' },
    ];
    expect(retainUntil({ callDate: call, contractEnd: '2055-01-01', disputes })).toEqual({ until: '2067-06-30', basis: 'dispute', contractEndKnown: true });
    // An early dispute does not shorten anything: the rules are minimums.
    expect(retainUntil({ callDate: call, contractEnd: null, disputes: [disputes[1]] }).until).toBe('2046-03-10');
  });

  it('an open dispute has no end yet, so nothing is due while it lasts (可回溯管理暂行办法 第13条: until the dispute ends + 2 years)', () => {
    const r = retainUntil({ callDate: call, contractEnd: null, disputes: [{ opened: '2027-01-01', ended: null }] });
    expect(r).toEqual({ until: null, basis: 'open_dispute', contractEndKnown: false });
    expect(retentionIsOver(r.until, '2999-01-01')).toBe(false);
  });

  it('the periods are the centre’s settings (docs/domain.md §11: configurable)', () => {
    const rules = { ...DEFAULT_RETENTION_RULES, yearsFromCall: 30, yearsAfterDispute: 5 };
    expect(retainUntil({ callDate: call, contractEnd: null, disputes: [] }, rules).until).toBe('2056-03-10');
    expect(retainUntil({ callDate: call, contractEnd: null, disputes: [{ opened: '2050-01-01', ended: '2054-01-01' }] }, rules).until).toBe('2059-01-01');
  });

  it('a 29 February anniversary that does not exist moves to 1 March, never shortening the period (docs/domain.md §9: ≥ 20 years)', () => {
    expect(retainUntil({ callDate: '2028-02-29', contractEnd: null, disputes: [] }).until).toBe('2048-02-29');
    expect(retainUntil({ callDate: '2028-02-29', contractEnd: null, disputes: [] }, { ...DEFAULT_RETENTION_RULES, yearsFromCall: 21 }).until).toBe(
      '2049-03-01',
    );
  });

  it('a record is due only after its last day to keep (docs/domain.md §9: kept ≥ the period)', () => {
    expect(retentionIsOver('2046-03-10', '2046-03-10')).toBe(false);
    expect(retentionIsOver('2046-03-10', '2046-03-11')).toBe(true);
  });

  it('a malformed date is refused rather than guessed (STYLE: bad input gets a clear error)', () => {
    expect(() => retainUntil({ callDate: '2026-02-30', contractEnd: null, disputes: [] })).toThrow(/not a date: 2026-02-30/);
  });
});
