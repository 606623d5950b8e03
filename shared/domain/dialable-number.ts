/**
 * A phone number as an agent types it (e.g. correcting a wrong number), checked against what a
 * mainland-China call centre can dial. Stricter than `parsePhone` (which reads whatever the core
 * system holds, for red-flag detection): a number entered at a desk must be one of
 *
 * - a mobile: 11 digits `1[3-9]…`, optionally written with +86 / 86 / 0086 (dropped);
 * - a landline with its area code: 010 or 02X + 8 digits, or 0[3-9]XX + 7–8 digits (the local
 *   number never starts with 0 or 1), optionally with an extension of 1–6 digits after 转, # or a
 *   third dash group;
 * - a service number: 400 / 800 + 7 digits.
 *
 * Spaces and dashes are typing aid; full-width characters count as their ASCII forms. Every accepted number also parses with `parsePhone` to the same
 * normalised form, so the domain never flags a corrected number as malformed; the normalised form
 * also passes the sync protocol's (looser) `phoneNumberSchema`.
 */

/** Why a typed number cannot be dialled. */
export type DialableNumberProblem =
  | 'empty'
  | 'bad_characters'
  | 'not_mainland'
  | 'bad_mobile'
  | 'mobile_extension'
  | 'no_area_code'
  | 'bad_area_code'
  | 'bad_local_number'
  | 'bad_service_number'
  | 'service_extension'
  | 'bad_extension'
  | 'not_a_number';

/** A typed number, checked. */
export type DialableNumber =
  | {
      readonly ok: true;
      readonly kind: 'mobile' | 'landline' | 'service';
      /** What is stored: `13800138000`, `0755-1234567`, `010-87654321-801`, `4001234567`. */
      readonly normalized: string;
      /** What the softphone dials: digits only, without the extension (keyed in after connecting). */
      readonly dial: string;
      readonly extension: string | null;
    }
  | { readonly ok: false; readonly problem: DialableNumberProblem };

/** zh-CN reason shown to the agent for each problem. */
export const DIALABLE_NUMBER_PROBLEM_TEXT: Readonly<Record<DialableNumberProblem, string>> = {
  empty: '请填写号码',
  bad_characters: '号码只能包含数字（可用空格或 - 分隔，手机号可带 +86，分机用“转”或 #）',
  not_mainland: '只能拨打中国大陆号码：国际号码（+ 开头且不是 +86）不能外呼',
  bad_mobile: '手机号应为 11 位且以 13–19 开头',
  mobile_extension: '手机号不能带分机',
  no_area_code: '固话需带区号（如 010-12345678、0755-1234567）',
  bad_area_code: '区号不对：应为 010、02X 或 0 开头的 4 位区号（如 0755）',
  bad_local_number: '固话号码位数不对：区号 010、02X 后为 8 位，其他区号后为 7–8 位，且不以 0 或 1 开头',
  bad_service_number: '400/800 号码应为 10 位（400 或 800 后接 7 位）',
  service_extension: '400/800 号码不能带分机',
  bad_extension: '分机号应为 1–6 位数字',
  not_a_number: '不是可拨打的号码：应为手机号、带区号的固话或 400/800 号码',
};

const SEPARATORS = /[\s-]/g;
const fail = (problem: DialableNumberProblem): DialableNumber => ({ ok: false, problem });

/** Area code and local number of a compact landline, or the problem with it. */
function splitLandline(digits: string): { area: string; local: string } | DialableNumberProblem {
  const three = /^0(?:10|2\d)/.test(digits);
  const area = digits.slice(0, three ? 3 : 4);
  if (!three && !/^0[3-9]\d{2}$/.test(area)) return 'bad_area_code';
  const local = digits.slice(area.length);
  return (three ? /^[2-9]\d{7}$/ : /^[2-9]\d{6,7}$/).test(local) ? { area, local } : 'bad_local_number';
}

/** A third dash group is an extension only when what precedes it is a whole landline. */
function dashExtension(text: string): { main: string; extension: string } | null {
  const groups = text.split('-').map((g) => g.replace(/\s/g, ''));
  if (groups.length < 3) return null;
  const extension = groups[groups.length - 1];
  const head = groups.slice(0, -1).join('');
  if (!/^\d{1,6}$/.test(extension) || !/^0\d+$/.test(head) || typeof splitLandline(head) === 'string') return null;
  return { main: head, extension };
}

/** Checks and normalises a typed number (see the file comment for what is accepted). */
export function parseDialableNumber(raw: string): DialableNumber {
  // NFKC: full-width digits, ＋, －, ＃ and the ideographic space an IME may produce become ASCII.
  let text = raw.normalize('NFKC').trim();
  if (text === '') return fail('empty');
  let extension: string | null = null;
  const marked = /^(.*?)\s*(?:转|#)\s*([^转#]*)$/.exec(text);
  if (marked) {
    extension = marked[2].replace(SEPARATORS, '');
    text = marked[1];
    if (!/^\d{1,6}$/.test(extension)) return fail('bad_extension');
  } else {
    const dashed = dashExtension(text);
    if (dashed) {
      extension = dashed.extension;
      text = dashed.main;
    }
  }
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return fail('bad_characters');

  // A country code means a mobile (a landline is dialled with its 0-led area code).
  const country = /^(?:\+86|0086|86(?=1))/.exec(compact);
  const national = country ? compact.slice(country[0].length) : compact;
  if (country || national.startsWith('1')) {
    if (!/^1[3-9]\d{9}$/.test(national)) return fail('bad_mobile');
    if (extension !== null) return fail('mobile_extension');
    return { ok: true, kind: 'mobile', normalized: national, dial: national, extension: null };
  }
  if (compact.startsWith('+')) return fail('not_mainland');
  if (/^[48]00/.test(national)) {
    if (!/^[48]00\d{7}$/.test(national)) return fail('bad_service_number');
    if (extension !== null) return fail('service_extension');
    return { ok: true, kind: 'service', normalized: national, dial: national, extension: null };
  }
  if (national.startsWith('0')) {
    const parts = splitLandline(national);
    if (typeof parts === 'string') return fail(parts);
    const main = `${parts.area}-${parts.local}`;
    return { ok: true, kind: 'landline', normalized: extension ? `${main}-${extension}` : main, dial: parts.area + parts.local, extension };
  }
  return fail(/^[2-9]\d{6,7}$/.test(national) ? 'no_area_code' : 'not_a_number');
}
