import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../../../shared/domain/eligibility';
import { makeCase } from '../../../shared/domain/fixtures';
import { recordingRequired } from '../../../shared/domain/recorded-sale';

const org = {
  kind: 'organisation' as const,
  name: '测试有限公司',
  gender: undefined,
  birthDate: undefined,
  idType: 'unified_social_credit_code' as const,
  idNumber: '91999999MA0000000X',
};

describe('eligibility: which policies are visited (docs/domain.md §2)', () => {
  it('an individual policy with a 20-year term is visited (基本服务规定 第15条)', () => {
    expect(checkEligibility(makeCase())).toEqual({ eligible: true, reasons: [] });
  });

  it('a one-year term is not visited (docs/domain.md §2, 基本服务规定 第15条)', () => {
    for (const term of [
      { unit: 'years', value: 1 },
      { unit: 'months', value: 12 },
      { unit: 'days', value: 365 },
      { unit: 'days', value: 366 },
    ] as const) {
      const r = checkEligibility(makeCase({ term }));
      expect(r.eligible, JSON.stringify(term)).toBe(false);
      expect(r.reasons.map((x) => x.code)).toEqual(['term_not_over_one_year']);
    }
  });

  it('a term just over one year is visited', () => {
    for (const term of [{ unit: 'months', value: 13 }, { unit: 'days', value: 367 }, { unit: 'years', value: 2 }, { unit: 'whole_life' }] as const) {
      expect(checkEligibility(makeCase({ term })).eligible, JSON.stringify(term)).toBe(true);
    }
  });

  it("a term to an age counts from the insured's age at application", () => {
    const base = { policyholder: { birthDate: '1960-06-01' }, dates: { application: '2026-03-02' } }; // 65
    expect(checkEligibility(makeCase({ ...base, term: { unit: 'to_age', value: 66 } })).eligible).toBe(false);
    expect(checkEligibility(makeCase({ ...base, term: { unit: 'to_age', value: 67 } })).eligible).toBe(true);
    const child = makeCase({ insured: { relationship: 'child', birthDate: '2010-08-08' }, term: { unit: 'to_age', value: 18 } });
    expect(checkEligibility(child).eligible).toBe(true); // insured is 15: three years to go
  });

  it('group business is not visited (基本服务规定 第32条)', () => {
    const r = checkEligibility(makeCase({ policyholder: org, insured: { relationship: 'other' } }));
    expect(r.eligible).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual(['group_policyholder']);
    expect(r.reasons[0].source).toContain('第32条');
  });

  it('every reason is given, not just the first', () => {
    const r = checkEligibility(makeCase({ policyholder: org, insured: { relationship: 'other' }, term: { unit: 'years', value: 1 } }));
    expect(r.reasons.map((x) => x.code)).toEqual(['group_policyholder', 'term_not_over_one_year']);
    for (const reason of r.reasons) expect(reason.message.zh.length).toBeGreaterThan(0);
  });
});

describe('recorded sales were required (可回溯办法 第6条)', () => {
  it('bank channel over one year, investment-linked, and policyholders aged 60+ over one year', () => {
    expect(recordingRequired(makeCase())).toBe(false);
    expect(recordingRequired(makeCase({ channel: { kind: 'bancassurance', bank: '测试银行' } }))).toBe(true);
    expect(recordingRequired(makeCase({ channel: { kind: 'bancassurance', bank: '测试银行' }, term: { unit: 'years', value: 1 } }))).toBe(false);
    expect(recordingRequired(makeCase({ product: { design: 'investment_linked' }, term: { unit: 'years', value: 1 } }))).toBe(true);
    expect(recordingRequired(makeCase({ policyholder: { birthDate: '1966-03-02' } }))).toBe(true); // 60 on 2026-03-02
    expect(recordingRequired(makeCase({ policyholder: { birthDate: '1966-03-03' } }))).toBe(false); // 59
  });
});
