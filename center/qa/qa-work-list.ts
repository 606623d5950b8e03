import type { Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import { DEFAULT_SAMPLING_RULES, samplingRuleProblems, type SamplingRules } from '../../shared/domain/qa/sampling';
import { sampledCalls, type SampledCallRow } from './qa-sampling-query';
import type { SamplingPeriod } from './qa-sampling-sql';
import { WORK_LIST_LIMIT } from '../../shared/sync/qa';
import { readForReport, type ReportSource } from '../reports/report-source';
import type { CenterDatabase } from '../store/db-schema';
import { nowIso } from '../store/clock';
import { audit } from '../store/audit-repo';
import { qaCall } from './qa-forms-repo';

type Db = Kysely<CenterDatabase>;
const RULES_KEY = 'qa.sampling';

/** The centre's sampling rules (the default until an administrator saves others). */
export async function samplingRules(db: Db): Promise<SamplingRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as SamplingRules) : DEFAULT_SAMPLING_RULES;
}

/** Saves new sampling rules (administrators; audited). */
export async function saveSamplingRules(db: Db, rules: SamplingRules, actor: string): Promise<CenterResult<SamplingRules>> {
  const problems = samplingRuleProblems(rules);
  if (problems.length > 0) return { ok: false, error: syncError('invalid_request', { en: problems.join('; ') }) };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: RULES_KEY, value: JSON.stringify(rules) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(rules) }))
      .execute();
    await audit(trx, { actor, action: 'qa.sampling_rules', detail: { ...rules } });
  });
  return { ok: true, value: rules };
}

/** One call on QA's work list: the sampled call, why, and who took it (null while free). */
export type WorkListItem = SampledCallRow;

/**
 * The calls of a period the sampling rules select and nobody has evaluated yet (calibration aside),
 * with their reasons and who claimed them: the oldest `limit`, and how many there are in all. Selected inside the database
 * (qa-sampling-query.ts): a period of a million calls is never read into the centre.
 */
export async function workList(src: ReportSource, period: SamplingPeriod, limit = WORK_LIST_LIMIT): Promise<{ items: WorkListItem[]; total: number }> {
  const rules = await samplingRules(src.db);
  // A period's calls are grouped and ranked in one pass: the reports' settings for such reads.
  return readForReport(src, (trx) => sampledCalls(trx, period, rules, limit));
}

/**
 * Takes a call from the work list for `qa`: refused when another QA holds it or it was already
 * evaluated (a call is scored once outside calibration). Claiming one's own claim again is a no-op.
 */
export async function claimCall(
  db: Db,
  sessionId: string,
  qa: string,
  reasons: readonly string[] = [],
): Promise<CenterResult<{ sessionId: string; claimedBy: string; claimedAt: string }>> {
  const call = await qaCall(db, sessionId);
  if (!call.ok) return call;
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('qa_evaluations')
      .select('evaluator')
      .where('session_id', '=', sessionId)
      .where('calibration_id', 'is', null)
      .executeTakeFirst();
    if (done) return { ok: false as const, error: syncError('conflict', { en: `call ${sessionId} was already evaluated by ${done.evaluator}` }) };
    const at = nowIso();
    await trx
      .insertInto('qa_claims')
      .values({ session_id: sessionId, claimed_by: qa, claimed_at: at, reasons: JSON.stringify(reasons) })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    const held = await trx.selectFrom('qa_claims').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
    if (held.claimed_by !== qa) return { ok: false as const, error: syncError('conflict', { en: `call ${sessionId} is claimed by ${held.claimed_by}` }) };
    if (held.claimed_at === at) await audit(trx, { actor: qa, action: 'qa.claim', target: sessionId });
    return { ok: true as const, value: { sessionId, claimedBy: held.claimed_by, claimedAt: held.claimed_at } };
  });
}
