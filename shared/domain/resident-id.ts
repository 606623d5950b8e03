/**
 * Mainland resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit area code,
 * 8-digit birth date, 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check
 * character (0–9 or X).
 */

import { isIsoDate, type IsoDate } from './calendar/iso-date';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** What a resident ID number says about its holder, or why it is not one. */
export type ResidentIdInfo =
  | { readonly ok: true; readonly birthDate: IsoDate; readonly gender: 'male' | 'female' }
  | { readonly ok: false; readonly why: 'format' | 'birth_date' | 'checksum' };

/** Checks an 18-character resident ID number (lower-case x accepted) and reads birth date and gender. */
export function readResidentId(id: string): ResidentIdInfo {
  const value = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, why: 'format' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { ok: false, why: 'birth_date' };
  if (residentIdCheckChar(value) !== value[17]) return { ok: false, why: 'checksum' };
  return { ok: true, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * Builds a checksum-valid resident ID number for synthetic data. The area code defaults to
 * `999999`, which no real region has, so a generated number is recognisably fake.
 */
export function makeResidentId(birthDate: IsoDate, gender: 'male' | 'female', sequence = 1, areaCode = '999999'): string {
  const seq2 = String(Math.abs(Math.trunc(sequence)) % 100).padStart(2, '0');
  const genderDigit = gender === 'male' ? 1 : 2;
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${seq2}${genderDigit}`;
  return first17 + residentIdCheckChar(first17);
}
