import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../shared/domain/fixtures';
import { contractEndDate } from '../../../shared/domain/policy-term';

const dates = { application: '2026-03-01', underwriting: '2026-03-10' };

describe('contract end date (recording retention counts from it: docs/domain.md §9, §11)', () => {
  it('a term in years, months or days ends the day before its anniversary', () => {
    expect(contractEndDate(makeCase({ dates, term: { unit: 'years', value: 1 } }))).toBe('2027-03-09');
    expect(contractEndDate(makeCase({ dates, term: { unit: 'years', value: 20 } }))).toBe('2046-03-09');
    expect(contractEndDate(makeCase({ dates, term: { unit: 'months', value: 18 } }))).toBe('2027-09-09');
    expect(contractEndDate(makeCase({ dates, term: { unit: 'days', value: 365 } }))).toBe('2027-03-09');
  });

  it('an anniversary that does not exist (31 Jan + 1 month, 29 Feb + 1 year) ends the term on the month’s last day', () => {
    expect(contractEndDate(makeCase({ dates: { ...dates, underwriting: '2026-01-31' }, term: { unit: 'months', value: 1 } }))).toBe('2026-02-28');
    expect(contractEndDate(makeCase({ dates: { ...dates, underwriting: '2028-02-29' }, term: { unit: 'years', value: 1 } }))).toBe('2029-02-28');
    expect(contractEndDate(makeCase({ dates: { ...dates, underwriting: '2028-02-29' }, term: { unit: 'years', value: 4 } }))).toBe('2032-02-28');
    expect(contractEndDate(makeCase({ dates: { ...dates, underwriting: '2026-03-01' }, term: { unit: 'years', value: 1 } }))).toBe('2027-02-28');
  });

  it('"to age N" ends the day before the insured’s N-th birthday; unknown without a birth date', () => {
    const self = makeCase({ dates, term: { unit: 'to_age', value: 80 }, policyholder: { birthDate: '1970-06-15' }, insured: { relationship: 'self' } });
    expect(contractEndDate(self)).toBe('2050-06-14');
    const child = makeCase({ dates, term: { unit: 'to_age', value: 30 }, insured: { relationship: 'child', name: '测试子女', birthDate: '2010-01-01' } });
    expect(contractEndDate(child)).toBe('2039-12-31');
    expect(contractEndDate({ ...child, insured: { ...child.insured, birthDate: undefined } })).toBeNull();
  });

  it('whole life has no end date (the recording is kept until one is recorded)', () => {
    expect(contractEndDate(makeCase({ dates, term: { unit: 'whole_life' } }))).toBeNull();
  });
});
