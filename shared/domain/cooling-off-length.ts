/**
 * Length of the cooling-off period (犹豫期长度, docs/domain.md §3 and §11):
 * - bank-channel policies over one year: at least 15 natural days (保监发〔2014〕3号);
 * - long-term individual health policies: at least 15 days (健康保险管理办法 第15条);
 * - otherwise the contract's own period, at least 10 days (docs/domain.md §3).
 * The contract's value is used when given; by default it is never allowed below the regulatory
 * minimum for its category (the stricter reading wins; switch off with `enforceMinimum: false`).
 */

import type { PolicyCase } from './case';
import { termIsOverOneYear } from './policy-term';

/** Where a cooling-off length came from. */
export type CoolingOffLengthSource = 'contract' | 'bank_channel_over_one_year' | 'long_term_health' | 'default';

/** Configurable cooling-off defaults. */
export interface CoolingOffConfig {
  /** Length when nothing more specific applies. Default 10. */
  readonly defaultDays: number;
  /** Bank channel, term over one year. Default 15. */
  readonly bankOverOneYearDays: number;
  /** Long-term individual health insurance. Default 15. */
  readonly longTermHealthDays: number;
  /** Raise a contract's shorter value to the category minimum. Default true. */
  readonly enforceMinimum: boolean;
}

/** Defaults per docs/domain.md §3/§11. */
export const DEFAULT_COOLING_OFF: CoolingOffConfig = {
  defaultDays: 10,
  bankOverOneYearDays: 15,
  longTermHealthDays: 15,
  enforceMinimum: true,
};

/** The cooling-off length in natural days and where it came from. */
export function coolingOffLength(c: PolicyCase, config: CoolingOffConfig = DEFAULT_COOLING_OFF): { days: number; source: CoolingOffLengthSource } {
  let category: { days: number; source: CoolingOffLengthSource } = { days: config.defaultDays, source: 'default' };
  const candidates: { days: number; source: CoolingOffLengthSource }[] = [];
  if (c.channel.kind === 'bancassurance' && termIsOverOneYear(c)) {
    candidates.push({ days: config.bankOverOneYearDays, source: 'bank_channel_over_one_year' });
  }
  if (c.product.longTermHealth) candidates.push({ days: config.longTermHealthDays, source: 'long_term_health' });
  // the longest applicable minimum wins; a specific category beats the default on a tie
  for (const k of candidates) {
    if (category.source === 'default' ? k.days >= category.days : k.days > category.days) category = k;
  }
  if (c.coolingOffDays === undefined) return category;
  if (config.enforceMinimum && c.coolingOffDays < category.days) return category;
  return { days: c.coolingOffDays, source: 'contract' };
}
