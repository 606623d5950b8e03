/**
 * Recorded sales (双录, 《保险销售行为可回溯管理暂行办法》保监发〔2017〕54号). 第6条 requires audio
 * and video recording of: bank and other 兼业代理 sales of policies over one year; every
 * investment-linked sale; and sales of policies over one year to customers aged 60 or more.
 * 第11条: the visit then asks whether the customer accepted the recording and whether what they
 * said in it was their true intention.
 */

import { policyholderAge, type PolicyCase } from './case';
import { termIsOverOneYear } from './policy-term';

/** Which clause of 可回溯办法 第6条 required the sale to be recorded. */
export type RecordingRule = 'investment_linked' | 'bancassurance' | 'age_60_plus';

/** The rule that required the sale to be recorded, or null when none did. */
export function recordingRequiredBy(c: PolicyCase): RecordingRule | null {
  const overOneYear = termIsOverOneYear(c);
  if (c.product.design === 'investment_linked') return 'investment_linked';
  if (overOneYear && c.channel.kind === 'bancassurance') return 'bancassurance';
  const age = policyholderAge(c);
  return overOneYear && age !== null && age >= 60 ? 'age_60_plus' : null;
}

/** True when 可回溯办法 第6条 required the sale to be recorded. */
export function recordingRequired(c: PolicyCase): boolean {
  return recordingRequiredBy(c) !== null;
}

/**
 * True when the visit must carry the recorded-sale question: the sale was recorded, or it had to
 * be (then a "no" surfaces the missing recording instead of skipping the question).
 */
export function isRecordedSale(c: PolicyCase): boolean {
  return c.recordedSale || recordingRequired(c);
}
