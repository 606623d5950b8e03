import type { AuthorisedProxy, ProxyReason, ProxyRelation } from '../../../shared/domain/script/authorised-proxy';

/** zh-CN labels of the authorised family member's relation to the policyholder. */
export const PROXY_RELATION_LABELS: Readonly<Record<ProxyRelation, string>> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  other_relative: '其他亲属',
};

/** zh-CN labels of why the policyholder could not answer. */
export const PROXY_REASON_LABELS: Readonly<Record<ProxyReason, string>> = {
  hard_of_hearing: '投保人听力障碍',
  language_barrier: '投保人无法使用普通话',
};

/** Who answered and why: 李小红（子女，投保人听力障碍）. */
export function proxyWho(p: AuthorisedProxy): string {
  return `${p.name}（${PROXY_RELATION_LABELS[p.relation]}，${PROXY_REASON_LABELS[p.reason]}）`;
}

/** One line for the outcome screen and the session note: 授权家属代答：李小红（子女，投保人听力障碍）. */
export function proxySummary(p: AuthorisedProxy): string {
  return `授权家属代答：${proxyWho(p)}`;
}
