import { recordingRequiredBy } from '../../../shared/domain/recorded-sale';
import { maskAddress, maskIdNumber, policyholderAge, type PolicyCase } from '../../../shared/domain';
import { languageName } from '../../i18n/language-names';
import { messages } from '../../i18n/messages';
import { MaskedValue } from './masked-value';

function termText(c: PolicyCase): string {
  const term = c.term;
  switch (term.unit) {
    case 'days':
      return messages.caseView.terms.days(term.value);
    case 'months':
      return messages.caseView.terms.months(term.value);
    case 'years':
      return messages.caseView.terms.years(term.value);
    case 'to_age':
      return messages.caseView.terms.toAge(term.value);
    case 'whole_life':
      return messages.caseView.terms.wholeLife;
  }
}

const yuan = (n: number) => messages.caseView.yuan(n.toLocaleString('zh-CN'));

/** The policy facts the script needs; ID number, address and amounts masked until identity is confirmed. */
export function PolicyFacts({ policy, revealed, language }: { policy: PolicyCase; revealed: boolean; language?: string | null }) {
  const f = messages.caseView.fields;
  const age = policyholderAge(policy);
  const rows: [string, React.ReactNode][] = [
    [f.product, messages.common.nameWithCode(policy.product.name, policy.product.code)],
    [f.design, messages.caseView.designs[policy.product.design]],
    [f.term, termText(policy)],
    [f.premiumMode, messages.caseView.premiumModes[policy.premium.mode]],
    [f.premium, <MaskedValue key="p" value={yuan(policy.premium.amount)} masked={messages.caseView.yuanMasked} revealed={revealed} />],
    [f.sumInsured, <MaskedValue key="s" value={yuan(policy.premium.sumInsured)} masked={messages.caseView.yuanMasked} revealed={revealed} />],
    ...(policy.premium.mode === 'regular' ? ([[f.paymentYears, messages.caseView.years(policy.premium.paymentYears)]] as [string, React.ReactNode][]) : []),
    [f.channel, `${messages.caseView.channels[policy.channel.kind]}${policy.channel.bank ? ` · ${policy.channel.bank}` : ''}`],
    [f.agent, messages.common.nameWithCode(policy.agent.name, policy.agent.code)],
    [f.branch, policy.branch.name],
    [f.application, policy.dates.application],
    [f.receiptSigned, policy.dates.receiptSigned ?? '—'],
    [f.recordedSale, recordedSaleText(policy)],
  ];
  const holder: [string, React.ReactNode][] = [
    [f.name, policy.policyholder.name],
    [f.gender, policy.policyholder.gender ? messages.caseView.genders[policy.policyholder.gender] : '—'],
    [f.age, age === null ? '—' : messages.caseView.age(age)],
    [f.idNumber, <MaskedValue key="id" value={policy.policyholder.idNumber} masked={maskIdNumber(policy.policyholder.idNumber)} revealed={revealed} />],
    [
      f.address,
      <MaskedValue key="ad" value={policy.policyholder.address ?? '—'} masked={maskAddress(policy.policyholder.address) || '—'} revealed={revealed} />,
    ],
    [f.language, language ? languageName(language) : languageName('mandarin')],
  ];
  return (
    <div className="policy-facts">
      <section aria-labelledby="facts-policy">
        <h3 id="facts-policy">{messages.caseView.policy}</h3>
        <FactList rows={rows} />
      </section>
      <section aria-labelledby="facts-holder">
        <h3 id="facts-holder">{messages.caseView.holder}</h3>
        <FactList rows={holder} />
        {policy.insured.relationship !== 'self' ? (
          <p className="insured-line">
            {messages.common.labelled(messages.caseView.insured, policy.insured.name ?? '—')}
            {messages.common.aside(
              messages.common.labelled(messages.caseView.fields.relationship, messages.caseView.relationships[policy.insured.relationship]),
            )}
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

/**
 * 双录 as the list says, and — when the list says 否 but the rules required a recording — why the
 * script still asks the recorded-sale questions (e.g. the policyholder is 60 or older).
 */
function recordedSaleText(policy: PolicyCase): string {
  if (policy.recordedSale) return messages.caseView.yes;
  const rule = recordingRequiredBy(policy);
  return rule ? messages.caseView.recordedSaleRequired(messages.caseView.recordingRules[rule]) : messages.caseView.no;
}
