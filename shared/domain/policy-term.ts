/**
 * Insurance-term arithmetic (保险期间): whether a term is more than one year, which decides
 * whether a policy is visited (基本服务规定 第15条), its cooling-off length (保监发〔2014〕3号)
 * and whether its sale had to be recorded (可回溯办法 第6条).
 */

import { ageAt, type PolicyCase } from './case';

/** The insured's birth date (the policyholder's when they insure themselves), if known. */
function insuredBirthDate(c: PolicyCase): string | undefined {
  return c.insured.relationship === 'self' ? c.policyholder.birthDate : c.insured.birthDate;
}

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
      const birth = insuredBirthDate(c);
      if (birth === undefined) return true;
      return t.value - ageAt(birth, c.dates.application) > 1;
    }
  }
}

/**
 * The day before the anniversary `years`/`months` after `iso`. When the anniversary does not exist
 * (31 January + 1 month, 29 February + 1 year) the term ends on that month's last day.
 */
function dayBeforeAnniversary(iso: string, years: number, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months + years * 12;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  const end = d > lastDay ? Date.UTC(y, monthIndex, lastDay) : Date.UTC(y, monthIndex, d - 1);
  return new Date(end).toISOString().slice(0, 10);
}

/** `iso` plus `days` days. */
function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The last day of the contract (保险期间届满日), counted from the underwriting date because the
 * case data carry no separate effective date: the day before the term's anniversary (a one-year
 * term underwritten on 2026-03-10 ends on 2027-03-09); a term in days ends `days − 1` days after
 * it; "to age N" ends the day before the insured's N-th birthday. Null when it cannot be known:
 * whole life, or "to age" without the insured's birth date. Recording retention counts from it
 * (docs/domain.md §9, §11), so a day either way does not matter next to the 10 years added after it.
 */
export function contractEndDate(c: PolicyCase): string | null {
  const t = c.term;
  const start = c.dates.underwriting;
  switch (t.unit) {
    case 'days':
      return plusDays(start, t.value - 1);
    case 'months':
      return dayBeforeAnniversary(start, 0, t.value);
    case 'years':
      return dayBeforeAnniversary(start, t.value, 0);
    case 'whole_life':
      return null;
    case 'to_age': {
      const birth = insuredBirthDate(c);
      return birth === undefined ? null : dayBeforeAnniversary(birth, t.value, 0);
    }
  }
}
