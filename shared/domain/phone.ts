/**
 * Parsing and normalising Chinese phone numbers as the core system holds them (free text):
 * mainland mobiles (11 digits, 1[3-9]…), landlines with area code (010 / 02x + 8 digits, or
 * 0xxx + 7–8 digits) and extensions (转 / 分机 / ext / x / # / a third dash group).
 * Used by red-flag detection (docs/domain.md §7) and by the dialler.
 */

/** Why a phone number is not usable. */
export type PhoneProblem = 'empty' | 'bad_characters' | 'no_area_code' | 'bad_area_code' | 'bad_length';

/** A parsed phone number. */
export type ParsedPhone =
  | { readonly ok: true; readonly kind: 'mobile'; readonly normalized: string }
  | {
      readonly ok: true;
      readonly kind: 'landline';
      /** `010-12345678` or `0755-1234567`, plus `-ext` when there is an extension. */
      readonly normalized: string;
      readonly areaCode: string;
      readonly local: string;
      readonly extension: string | null;
    }
  | { readonly ok: false; readonly problem: PhoneProblem };

const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$/i;

/** Parses one raw phone number. */
export function parsePhone(raw: string | null | undefined): ParsedPhone {
  let text = (raw ?? '').trim();
  if (text === '') return { ok: false, problem: 'empty' };
  let extension: string | null = null;
  const ext = EXTENSION.exec(text);
  if (ext) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  } else {
    const groups = text.split('-').map((g) => g.trim());
    if (groups.length === 3 && /^\(?0\d{2,3}\)?$/.test(groups[0]) && /^\d{1,6}$/.test(groups[2])) {
      extension = groups[2];
      text = `${groups[0]}-${groups[1]}`;
    }
  }
  const compact = text.replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: 'bad_characters' };
  const digits = compact.replace(/^(?:\+86|0086)/, '').replace(/^86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) {
    return extension === null ? { ok: true, kind: 'mobile', normalized: digits } : { ok: false, problem: 'bad_characters' };
  }
  if (digits.startsWith('1')) return { ok: false, problem: 'bad_length' };
  if (!digits.startsWith('0')) return { ok: false, problem: /^[2-9]\d{6,7}$/.test(digits) ? 'no_area_code' : 'bad_length' };
  const three = /^0(?:10|2\d)/.test(digits);
  const areaCode = digits.slice(0, three ? 3 : 4);
  if (!three && !/^0[3-9]\d{2}$/.test(areaCode)) return { ok: false, problem: 'bad_area_code' };
  const local = digits.slice(areaCode.length);
  const validLocal = three ? /^[2-9]\d{7}$/.test(local) : /^[2-9]\d{6,7}$/.test(local);
  if (!validLocal) return { ok: false, problem: 'bad_length' };
  return {
    ok: true,
    kind: 'landline',
    normalized: `${areaCode}-${local}${extension ? `-${extension}` : ''}`,
    areaCode,
    local,
    extension,
  };
}

/** zh/en wording of each phone problem. */
export const PHONE_PROBLEM_TEXT: Readonly<Record<PhoneProblem, { zh: string; en: string }>> = {
  empty: { zh: '电话为空', en: 'empty' },
  bad_characters: { zh: '含非法字符', en: 'contains characters that are not part of a phone number' },
  no_area_code: { zh: '固定电话缺少区号', en: 'landline without area code' },
  bad_area_code: { zh: '区号无效', en: 'invalid area code' },
  bad_length: { zh: '号码位数不正确', en: 'wrong number of digits' },
};
