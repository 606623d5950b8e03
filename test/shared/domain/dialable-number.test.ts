import { describe, expect, it } from 'vitest';
import { DIALABLE_NUMBER_PROBLEM_TEXT, parseDialableNumber, type DialableNumberProblem } from '../../../shared/domain/dialable-number';
import { parsePhone } from '../../../shared/domain/phone';
import { phoneNumberSchema } from '../../../shared/sync';

// A number an agent types (a phone correction) must be one a mainland-China call centre can dial:
// mobile 1[3-9] + 9 digits (+86 / 86 / 0086 dropped), landline with area code (010 / 02X + 8
// digits, 0[3-9]XX + 7–8 digits; extension 1–6 digits after 转, # or a third dash group), or
// 400 / 800 + 7 digits. Spaces and dashes are typing aid.

const valid: readonly [raw: string, kind: 'mobile' | 'landline' | 'service', normalized: string, dial: string][] = [
  ['13800138000', 'mobile', '13800138000', '13800138000'],
  ['138 0013 8000', 'mobile', '13800138000', '13800138000'],
  ['138-0013-8000', 'mobile', '13800138000', '13800138000'],
  ['+86 138 0013 8000', 'mobile', '13800138000', '13800138000'],
  ['+8613800138000', 'mobile', '13800138000', '13800138000'],
  ['8613800138000', 'mobile', '13800138000', '13800138000'],
  ['0086 13800138000', 'mobile', '13800138000', '13800138000'],
  ['19912345678', 'mobile', '19912345678', '19912345678'],
  ['１３８００１３８０００', 'mobile', '13800138000', '13800138000'], // full-width, from an IME
  ['010-87654321', 'landline', '010-87654321', '01087654321'],
  ['01087654321', 'landline', '010-87654321', '01087654321'],
  ['010 8765 4321', 'landline', '010-87654321', '01087654321'],
  ['010-8765-4321', 'landline', '010-87654321', '01087654321'], // a dashed local number is not an extension
  ['021-62345678', 'landline', '021-62345678', '02162345678'],
  ['0755-2345678', 'landline', '0755-2345678', '07552345678'],
  ['0755-23456789', 'landline', '0755-23456789', '075523456789'],
  ['0571 8888 6666', 'landline', '0571-88886666', '057188886666'],
  ['010-87654321转801', 'landline', '010-87654321-801', '01087654321'],
  ['010-87654321 转 801', 'landline', '010-87654321-801', '01087654321'],
  ['010-87654321#801', 'landline', '010-87654321-801', '01087654321'],
  ['010-87654321-801', 'landline', '010-87654321-801', '01087654321'],
  ['0755-2345678-123456', 'landline', '0755-2345678-123456', '07552345678'],
  ['4008123456', 'service', '4008123456', '4008123456'],
  ['400-812-3456', 'service', '4008123456', '4008123456'],
  ['800 810 8888', 'service', '8008108888', '8008108888'],
];

const invalid: readonly [raw: string, problem: DialableNumberProblem][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['139abc', 'bad_characters'],
  ['138.0013.8000', 'bad_characters'],
  ['(010)87654321', 'bad_characters'],
  ['+1 415 555 0100', 'not_mainland'],
  ['+852 2345 6789', 'not_mainland'],
  ['1380013800', 'bad_mobile'], // 10 digits
  ['138001380001', 'bad_mobile'], // 12 digits
  ['12800138000', 'bad_mobile'], // 12x is not a mobile prefix
  ['+86 10 8765 4321', 'bad_mobile'], // a country code is for mobiles only here
  ['13800138000转12', 'mobile_extension'],
  ['87654321', 'no_area_code'],
  ['2345678', 'no_area_code'],
  ['0123-2345678', 'bad_area_code'],
  ['0012345678', 'bad_area_code'],
  ['010-2345678', 'bad_local_number'], // 010 and 02X take 8 digits
  ['010-123456789', 'bad_local_number'],
  ['0755-234567', 'bad_local_number'],
  ['0755-1234567', 'bad_local_number'], // a local number never starts with 1
  ['0755-234567890', 'bad_local_number'],
  ['400812345', 'bad_service_number'],
  ['80081088888', 'bad_service_number'],
  ['4008123456转1', 'service_extension'],
  ['010-87654321转', 'bad_extension'],
  ['010-87654321转1234567', 'bad_extension'],
  ['010-87654321#ab', 'bad_extension'],
  ['12345', 'bad_mobile'],
  ['999', 'not_a_number'],
  ['5', 'not_a_number'],
];

describe('a number an agent types must be one a mainland call centre can dial', () => {
  it.each(valid)('%s is accepted as %s %s (dialled as %s)', (raw, kind, normalized, dial) => {
    expect(parseDialableNumber(raw)).toMatchObject({ ok: true, kind, normalized, dial });
  });

  it.each(invalid)('%j is refused: %s', (raw, problem) => {
    expect(parseDialableNumber(raw)).toEqual({ ok: false, problem });
  });

  it('every refusal has a zh-CN reason of its own', () => {
    const texts = Object.values(DIALABLE_NUMBER_PROBLEM_TEXT);
    expect(new Set(texts).size).toBe(texts.length);
    expect(DIALABLE_NUMBER_PROBLEM_TEXT.bad_mobile).toBe('手机号应为 11 位且以 13–19 开头');
    expect(DIALABLE_NUMBER_PROBLEM_TEXT.no_area_code).toContain('固话需带区号');
  });

  it('what is stored passes the (looser) sync protocol, parses the same in the domain parser, and dials digits only', () => {
    for (const [raw, kind, normalized, dial] of valid) {
      expect(phoneNumberSchema.safeParse(normalized).success, raw).toBe(true);
      expect(dial, raw).toMatch(/^\d+$/);
      // The red-flag check reads corrected numbers with parsePhone: it must never call one malformed.
      if (kind !== 'service') expect(parsePhone(normalized), raw).toMatchObject({ ok: true, normalized });
      // Stored form is a fixed point: parsing it again gives the same number.
      expect(parseDialableNumber(normalized), raw).toMatchObject({ ok: true, normalized, dial });
    }
  });
});
