/**
 * List extraction (清单抽取, docs/domain.md §3): the day a policy is drawn from the core system into
 * the visit list. The source documents disagree, so each reading is a named strategy and the
 * strategy is configured per channel.
 */

import { addDays, type IsoDate } from './calendar/iso-date';
import type { PolicyCase } from './case';
import type { Message } from './message';

/** The extraction rules found in the source documents. */
export type ExtractionStrategy =
  /** 银保通: the day after the policy is entered/underwritten. */
  | 'day_after_underwriting'
  /** Receipt-entry date + 1, but no later than print date + 7. */
  | 'receipt_entry_capped_by_print'
  /** The day after the receipt is written off (回执核销), or 15 days after underwriting without a receipt. */
  | 'day_after_write_off_or_15_after_underwriting'
  /** 10 days after issue (承保). */
  | 'ten_days_after_issue'
  /** The write-off day itself (one guide: start on it, finish within 10 days). */
  | 'write_off_day';

/** Strategy per channel; channels not listed use `day_after_write_off_or_15_after_underwriting`. */
export type ExtractionConfig = Readonly<Partial<Record<PolicyCase['channel']['kind'], ExtractionStrategy>>>;

/** Defaults: bancassurance by underwriting, every other channel by receipt write-off (seed, 第十七条). */
export const DEFAULT_EXTRACTION: ExtractionConfig = { bancassurance: 'day_after_underwriting' };

/** When a policy is extracted, by which rule, and on what basis (`date` null when the data to decide are missing). */
export interface ListExtraction {
  readonly date: IsoDate | null;
  readonly strategy: ExtractionStrategy;
  readonly basis: Message;
}

/** Applies the channel's extraction strategy to a case. */
export function listExtractionDate(c: PolicyCase, config: ExtractionConfig = DEFAULT_EXTRACTION): ListExtraction {
  const strategy = config[c.channel.kind] ?? 'day_after_write_off_or_15_after_underwriting';
  const d = c.dates;
  const r = (date: IsoDate | null, zh: string, en: string): ListExtraction => ({ date, strategy, basis: { zh, en } });
  switch (strategy) {
    case 'day_after_underwriting':
      return r(addDays(d.underwriting, 1), '承保次日', 'the day after underwriting');
    case 'receipt_entry_capped_by_print': {
      const cap = d.print !== undefined ? addDays(d.print, 7) : null;
      const entry = d.receiptEntered !== undefined ? addDays(d.receiptEntered, 1) : null;
      if (entry && cap && entry > cap) return r(cap, '回执录入次日晚于打印后第7日，取打印后第7日', 'receipt entry + 1 is later than print + 7, so print + 7');
      if (entry) return r(entry, '回执录入次日', 'the day after receipt entry');
      if (cap) return r(cap, '回执未录入，取打印后第7日', 'receipt not entered, so print + 7');
      return r(null, '缺少回执录入日期和打印日期', 'neither receipt-entry nor print date is known');
    }
    case 'day_after_write_off_or_15_after_underwriting':
      return d.receiptWrittenOff !== undefined
        ? r(addDays(d.receiptWrittenOff, 1), '回执核销次日', 'the day after receipt write-off')
        : r(addDays(d.underwriting, 15), '回执未回销，取承保后第15日', 'no receipt written off, so underwriting + 15');
    case 'ten_days_after_issue':
      return r(addDays(d.underwriting, 10), '承保后第10日', 'underwriting + 10');
    case 'write_off_day':
      return d.receiptWrittenOff !== undefined
        ? r(d.receiptWrittenOff, '回执核销当日', 'the receipt write-off day')
        : r(null, '回执尚未核销', 'the receipt has not been written off yet');
  }
}
