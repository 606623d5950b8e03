/**
 * Insurance-term arithmetic (保险期间): whether a term is more than one year, which decides
 * whether a policy is visited (基本服务规定 第15条), its cooling-off length (保监发〔2014〕3号)
 * and whether its sale had to be recorded (可回溯办法 第6条).
 */

import { ageAt, type PolicyCase } from './case';

/**
 * True when the insurance term is more than one year. A term in days counts as over one year only
 * above 366 days (a one-year term written in days is 365 or 366). A term "to age N" is over one year
 * when N exceeds the insured's age at application by more than one; when that age is unknown it
 * is treated as over one year, so the policy is visited rather than silently skipped.
 */
export function termIsOverOneYear(c: PolicyCase): boolean {
  const t = c.term;
  switch (t.unit) {
    case 'days':
      return t.value > 366;
    case 'months':
      return t.value > 12;
    case 'years':
      return t.value > 1;
    case 'whole_life':
      return true;
    case 'to_age': {
      const birth = c.insured.relationship === 'self' ? c.policyholder.birthDate : c.insured.birthDate;
      if (birth === undefined) return true;
      return t.value - ageAt(birth, c.dates.application) > 1;
    }
  }
}
