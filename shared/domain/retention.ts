/**
 * How long an archived call session and its recording must be kept (docs/domain.md §9, §11).
 *
 * Three rules, all minimums, so the record is kept until the LATEST date they give:
 * - the insurer's own rule (seed: 新契约回访管理办法 第十五条 档案管理 — 录音文件的保存期限不得低于20年):
 *   `yearsFromCall` after the call;
 * - 《保险销售行为可回溯管理暂行办法》第13条: `yearsAfterContractEnd` after the contract ends (10 for
 *   terms over one year; the 5 it allows for shorter terms is never longer, so 10 applies to all);
 * - the same 第13条: a dispute (投诉、诉讼等纠纷) keeps it until `yearsAfterDispute` after the dispute ends.
 *
 * Unknown contract end (whole life, "to age" without a birth date, a session without a case): the
 * result rests on the call rule and the disputes known, and says so (`contractEndKnown: false`).
 * An open dispute has no end yet, so nothing is due while it lasts (`until: null`).
 */

import { isIsoDate, type IsoDate } from './calendar/iso-date';

/** The centre's configurable retention periods, in whole years. */
export interface RetentionRules {
  readonly yearsFromCall: number;
  readonly yearsAfterContractEnd: number;
  readonly yearsAfterDispute: number;
}

/** Defaults: the figures the sources give (docs/domain.md §9, §11). */
export const DEFAULT_RETENTION_RULES: RetentionRules = { yearsFromCall: 20, yearsAfterContractEnd: 10, yearsAfterDispute: 2 };

/** A dispute recorded on the session's policy; `ended` null while it is open. */
export interface RetentionDispute {
  readonly opened: IsoDate;
  readonly ended: IsoDate | null;
}

/** What retention is computed from: all civil dates in China. */
export interface RetentionFacts {
  /** The day of the call. */
  readonly callDate: IsoDate;
  /** The contract's last day (保险期间届满日), null when it cannot be known. */
  readonly contractEnd: IsoDate | null;
  readonly disputes: readonly RetentionDispute[];
}

/** Which rule gave the date: the call, the contract end, an ended dispute, or an open dispute. */
export type RetentionBasis = 'call' | 'contract_end' | 'dispute' | 'open_dispute';

/** The answer: the last day the record must be kept (null = no end while a dispute is open). */
export interface Retention {
  readonly until: IsoDate | null;
  readonly basis: RetentionBasis;
  readonly contractEndKnown: boolean;
}

/**
 * `date` plus `years` years. A 29 February whose anniversary does not exist moves to 1 March, so the
 * period is never shorter than the years asked for.
 */
function plusYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(2000, m - 1, d));
  utc.setUTCFullYear(y + years);
  return utc.toISOString().slice(0, 10);
}

/** The last day `facts` must be kept under `rules` (the latest of every rule that applies). */
export function retainUntil(facts: RetentionFacts, rules: RetentionRules = DEFAULT_RETENTION_RULES): Retention {
  for (const d of [facts.callDate, facts.contractEnd, ...facts.disputes.flatMap((x) => [x.opened, x.ended])]) {
    if (d !== null && !isIsoDate(d)) throw new Error(`retention: not a date: ${d}`);
  }
  const contractEndKnown = facts.contractEnd !== null;
  if (facts.disputes.some((d) => d.ended === null)) return { until: null, basis: 'open_dispute', contractEndKnown };
  let until = plusYears(facts.callDate, rules.yearsFromCall);
  let basis: RetentionBasis = 'call';
  if (facts.contractEnd !== null) {
    const after = plusYears(facts.contractEnd, rules.yearsAfterContractEnd);
    if (after > until) [until, basis] = [after, 'contract_end'];
  }
  for (const d of facts.disputes) {
    const after = plusYears(d.ended as IsoDate, rules.yearsAfterDispute);
    if (after > until) [until, basis] = [after, 'dispute'];
  }
  return { until, basis, contractEndKnown };
}

/** True when the record may be deleted on `today`: its last day to keep has passed. */
export function retentionIsOver(until: IsoDate | null, today: IsoDate): boolean {
  return until !== null && today > until;
}
