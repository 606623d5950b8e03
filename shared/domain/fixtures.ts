/**
 * Synthetic policy cases for tests, demos and benchmarks. Every person is obviously fake: names
 * end in 测试, resident ID numbers use the non-existent area code 999999 (checksum-valid so they
 * pass validation), addresses are in 测试省.
 */

import type { PolicyCase } from './case';
import { makeResidentId } from './resident-id';

/** Recursive partial used for overrides; arrays are replaced, not merged. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? merge(out[k], v) : v;
  }
  return out as T;
}

const BASE: PolicyCase = {
  policyNo: 'P2026000001',
  product: { code: 'TL20', name: '测试终身寿险', design: 'traditional', line: 'life', longTermHealth: false },
  term: { unit: 'years', value: 20 },
  premium: { mode: 'regular', frequency: 'annual', paymentYears: 10, amount: 5000, sumInsured: 100000, nextDueDate: '2027-03-03' },
  channel: { kind: 'agency' },
  branch: { code: 'B001', name: '测试分公司' },
  agent: { code: 'A001', name: '王测试', phone: '13800000999' },
  policyholder: {
    kind: 'individual',
    name: '张测试',
    gender: 'male',
    birthDate: '1980-05-20',
    idType: 'resident_id',
    idNumber: '',
    phones: ['13800000001'],
    address: '测试省测试市测试区样例路1号',
    postcode: '999999',
  },
  insured: { relationship: 'self' },
  dates: {
    application: '2026-03-02',
    underwriting: '2026-03-03',
    print: '2026-03-04',
    receiptSigned: '2026-03-06',
    receiptEntered: '2026-03-09',
    receiptWrittenOff: '2026-03-09',
  },
  recordedSale: false,
};

/**
 * Builds a valid synthetic case: an agency-channel, 20-year traditional life policy, annual premium
 * for 10 years, policyholder 张测试 (male, born 1980-05-20), receipt signed 2026-03-06.
 * `overrides` is merged deeply (arrays replaced). Unless overridden, resident ID numbers are derived
 * from the person's birth date and gender so they stay consistent; pass `idNumber` to set one.
 */
export function makeCase(overrides: DeepPartial<PolicyCase> = {}): PolicyCase {
  const c = merge(BASE, overrides);
  const holder = c.policyholder;
  if (holder.idType === 'resident_id' && !overrides.policyholder?.idNumber && holder.birthDate && holder.gender) {
    c.policyholder = { ...holder, idNumber: makeResidentId(holder.birthDate, holder.gender, 1) };
  }
  const ins = c.insured;
  if (ins.relationship !== 'self') {
    const filled = {
      name: '李测试',
      gender: 'female' as const,
      birthDate: '2010-08-08',
      idType: 'resident_id' as const,
      ...ins,
    };
    if (filled.idType === 'resident_id' && !overrides.insured?.idNumber) {
      filled.idNumber = makeResidentId(filled.birthDate, filled.gender, 2);
    }
    c.insured = filled;
  }
  return c;
}
