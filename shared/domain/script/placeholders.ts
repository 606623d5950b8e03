/**
 * Placeholders of script text (`{name}`) and how each is filled from the case and the session.
 * The script lint test checks that every placeholder used in a script is one of these.
 */

import type { PolicyCase } from '../case';
import { coolingOffLength } from '../cooling-off-length';
import { maskAddress, maskPhone } from '../masking';

/** Session facts a script may mention besides the case. */
export interface ScriptContext {
  /** Company name as said on the phone. */
  readonly companyName: string;
  /** The agent's staff number (工号). */
  readonly staffNo: string;
  /**
   * The number dialled for this call (may be a corrected number, not the case's first phone).
   * Absent: the case's first phone.
   */
  readonly dialledNumber?: string | null;
  /**
   * The policyholder has confirmed their identity in this call: contact data are read out in
   * full so they can confirm them. Absent or false: they stay masked (nothing personal beyond the
   * identity question is shown before identity is confirmed).
   */
  readonly identityConfirmed?: boolean;
}

/** The phone the contact-confirmation step is about: the number dialled, else the case's first. */
function contactPhone(c: PolicyCase, ctx: ScriptContext): string {
  return ctx.dialledNumber || c.policyholder.phones[0] || '';
}

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '申屠',
];

/** `张先生` / `欧阳女士` from a name and gender; the full name when the surname cannot be told. */
export function honorific(name: string, gender: 'male' | 'female' | undefined): string {
  if (!/^[\p{Script=Han}]{2,}$/u.test(name)) return name;
  const surname = COMPOUND_SURNAMES.find((s) => name.startsWith(s) && name.length > s.length) ?? name[0];
  if (gender === 'male') return `${surname}先生`;
  if (gender === 'female') return `${surname}女士`;
  return name;
}

/** `2026年3月2日`. */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

const FREQUENCY: Record<string, string> = { annual: '年', semiannual: '半年', quarterly: '季度', monthly: '月' };

function termText(c: PolicyCase): string {
  const t = c.term;
  switch (t.unit) {
    case 'days':
      return `${t.value}天`;
    case 'months':
      return `${t.value}个月`;
    case 'years':
      return `${t.value}年`;
    case 'to_age':
      return `至被保险人${t.value}周岁`;
    case 'whole_life':
      return '终身';
  }
}

function amount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** Every placeholder and its resolver. */
export const PLACEHOLDERS: Readonly<Record<string, (c: PolicyCase, ctx: ScriptContext) => string>> = {
  policyholderTitle: (c) => honorific(c.policyholder.name, c.policyholder.gender),
  companyName: (_c, ctx) => ctx.companyName,
  staffNo: (_c, ctx) => ctx.staffNo,
  applicationDate: (c) => chineseDate(c.dates.application),
  sellerPlace: (c) =>
    c.channel.kind === 'bancassurance'
      ? `${c.channel.bank ?? ''}${c.channel.outlet ?? ''}` || '银行网点'
      : c.channel.kind === 'agency' || c.channel.kind === 'broker'
        ? `业务员${c.agent.name}处`
        : c.channel.kind === 'telesales'
          ? '我公司电话销售渠道'
          : '我公司网上渠道',
  productName: (c) => c.product.name,
  premiumAmount: (c) => amount(c.premium.amount),
  sumInsured: (c) => amount(c.premium.sumInsured),
  termText,
  paymentYears: (c) => String(c.premium.paymentYears),
  frequencyText: (c) => FREQUENCY[c.premium.frequency ?? ''] ?? '期',
  nextDueDate: (c) => (c.premium.nextDueDate ? chineseDate(c.premium.nextDueDate) : '合同约定的日期'),
  coolingOffDays: (c) => String(coolingOffLength(c).days),
  insuredName: (c) => c.insured.name ?? c.policyholder.name,
  /** Contact phone to confirm: in full once identity is confirmed, masked before. */
  contactPhone: (c, ctx) => (ctx.identityConfirmed ? contactPhone(c, ctx) : maskPhone(contactPhone(c, ctx))) || '（无）',
  /** Contact address to confirm: in full once identity is confirmed, masked before. */
  contactAddress: (c, ctx) => (ctx.identityConfirmed ? c.policyholder.address : maskAddress(c.policyholder.address)) || '（无）',
  /** Always masked (kept for scripts that mention the number without asking to confirm it). */
  phoneMasked: (c, ctx) => maskPhone(contactPhone(c, ctx)) || '（无）',
  addressMasked: (c) => maskAddress(c.policyholder.address) || '（无）',
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** Names of the placeholders used in a text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Fills a script text. Unknown placeholders are left as written so lint and review can see them. */
export function renderText(text: string, c: PolicyCase, ctx: ScriptContext): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const f = PLACEHOLDERS[name];
    return f ? f(c, ctx) : whole;
  });
}
