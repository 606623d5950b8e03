import type { PolicyCase } from '../../../shared/domain/case';
import { maskName } from '../../../shared/domain/masking';
import { PLACEHOLDERS, type ScriptContext } from '../../../shared/domain/script/placeholders';
import { messages } from '../../i18n/messages';

/** Placeholders whose text is no personal data (company, staff, product, terms of the product). */
const SAFE = new Set(['companyName', 'staffNo', 'productName', 'termText', 'paymentYears', 'frequencyText', 'coolingOffDays']);

/**
 * A script step's text for the team lead's live board: what the wizard shows, except that names
 * are masked (`张*先生`, `李*`) and every other placeholder that would reveal personal data
 * (dates, amounts, phone, address, the seller's name) stays as written (`{premiumAmount}`).
 */
export function liveQuestionText(text: string, c: PolicyCase, ctx: ScriptContext): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (name === 'policyholderTitle') return `${maskName(c.policyholder.name)}${messages.live.titles[c.policyholder.gender ?? ''] ?? ''}`;
    if (name === 'insuredName') return maskName(c.insured.name ?? c.policyholder.name);
    const fill = PLACEHOLDERS[name];
    return SAFE.has(name) && fill ? fill(c, ctx) : whole;
  });
}
