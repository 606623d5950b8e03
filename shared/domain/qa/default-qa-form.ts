/**
 * The default QA form (质检评分表), version 1, for the default script (docs/domain.md §5): one
 * regulatory item per item of 《人身保险业务基本服务规定》第15条 as the script asks it, the product
 * disclosures, the two recorded-sale items of 可回溯办法 第11条, then the agent's conduct.
 *
 * Fatal items are those whose failure makes the visit worthless as evidence: a policy detail told
 * before the policyholder was identified (docs/domain.md §4), a regulatory item not asked (第15条:
 * each item must be confirmed), a leading prompt (docs/domain.md §11: the answer must be the
 * policyholder's own). A call's score is the weighted share of the items its form carries, so a
 * short form (single premium, traditional product) is not marked down for items that did not apply.
 * Administrators change all of this in a new version.
 */

import type { QaFormVersion } from './qa-form';

export const DEFAULT_QA_FORM: QaFormVersion = {
  formId: 'new-policy-qa',
  version: 1,
  passMark: 80,
  items: [
    {
      id: 'identity',
      kind: 'regulatory',
      stepIds: ['identity'],
      weight: 6,
      fatal: true,
      sources: [
        { doc: 'basic_service_15', item: 1 },
        { doc: 'domain', section: '5.1' },
      ],
    },
    {
      id: 'signed_personally',
      kind: 'regulatory',
      stepIds: ['insurance_nature', 'signature', 'insured_signature', 'receipt'],
      weight: 8,
      fatal: true,
      sources: [
        { doc: 'basic_service_15', item: 2 },
        { doc: 'domain', section: '5.4' },
      ],
    },
    {
      id: 'product_description',
      kind: 'regulatory',
      stepIds: ['product_description'],
      weight: 6,
      fatal: true,
      sources: [{ doc: 'basic_service_15', item: 3 }],
    },
    { id: 'coverage_term', kind: 'regulatory', stepIds: ['coverage'], weight: 6, fatal: true, sources: [{ doc: 'basic_service_15', item: 4 }] },
    { id: 'surrender_loss', kind: 'regulatory', stepIds: ['surrender_loss'], weight: 6, fatal: true, sources: [{ doc: 'basic_service_15', item: 5 }] },
    {
      id: 'cooling_off',
      kind: 'regulatory',
      stepIds: ['cooling_off'],
      weight: 6,
      fatal: true,
      sources: [
        { doc: 'basic_service_15', item: 6 },
        { doc: 'domain', section: '3' },
      ],
    },
    { id: 'payment', kind: 'regulatory', stepIds: ['payment'], weight: 5, fatal: true, sources: [{ doc: 'basic_service_15', item: 7 }] },
    {
      id: 'dividend',
      kind: 'regulatory',
      stepIds: ['dividend'],
      weight: 5,
      fatal: true,
      sources: [
        { doc: 'domain', section: '11' },
        { doc: 'visit_rule', article: 8 },
      ],
    },
    {
      id: 'universal_life',
      kind: 'regulatory',
      stepIds: ['universal_return', 'universal_fees'],
      weight: 5,
      fatal: true,
      sources: [
        { doc: 'domain', section: '11' },
        { doc: 'visit_rule', article: 8 },
      ],
    },
    {
      id: 'investment_linked',
      kind: 'regulatory',
      stepIds: ['investment_risk', 'investment_fees'],
      weight: 5,
      fatal: true,
      sources: [
        { doc: 'domain', section: '11' },
        { doc: 'visit_rule', article: 8 },
      ],
    },
    { id: 'health_terms', kind: 'regulatory', stepIds: ['health_terms'], weight: 4, fatal: true, sources: [{ doc: 'health_44' }] },
    { id: 'recorded_sale_accepted', kind: 'regulatory', stepIds: ['recorded_sale_accepted'], weight: 4, fatal: true, sources: [{ doc: 'traceability_11' }] },
    { id: 'recorded_sale_intent', kind: 'regulatory', stepIds: ['recorded_sale_intent'], weight: 4, fatal: true, sources: [{ doc: 'traceability_11' }] },
    { id: 'greeting', kind: 'conduct', check: 'greeting_staff_no', weight: 4, fatal: false, sources: [{ doc: 'domain', section: '5.2' }] },
    {
      id: 'identity_first',
      kind: 'conduct',
      check: 'identity_first',
      weight: 6,
      fatal: true,
      sources: [
        { doc: 'domain', section: '4' },
        { doc: 'basic_service_15', item: 1 },
      ],
    },
    { id: 'no_leading', kind: 'conduct', check: 'no_leading_wording', weight: 6, fatal: true, sources: [{ doc: 'domain', section: '11' }] },
    { id: 'no_forbidden', kind: 'conduct', check: 'no_forbidden_phrases', weight: 5, fatal: false, sources: [{ doc: 'domain', section: '5' }] },
    {
      id: 'pace',
      kind: 'conduct',
      check: 'pace',
      weight: 3,
      fatal: false,
      sources: [
        { doc: 'visit_rule', article: 7 },
        { doc: 'domain', section: '5' },
      ],
    },
    { id: 'closing', kind: 'conduct', check: 'closing', weight: 3, fatal: false, sources: [{ doc: 'domain', section: '5.5' }] },
  ],
};
