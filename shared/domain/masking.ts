import { parsePhone } from './phone';

/**
 * Masking of personal data for display (个人信息保护法 第28条, 第51条; docs/domain.md §11): the one
 * helper every screen, export and log uses. Functions are total: empty or odd input never throws
 * and never leaks more than the masked form would.
 */

const STAR = '*';

function stars(n: number): string {
  return n > 0 ? STAR.repeat(n) : '';
}

/**
 * Identity document number: first 3 and last 4 characters kept, the rest (region detail, birth
 * date, sequence) starred — `110101199003071234` → `110***********1234`. Shorter numbers keep
 * only the last 2 (or nothing when 4 characters or fewer).
 */
export function maskIdNumber(id: string | null | undefined): string {
  const v = (id ?? '').replace(/\s+/g, '');
  if (v.length === 0) return '';
  if (v.length <= 4) return stars(v.length);
  if (v.length < 10) return stars(v.length - 2) + v.slice(-2);
  return v.slice(0, 3) + stars(v.length - 7) + v.slice(-4);
}

/**
 * Phone number: a mainland mobile keeps its first 3 and last 4 digits (`138****1234`); any other
 * number keeps its last 4 digits and any area-code prefix written before a separator
 * (`010-****5678`). An extension shows that it is there, not its digits (`0755-***5678 转**`), so
 * the agent knows the call will need one.
 */
export function maskPhone(phone: string | null | undefined): string {
  const parsed = parsePhone(phone);
  const masked = maskPhoneNumber(phone);
  return parsed.ok && parsed.kind === 'landline' && parsed.extension ? `${masked} 转${stars(parsed.extension.length)}` : masked;
}

function maskPhoneNumber(phone: string | null | undefined): string {
  const raw = (phone ?? '').trim();
  if (raw.length === 0) return '';
  const noExt = raw.split(/(?:转|ext\.?|x|#|,)/i)[0].trim();
  const digits = noExt.replace(/\D/g, '');
  const mobile = digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(mobile)) return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const m = /^\(?(0\d{2,3})\)?[\s-]+(\d+)/.exec(noExt);
  if (m) return `${m[1]}-${stars(Math.max(m[2].length - 4, 0))}${m[2].slice(-4)}`;
  if (digits.length <= 4) return stars(digits.length);
  return stars(digits.length - 4) + digits.slice(-4);
}

/** Bank account or card number: only the last 4 digits, in groups of four (`**** **** **** 1234`). */
export function maskBankAccount(account: string | null | undefined): string {
  const digits = (account ?? '').replace(/[\s-]/g, '');
  if (digits.length === 0) return '';
  if (digits.length <= 4) return stars(digits.length);
  const groups = Math.ceil((digits.length - 4) / 4);
  return `${Array.from({ length: Math.min(groups, 4) }, () => '****').join(' ')} ${digits.slice(-4)}`;
}

const DISTRICT = /^.{1,24}?(?<!自治|小|社|园|校|景|矿)[区县旗]/u;
const CITY = /^.{1,16}市/u;

/**
 * Postal address: keeps the administrative part up to the district/county (区/县/旗, not 小区 or
 * 自治区), else up to the city (市), and replaces the street and number with `****`. With neither,
 * keeps at most the first 6 characters.
 */
export function maskAddress(address: string | null | undefined): string {
  const v = (address ?? '').trim();
  if (v.length === 0) return '';
  const m = DISTRICT.exec(v) ?? CITY.exec(v);
  const keep = m && m[0].length < v.length ? m[0] : v.slice(0, Math.min(6, Math.floor(v.length / 2)));
  return `${keep}****`;
}

/**
 * Person's name: Chinese names keep the first and (for 3+ characters) last character
 * (`张三` → `张*`, `张小三` → `张*三`); Latin names keep the first letter of each word.
 */
export function maskName(name: string | null | undefined): string {
  const v = (name ?? '').trim();
  if (v.length === 0) return '';
  if (/^[\p{Script=Han}·]+$/u.test(v)) {
    const chars = Array.from(v);
    if (chars.length === 1) return STAR;
    if (chars.length === 2) return `${chars[0]}${STAR}`;
    return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
  }
  return v
    .split(/\s+/)
    .map((w) => (w.length > 0 ? w[0] + stars(Math.min(w.length - 1, 3)) : w))
    .join(' ');
}
