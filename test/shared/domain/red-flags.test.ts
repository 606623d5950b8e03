import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../shared/domain/fixtures';
import { detectRedFlags } from '../../../shared/domain/red-flags';
import { makeResidentId } from '../../../shared/domain/resident-id';
import type { PolicyCase } from '../../../shared/domain/case';

function holder(n: number, phones: string[], extra: Parameters<typeof makeCase>[0] = {}): PolicyCase {
  return makeCase({
    ...extra,
    policyNo: `P${String(n).padStart(6, '0')}`,
    policyholder: { idNumber: makeResidentId('1980-05-20', 'male', n), phones, ...(extra.policyholder ?? {}) },
  });
}
const codes = (r: ReturnType<typeof detectRedFlags>) => r.map((x) => x.flags.map((f) => f.code));

describe('red flags at import (docs/domain.md §7)', () => {
  it('a clean batch has no flags, one entry per case in order', () => {
    const r = detectRedFlags([holder(1, ['13800000001']), holder(2, ['13800000002'])]);
    expect(r.map((x) => x.policyNo)).toEqual(['P000001', 'P000002']);
    expect(codes(r)).toEqual([[], []]);
  });

  it('missing phone and malformed phone (mobile, landline without area code)', () => {
    const r = detectRedFlags([holder(1, []), holder(2, ['  ']), holder(3, ['87654321', '13800000003']), holder(4, ['1380000'])]);
    expect(codes(r)).toEqual([['phone_missing'], ['phone_missing'], ['phone_malformed'], ['phone_malformed']]);
    expect(r[2].flags[0].message.zh).toContain('区号');
    expect(r[2].flags[0].phone).toBe('****4321');
  });

  it('one number for three unrelated policyholders flags all three; two do not (docs/domain.md §6, §7)', () => {
    expect(codes(detectRedFlags([holder(1, ['13800000009']), holder(2, ['13800000009'])]))).toEqual([[], []]);
    const r = detectRedFlags([holder(1, ['13800000009']), holder(2, ['138 0000 0009']), holder(3, ['+8613800000009']), holder(4, ['13800000004'])]);
    expect(codes(r)).toEqual([['shared_number'], ['shared_number'], ['shared_number'], []]);
    expect(r[0].flags[0].verificationKind).toBe('shared_number');
  });

  it('the same person on several policies counts once', () => {
    const same = makeResidentId('1980-05-20', 'male', 7);
    const r = detectRedFlags([1, 2, 3].map((n) => holder(n, ['13800000009'], { policyholder: { idNumber: same } })));
    expect(codes(r)).toEqual([[], [], []]);
  });

  it('a policyholder and the insured of their policy are related', () => {
    const spouseId = makeResidentId('1982-01-01', 'female', 9);
    const r = detectRedFlags([
      holder(1, ['13800000009'], { insured: { relationship: 'spouse', idNumber: spouseId, birthDate: '1982-01-01', gender: 'female' } }),
      holder(2, ['13800000009'], { policyholder: { idNumber: spouseId, birthDate: '1982-01-01', gender: 'female' } }),
      holder(3, ['13800000009']),
    ]);
    expect(codes(r)).toEqual([[], [], []]);
  });

  it('different extensions of one switchboard are different numbers', () => {
    const r = detectRedFlags([holder(1, ['010-87654321转1']), holder(2, ['010-87654321转2']), holder(3, ['010-87654321转3'])]);
    expect(codes(r)).toEqual([[], [], []]);
  });

  it("the policyholder's number equals the selling agent's on a non-self policy", () => {
    const r = detectRedFlags([holder(1, ['13800000999'])]); // fixture agent phone
    expect(codes(r)).toEqual([['agent_phone_match']]);
  });

  it("the agent's own policy is not flagged (by ID number, else by name)", () => {
    const own = holder(1, ['13800000999'], { policyholder: { name: '王测试' } });
    expect(codes(detectRedFlags([own]))).toEqual([[]]);
    const byId = holder(2, ['13800000999']);
    expect(codes(detectRedFlags([{ ...byId, agent: { ...byId.agent, idNumber: byId.policyholder.idNumber } }]))).toEqual([[]]);
  });

  it('the threshold is configurable', () => {
    expect(codes(detectRedFlags([holder(1, ['13800000009']), holder(2, ['13800000009'])], { sharedThreshold: 2 }))).toEqual([
      ['shared_number'],
      ['shared_number'],
    ]);
  });
});
