import { describe, expect, it } from 'vitest';
import { ageAt, caseSchema, parseCase, policyholderAge, insuredIsSomeoneElse } from '../../../shared/domain/case';
import { makeCase } from '../../../shared/domain/fixtures';
import { readResidentId } from '../../../shared/domain/resident-id';

describe('case model (docs/domain.md §2, §3)', () => {
  it('the synthetic fixture case passes the schema', () => {
    const r = parseCase(makeCase());
    expect(r.ok).toBe(true);
  });

  it('fixture people are recognisably fake: 999999 area code, valid checksum, birth date agrees', () => {
    const c = makeCase({ policyholder: { birthDate: '1955-02-28', gender: 'female' } });
    expect(c.policyholder.idNumber.startsWith('999999')).toBe(true);
    const info = readResidentId(c.policyholder.idNumber);
    expect(info).toEqual({ ok: true, birthDate: '1955-02-28', gender: 'female' });
    expect(parseCase(c).ok).toBe(true);
  });

  it('an insured other than the policyholder gets their own synthetic data', () => {
    const c = makeCase({ insured: { relationship: 'child' } });
    expect(c.insured.name).toBe('李测试');
    expect(insuredIsSomeoneElse(c)).toBe(true);
    expect(parseCase(c).ok).toBe(true);
  });

  it('bad input returns every problem in one list with field, value and why in zh and en', () => {
    const c = makeCase() as unknown as Record<string, Record<string, unknown>>;
    const bad = {
      ...c,
      policyNo: '',
      product: { ...c.product, design: 'crypto' },
      premium: { ...c.premium, amount: -5 },
      dates: { ...c.dates, application: '2026-02-30', underwriting: '2026-01-01' },
      policyholder: { ...c.policyholder, idNumber: '999999198005200011' },
    };
    const r = parseCase(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.problems.map((p) => [p.path, p]));
    expect([...byPath.keys()].sort()).toEqual(['dates.application', 'policyNo', 'policyholder.idNumber', 'premium.amount', 'product.design'].sort());
    expect(byPath.get('product.design')?.value).toBe('crypto');
    expect(byPath.get('product.design')?.message.zh).toContain('traditional');
    expect(byPath.get('dates.application')?.message.zh).toContain('YYYY-MM-DD');
    expect(byPath.get('policyholder.idNumber')?.message.en).toMatch(/check character/);
    for (const p of r.problems) {
      expect(p.message.zh.length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
    }
  });

  it('cross-field problems are reported together with field problems', () => {
    const c = makeCase() as unknown as Record<string, Record<string, unknown>>;
    const r = parseCase({
      ...c,
      policyNo: 42,
      dates: { ...c.dates, underwriting: '2026-03-01' },
      channel: { kind: 'bancassurance' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toContain('policyNo');
    expect(paths).toContain('dates.underwriting');
    expect(paths).toContain('channel.bank');
  });

  it('a missing required field says so with value undefined', () => {
    const { policyholder: _omit, ...rest } = makeCase();
    const r = parseCase(rest);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ path: 'policyholder', value: undefined, message: { zh: '必填项缺失', en: 'required value is missing' } });
  });

  it('a regular-premium policy needs a frequency; a single premium has none', () => {
    const regular = makeCase({ premium: { frequency: undefined } });
    expect(caseSchema.safeParse(regular).success).toBe(false);
    const single = makeCase({ premium: { mode: 'single', paymentYears: 1 } });
    expect(caseSchema.safeParse(single).success).toBe(false);
    expect(caseSchema.safeParse({ ...single, premium: { ...single.premium, frequency: undefined } }).success).toBe(true);
  });

  it('birth date and gender must agree with the resident ID number', () => {
    const c = makeCase();
    const r = parseCase({ ...c, policyholder: { ...c.policyholder, birthDate: '1981-05-20', gender: 'female' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(['policyholder.birthDate', 'policyholder.gender']);
  });

  it('an organisation policyholder needs no birth date or gender but cannot be its own insured', () => {
    const c = makeCase();
    const org = {
      ...c,
      policyholder: {
        kind: 'organisation',
        name: '测试有限公司',
        idType: 'unified_social_credit_code',
        idNumber: '91999999MA0000000X',
        phones: ['010-88880000'],
      },
      insured: { relationship: 'self' },
    };
    const r = parseCase(org);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['insured.relationship']);
  });
});

describe('ages are computed at the application date', () => {
  it('counts completed years (周岁)', () => {
    expect(ageAt('1966-03-02', '2026-03-01')).toBe(59);
    expect(ageAt('1966-03-02', '2026-03-02')).toBe(60);
    expect(ageAt('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageAt('2000-02-29', '2001-03-01')).toBe(1);
  });

  it("the policyholder's age is taken at application, not today", () => {
    const c = makeCase({ policyholder: { birthDate: '1966-03-05' }, dates: { application: '2026-03-02' } });
    expect(policyholderAge(c)).toBe(59);
  });
});
