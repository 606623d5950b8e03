import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../shared/domain/phone';

describe('phone parsing (docs/domain.md §7: malformed phone red flag)', () => {
  it('mainland mobiles, with or without +86 and separators', () => {
    for (const raw of ['13800000001', '138 0000 0001', '+86 138-0000-0001', '0086 13800000001', '8613800000001']) {
      expect(parsePhone(raw), raw).toEqual({ ok: true, kind: 'mobile', normalized: '13800000001' });
    }
  });

  it('landlines need an area code: 3-digit (010, 02x) with 8 digits, or 4-digit with 7–8', () => {
    expect(parsePhone('010-87654321')).toMatchObject({ ok: true, kind: 'landline', normalized: '010-87654321', areaCode: '010' });
    expect(parsePhone('(0755)8765432')).toMatchObject({ ok: true, normalized: '0755-8765432' });
    expect(parsePhone('02187654321')).toMatchObject({ ok: true, normalized: '021-87654321' });
    expect(parsePhone('87654321')).toEqual({ ok: false, problem: 'no_area_code' });
    expect(parsePhone('010-8765432')).toEqual({ ok: false, problem: 'bad_length' });
    expect(parsePhone('0123-8765432')).toEqual({ ok: false, problem: 'bad_area_code' });
  });

  it('extensions: 转, 分机, ext, # and a third dash group', () => {
    for (const raw of ['010-87654321转801', '010-87654321 分机 801', '010-87654321 ext.801', '010-87654321#801', '010-87654321-801']) {
      expect(parsePhone(raw), raw).toMatchObject({ ok: true, normalized: '010-87654321-801', extension: '801' });
    }
  });

  it('rejects empty, short, long and non-numeric input', () => {
    expect(parsePhone('')).toEqual({ ok: false, problem: 'empty' });
    expect(parsePhone(undefined)).toEqual({ ok: false, problem: 'empty' });
    expect(parsePhone('1380000000')).toEqual({ ok: false, problem: 'bad_length' });
    expect(parsePhone('138000000011')).toEqual({ ok: false, problem: 'bad_length' });
    expect(parsePhone('12800000001')).toEqual({ ok: false, problem: 'bad_length' });
    expect(parsePhone('无')).toEqual({ ok: false, problem: 'bad_characters' });
    expect(parsePhone('138abc00001')).toEqual({ ok: false, problem: 'bad_characters' });
  });
});
