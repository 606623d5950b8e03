import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script';
import { DEFAULT_QA_FORM } from '../../../../shared/domain/qa/default-qa-form';
import { appliedStepIds, citeSource, formProblems, generateForm, type QaFormVersion } from '../../../../shared/domain/qa/qa-form';

const formFor = (c = makeCase()) => generateForm(DEFAULT_QA_FORM, DEFAULT_SCRIPT, appliedStepIds(DEFAULT_SCRIPT, c));
const ids = (c = makeCase()) => formFor(c).items.map((i) => i.id);
const CONDUCT = ['greeting', 'identity_first', 'no_leading', 'no_forbidden', 'pace', 'closing'];

describe('a QA form is generated from the script version the call used (基本服务规定 第15条; docs/domain.md §5)', () => {
  it('the default form is valid against the default script: every mandatory regulatory question is on exactly one item', () => {
    expect(formProblems(DEFAULT_QA_FORM, DEFAULT_SCRIPT)).toEqual([]);
  });

  it('a regular-premium traditional agency policy: 第15条 items (1)–(7) in order, then the conduct items', () => {
    expect(ids()).toEqual(['identity', 'signed_personally', 'product_description', 'coverage_term', 'surrender_loss', 'cooling_off', 'payment', ...CONDUCT]);
    const form = formFor();
    expect([form.scriptId, form.scriptVersion, form.formId, form.formVersion]).toEqual(['new-policy-default', '2026.3', 'new-policy-qa', 1]);
  });

  it('payment period and frequency is an item for regular premiums only (第15条 item 7)', () => {
    expect(ids(makeCase({ premium: { mode: 'single', frequency: undefined, paymentYears: 1 } }))).not.toContain('payment');
  });

  it('insured signed personally: the insured-signature step joins the item only when the insured is someone else (第15条 item 2)', () => {
    const self = formFor().items.find((i) => i.id === 'signed_personally');
    const other = formFor(makeCase({ insured: { relationship: 'child' } })).items.find((i) => i.id === 'signed_personally');
    expect(self?.kind === 'regulatory' && self.stepIds).toEqual(['insurance_nature', 'signature', 'receipt']);
    expect(other?.kind === 'regulatory' && other.stepIds).toEqual(['insurance_nature', 'signature', 'insured_signature', 'receipt']);
  });

  it('product disclosures follow the design: dividend, universal life, investment-linked (docs/domain.md §11)', () => {
    expect(ids(makeCase({ product: { design: 'dividend' } }))).toContain('dividend');
    expect(ids(makeCase({ product: { design: 'universal' } }))).toContain('universal_life');
    const ilp = ids(makeCase({ product: { design: 'investment_linked' } }));
    expect(ilp).toContain('investment_linked');
    expect(ilp).not.toContain('dividend');
  });

  it('the two recorded-sale items appear where 可回溯办法 第6条 required 双录: bancassurance over one year, investment-linked, aged 60+ (第11条)', () => {
    expect(ids()).not.toContain('recorded_sale_accepted');
    for (const c of [
      makeCase({ channel: { kind: 'bancassurance' } }),
      makeCase({ product: { design: 'investment_linked' } }),
      makeCase({ policyholder: { birthDate: '1950-01-01' } }),
    ])
      expect(ids(c)).toEqual(expect.arrayContaining(['recorded_sale_accepted', 'recorded_sale_intent']));
  });

  it('every item cites its source, and identity, signatures and details before identity are fatal (docs/domain.md §4)', () => {
    for (const item of DEFAULT_QA_FORM.items) expect(item.sources.map(citeSource).join('; ')).not.toBe('');
    expect(citeSource({ doc: 'basic_service_15', item: 2 })).toBe('Basic Service Rules art. 15 item 2');
    const fatal = DEFAULT_QA_FORM.items.filter((i) => i.fatal).map((i) => i.id);
    expect(fatal).toEqual(expect.arrayContaining(['identity', 'signed_personally', 'identity_first', 'no_leading']));
    expect(fatal).not.toContain('pace');
  });
});

describe('an administrator changes weights and items only in a valid new version', () => {
  const v2 = (change: (f: QaFormVersion) => QaFormVersion) => formProblems(change({ ...DEFAULT_QA_FORM, version: 2 }), DEFAULT_SCRIPT);

  it('dropping the cooling-off item leaves a mandatory question unscored and is refused (第15条 item 6)', () => {
    expect(v2((f) => ({ ...f, items: f.items.filter((i) => i.id !== 'cooling_off') }))).toEqual([
      'mandatory question cooling_off of script new-policy-default 2026.3 is on no item',
    ]);
  });

  it('a step on two items, an unknown step, a statement, a zero weight, a repeated conduct check are each named', () => {
    const problems = v2((f) => ({
      ...f,
      items: [
        ...f.items.map((i) => (i.id === 'pace' ? { ...i, weight: 0 } : i)),
        { id: 'extra', kind: 'regulatory', stepIds: ['coverage', 'nope', 'closing'], weight: 3, fatal: false, sources: [{ doc: 'domain', section: '5' }] },
        { id: 'pace2', kind: 'conduct', check: 'pace', weight: 3, fatal: false, sources: [] },
      ],
    }));
    expect(problems).toEqual([
      'item pace: weight 0 is not a whole number 1–100',
      'step coverage is covered by both coverage_term and extra',
      'item extra: step nope is not in script new-policy-default 2026.3',
      'item extra: step closing is a statement, not a question',
      'item pace2: cite at least one source',
      'item pace2: conduct check pace is already on the form',
    ]);
  });
});
