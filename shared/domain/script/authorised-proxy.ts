/**
 * The authorised family member (授权家属代答, docs/domain.md §4): only the policyholder may be visited,
 * except that one guide allows a family member to take the call for a policyholder who cannot
 * follow Mandarin or cannot hear well. It is an explicit, recorded exception: who answered, how
 * they are related, and why the policyholder could not answer are all on record with the result.
 */

import type { Message } from '../message';

/** How the person on the line is related to the policyholder. */
export const PROXY_RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'other_relative'] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];

/** Why the policyholder could not answer themselves: the only two reasons the guide allows. */
export const PROXY_REASONS = ['hard_of_hearing', 'language_barrier'] as const;
export type ProxyReason = (typeof PROXY_REASONS)[number];

/** The family member who answered for the policyholder. */
export interface AuthorisedProxy {
  readonly relation: ProxyRelation;
  /** The family member's name as they gave it (personal data). */
  readonly name: string;
  readonly reason: ProxyReason;
}

/** Longest accepted name (the recording keeps what was said; this bounds the record). */
export const PROXY_NAME_MAX = 30;

/**
 * Checks a proxy given by the agent: a known relation, a known reason, and a name that is not
 * blank. Returns the cleaned proxy (name trimmed) or the first field at fault and why.
 */
export function checkProxy(
  p: Partial<AuthorisedProxy> | undefined,
): { ok: true; value: AuthorisedProxy } | { ok: false; field: keyof AuthorisedProxy; message: Message } {
  if (!p)
    return {
      ok: false,
      field: 'name',
      message: { zh: '请记录代答家属的姓名、与投保人的关系和代答原因', en: 'the family member, their relation and the reason are required' },
    };
  const name = (p.name ?? '').trim();
  if (name === '') return { ok: false, field: 'name', message: { zh: '请记录代答家属的姓名', en: "the family member's name is required" } };
  if (name.length > PROXY_NAME_MAX)
    return { ok: false, field: 'name', message: { zh: `家属姓名不能超过 ${PROXY_NAME_MAX} 个字`, en: `the name is longer than ${PROXY_NAME_MAX} characters` } };
  if (!p.relation || !(PROXY_RELATIONS as readonly string[]).includes(p.relation)) {
    return { ok: false, field: 'relation', message: { zh: '请选择代答家属与投保人的关系', en: 'the relation to the policyholder is required' } };
  }
  if (!p.reason || !(PROXY_REASONS as readonly string[]).includes(p.reason)) {
    return {
      ok: false,
      field: 'reason',
      message: {
        zh: '只有投保人听力障碍或无法使用普通话时才可由家属代答',
        en: 'a family member may answer only when the policyholder is hard of hearing or cannot follow Mandarin',
      },
    };
  }
  return { ok: true, value: { relation: p.relation, name, reason: p.reason } };
}

/** Sections whose questions are about the policyholder's own purchase (asked in the third person). */
const THIRD_PERSON_SECTIONS: ReadonlySet<string> = new Set(['purpose', 'regulatory', 'product', 'recorded_sale', 'payment', 'contact']);

/**
 * The text of a step as the agent reads it to an authorised family member: the questions about
 * the purchase name the policyholder (`{policyholderTitle}`) where they say 您 ("是否都由您本人亲笔
 * 完成" → "是否都由{policyholderTitle}本人亲笔完成"), so the family member is not asked whether they
 * signed themselves. Greetings (您好) and the closing, addressed to the person on the line, stay.
 */
export function proxyWording(text: string, section: string): string {
  return THIRD_PERSON_SECTIONS.has(section) ? text.replace(/您(?!好)/g, '{policyholderTitle}') : text;
}
