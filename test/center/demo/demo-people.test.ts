import { describe, expect, it } from 'vitest';
import { demoFrequency, demoPerson, nextPremiumDue } from '../../../center/demo/demo-people';
import { maskIdNumber, maskName } from '../../../shared/domain/masking';
import { makeResidentId, readResidentId } from '../../../shared/domain/resident-id';

const people = Array.from({ length: 40 }, (_, k) => demoPerson(k + 1));

describe('the demo data shows what the desk does with real-looking data', () => {
  it('masked names differ from row to row (a column of identical masks shows nothing)', () => {
    expect(new Set(people.map((p) => p.name)).size).toBe(40);
    expect(new Set(people.map((p) => maskName(p.name))).size).toBeGreaterThan(15);
  });

  it('resident IDs are valid, distinct, agree with birth date and gender, and stay in the non-existent area 999999', () => {
    const ids = people.map((p) => makeResidentId(p.birthDate, p.gender, p.idSequence));
    expect(new Set(ids).size).toBe(40);
    expect(new Set(ids.map(maskIdNumber)).size).toBeGreaterThan(1);
    people.forEach((p, k) => {
      const info = readResidentId(ids[k]);
      expect(ids[k].startsWith('999999')).toBe(true);
      expect(info).toMatchObject({ ok: true, birthDate: p.birthDate, gender: p.gender });
    });
  });

  it('every fifth policyholder is 60 or older, so the script’s age rule for older policyholders shows', () => {
    const seniors = people.filter((p) => Number(p.birthDate.slice(0, 4)) <= 1966);
    expect(seniors.length).toBe(8);
  });

  it('the next premium follows from the application date and the way of paying', () => {
    expect(nextPremiumDue('2026-11-18', 'monthly')).toBe('2026-12-18');
    expect(nextPremiumDue('2026-11-18', 'quarterly')).toBe('2027-02-18');
    expect(nextPremiumDue('2026-11-18', 'annual')).toBe('2027-11-18');
    expect(nextPremiumDue('2026-01-31', 'monthly')).toBe('2026-02-28');
    expect(nextPremiumDue('2026-08-31', 'semiannual')).toBe('2027-02-28');
    expect(new Set(people.map((_, k) => demoFrequency(k + 1)))).toEqual(new Set(['monthly', 'quarterly', 'annual']));
  });
});
