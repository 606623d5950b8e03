import type { AssignedCase } from '../../shared/sync';
import { isDialect } from '../i18n/language-names';
import type { CaseSummary, QueueBadge, QueueRow, QueueTier } from './records';

/**
 * Flags that describe the case rather than warn about it (not shown as a red flag).
 * `calendar_uncertain` is shown on the deadline itself, judged on the desk's own calendar
 * (`desk-calendar.ts`), so it never counts as a warning about the policyholder.
 */
const INFO_FLAGS = new Set(['dialect', 'escalated', 'recorded_sale', 'age_60_plus', 'human_phone', 'calendar_uncertain']);

/** True when a centre flag marks a dialect/language case (`dialect`, `language:<not mandarin>`). */
export function isDialectFlag(flag: string): boolean {
  return flag === 'dialect' || (flag.startsWith('language:') && flag !== 'language:mandarin');
}

/** Local facts that change a case's place in the queue. */
export interface QueueLocalFacts {
  /** Earliest pending callback (ISO time) or null. */
  readonly callbackAt: string | null;
  readonly attempts: number;
  readonly localState: 'open' | 'done';
}

/**
 * Tier of a case in the queue (docs/domain.md §7): verification (核实件) and returned cases
 * first, then cases whose callback is due, then everything else by nearest deadline.
 */
export function queueTier(kind: AssignedCase['kind'], callbackAt: string | null, now: Date): QueueTier {
  if (kind === 'verification' || kind === 'returned') return 0;
  if (callbackAt !== null && Date.parse(callbackAt) <= now.getTime()) return 1;
  return 2;
}

/**
 * The sort key of a queue row: tier, then the time that matters inside the tier (deadline; for
 * due callbacks the callback time), then the policy number for a stable order. Lexicographic.
 */
export function queueRank(tier: QueueTier, deadline: string | null, callbackAt: string | null, policyNo: string): string {
  const when = tier === 1 ? (callbackAt ?? '') : (deadline ?? '9999-12-31');
  return `${tier}|${when}|${policyNo}`;
}

/** The clear facts of a case the queue row is built from (its data is sealed; see `CaseSummary`). */
export type QueueCaseFacts = Pick<AssignedCase, 'policyNo' | 'kind' | 'status' | 'deadline' | 'flags' | 'language' | 'escalated'>;

/** Builds the queue row of a case from its clear facts and its summary (no personal data needed). */
export function toQueueRow(c: QueueCaseFacts, summary: CaseSummary, local: QueueLocalFacts, now: Date): QueueRow {
  const badges: QueueBadge[] = [];
  const redFlags = c.flags.filter((f) => !INFO_FLAGS.has(f) && !f.startsWith('language:'));
  if (redFlags.length > 0) badges.push('red_flag');
  if (summary.age60 || c.flags.includes('age_60_plus')) badges.push('age_60_plus');
  if (summary.recordedSale || c.flags.includes('recorded_sale')) badges.push('recorded_sale');
  const flagged = c.flags.find((f) => f.startsWith('language:'))?.slice('language:'.length);
  const language = c.language ?? flagged ?? null;
  if (isDialect(language) || c.flags.some(isDialectFlag)) badges.push('dialect');
  const tier = queueTier(c.kind, local.callbackAt, now);
  if (tier === 1) badges.push('callback_due');
  if (c.escalated) badges.push('escalated');
  return {
    policyNo: c.policyNo,
    rank: queueRank(tier, c.deadline, local.callbackAt, c.policyNo),
    tier,
    kind: c.kind,
    status: c.status,
    deadline: c.deadline,
    holderName: summary.holderName,
    nameKey: summary.nameKey,
    nameTokens: summary.nameTokens,
    productName: summary.productName,
    badges,
    redFlags,
    language: isDialect(language) ? language : null,
    callbackAt: local.callbackAt,
    ...(summary.branchCode ? { branchCode: summary.branchCode } : {}),
    attempts: local.attempts,
    localState: local.localState,
  };
}
