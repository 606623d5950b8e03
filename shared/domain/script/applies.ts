/**
 * Applicability predicates of script steps, by name, so that scripts stay plain data (loadable as
 * JSON) while the logic lives here.
 */

import type { PolicyCase } from '../case';
import { insuredIsSomeoneElse } from '../case';
import { isRecordedSale } from '../recorded-sale';
import type { AppliesWhen, ScriptStep } from './script-definition';

/** The predicate behind each `AppliesWhen` name. */
export const APPLIES: Readonly<Record<AppliesWhen, (c: PolicyCase) => boolean>> = {
  regular_premium: (c) => c.premium.mode === 'regular',
  single_premium: (c) => c.premium.mode === 'single',
  dividend: (c) => c.product.design === 'dividend',
  universal: (c) => c.product.design === 'universal',
  investment_linked: (c) => c.product.design === 'investment_linked',
  health: (c) => c.product.line === 'health',
  recorded_sale: isRecordedSale,
  insured_differs: insuredIsSomeoneElse,
};

/** True when every predicate of the step holds for the case. */
export function stepApplies(step: ScriptStep, c: PolicyCase): boolean {
  const when = step.appliesWhen;
  if (!when || when.length === 0) return true;
  for (const name of when) if (!APPLIES[name](c)) return false;
  return true;
}
