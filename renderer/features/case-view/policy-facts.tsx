import { maskAddress, maskIdNumber, policyholderAge, type PolicyCase } from '../../../shared/domain';
import { languageName } from '../../i18n/language-names';
import { caseViewMessages as t } from './case-view-messages';
import { MaskedValue } from './masked-value';

function termText(c: PolicyCase): string {
  const term = c.term;
  switch (term.unit) {
    case 'days':
      return `${term.value}天`;
    case 'months':
      return `${term.value}个月`;
    case 'years':
      return `${term.value}年`;
    case 'to_age':
      return `至${term.value}周岁`;
    case 'whole_life':
      return '终身';
  }
}

const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;

/** The policy facts the script needs; ID number, address and amounts masked until identity is confirmed. */
export function PolicyFacts({ policy, revealed, language }: { policy: PolicyCase; revealed: boolean; language?: string | null }) {
  const f = t.fields;
  const age = policyholderAge(policy);
  const rows: [string, React.ReactNode][] = [
    [f.product, `${policy.product.name}（${policy.product.code}）`],
    [f.design, t.designs[policy.product.design]],
    [f.term, termText(policy)],
    [f.premiumMode, t.premiumModes[policy.premium.mode]],
    [f.premium, <MaskedValue key="p" value={yuan(policy.premium.amount)} masked="**** 元" revealed={revealed} />],
    [f.sumInsured, <MaskedValue key="s" value={yuan(policy.premium.sumInsured)} masked="**** 元" revealed={revealed} />],
    ...(policy.premium.mode === 'regular' ? ([[f.paymentYears, `${policy.premium.paymentYears}年`]] as [string, React.ReactNode][]) : []),
    [f.channel, `${t.channels[policy.channel.kind]}${policy.channel.bank ? ` · ${policy.channel.bank}` : ''}`],
    [f.agent, `${policy.agent.name}（${policy.agent.code}）`],
    [f.branch, policy.branch.name],
    [f.application, policy.dates.application],
    [f.receiptSigned, policy.dates.receiptSigned ?? '—'],
    [f.recordedSale, policy.recordedSale ? t.yes : t.no],
  ];
  const holder: [string, React.ReactNode][] = [
    [f.name, policy.policyholder.name],
    [f.gender, policy.policyholder.gender ? t.genders[policy.policyholder.gender] : '—'],
    [f.age, age === null ? '—' : `${age}岁`],
    [f.idNumber, <MaskedValue key="id" value={policy.policyholder.idNumber} masked={maskIdNumber(policy.policyholder.idNumber)} revealed={revealed} />],
    [f.address, <MaskedValue key="ad" value={policy.policyholder.address ?? '—'} masked={maskAddress(policy.policyholder.address) || '—'} revealed={revealed} />],
    [f.language, language ? languageName(language) : languageName('mandarin')],
  ];
  return (
    <div className="policy-facts">
      <section aria-labelledby="facts-policy">
        <h3 id="facts-policy">{t.policy}</h3>
        <FactList rows={rows} />
      </section>
      <section aria-labelledby="facts-holder">
        <h3 id="facts-holder">{t.holder}</h3>
        <FactList rows={holder} />
        {policy.insured.relationship !== 'self' ? (
          <p className="insured-line">
            {t.insured}：{policy.insured.name ?? '—'}（{t.fields.relationship}：{t.relationships[policy.insured.relationship]}）
          </p>
        ) : null}
      </section>
    </div>
  );
}

function FactList({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
