import type { Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import { DEFAULT_SAMPLING_RULES, samplingRuleProblems, selectForEvaluation, type SampleReason, type SamplingRules } from '../../shared/domain/qa/sampling';
import { isTrainingPolicy } from '../../shared/domain/training-cases';
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

/** One call on QA's work list. */
export interface WorkListItem {
  readonly sessionId: string;
  readonly policyNo: string;
  readonly agentId: string;
  readonly team: string;
  readonly createdAt: string;
  readonly outcome: string | null;
  readonly gapCount: number;
  readonly reasons: readonly SampleReason[];
  /** Who took it; null while free. */
  readonly claimedBy: string | null;
}

/** The centre's local date of an ISO time (the sampling weeks and months are local). */
function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The calls of a period the sampling rules select and nobody has evaluated yet (calibration aside),
 * with their reasons and who claimed them. Only calls QA can score: a real case and a script on record.
 */
export async function workList(db: Db, period: { from: string; to: string; team?: string; agent?: string }): Promise<WorkListItem[]> {
  let q = db
    .selectFrom('archived_sessions as a')
    .innerJoin('session_check_facts as f', 'f.session_id', 'a.session_id')
    .select(['a.session_id', 'a.case_id', 'a.agent_id', 'a.team', 'a.created_at', 'a.outcome', 'a.gap_count'])
    .where('a.purged_at', 'is', null)
    .where('a.case_id', 'is not', null)
    // A day's margin either side: the local day is decided below.
    .where('a.created_at', '>=', shiftDay(period.from, -1))
    .where('a.created_at', '<', shiftDay(period.to, 2));
  if (period.team) q = q.where('a.team', '=', period.team);
  if (period.agent) q = q.where('a.agent_id', '=', period.agent);
  const rows = (await q.execute()).filter((r) => !isTrainingPolicy(r.case_id) && localDay(r.created_at) >= period.from && localDay(r.created_at) <= period.to);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.session_id);
  const overridden = new Set<string>();
  for (const c of await db.selectFrom('result_checks').select(['session_id', 'pushed']).where('session_id', 'in', ids).execute())
    if (c.session_id && (JSON.parse(c.pushed) as { override?: unknown }).override) overridden.add(c.session_id);
  const evaluated = new Set(
    (await db.selectFrom('qa_evaluations').select('session_id').where('calibration_id', 'is', null).where('session_id', 'in', ids).execute()).map(
      (r) => r.session_id,
    ),
  );
  const claims = new Map((await db.selectFrom('qa_claims').selectAll().where('session_id', 'in', ids).execute()).map((c) => [c.session_id, c.claimed_by]));
  const rules = await samplingRules(db);
  const chosen = selectForEvaluation(
    rows.map((r) => ({
      sessionId: r.session_id,
      agentId: r.agent_id,
      day: localDay(r.created_at),
      outcome: r.outcome,
      overridden: overridden.has(r.session_id),
      gapCount: Number(r.gap_count),
    })),
    rules,
  );
  const byId = new Map(rows.map((r) => [r.session_id, r]));
  return chosen
    .filter((d) => !evaluated.has(d.sessionId))
    .map((d) => {
      const r = byId.get(d.sessionId)!;
      return {
        sessionId: r.session_id,
        policyNo: r.case_id!,
        agentId: r.agent_id,
        team: r.team,
        createdAt: r.created_at,
        outcome: r.outcome,
        gapCount: Number(r.gap_count),
        reasons: d.reasons,
        claimedBy: claims.get(d.sessionId) ?? null,
      };
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
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
