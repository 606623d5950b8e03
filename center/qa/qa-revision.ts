import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import { scoreEvaluation, type QaItemVerdict } from '../../shared/domain/qa/score';
import type { CenterDatabase } from '../store/db-schema';
import type { QaEvaluationsTable } from '../store/db-schema-qa';
import { audit } from '../store/audit-repo';
import { formForCall, qaCall } from './qa-forms-repo';
import { toEvaluation, type QaEvaluation } from './qa-evaluations-repo';

const sameVerdicts = (a: readonly QaItemVerdict[], b: readonly QaItemVerdict[]) => {
  const of = (vs: readonly QaItemVerdict[]) => new Map(vs.map((v) => [v.itemId, v.verdict]));
  const left = of(a);
  const right = of(b);
  return left.size === right.size && [...left].every(([id, v]) => right.get(id) === v);
};

/**
 * A team lead's "revised" decision on a disputed evaluation (README "QA evaluations": the lead's
 * decision is recorded). The new verdicts are scored against the same form version the disputed
 * evaluation used (so the revision is comparable with it) and must change at least one verdict; the
 * revision becomes the call's current evaluation, already resolved, and the disputed one is kept,
 * resolved as revised and no longer current. Runs inside the caller's transaction.
 */
export async function reviseEvaluation(
  trx: Kysely<CenterDatabase>,
  row: QaEvaluationsTable,
  change: { note: string; verdicts: readonly QaItemVerdict[] },
  lead: string,
  at: string,
): Promise<CenterResult<QaEvaluation>> {
  const call = await qaCall(trx, row.session_id);
  if (!call.ok) return call;
  const form = await formForCall(trx, call.value, { formId: row.form_id, version: Number(row.form_version) });
  if (!form.ok) return form;
  const scored = scoreEvaluation(form.value, change.verdicts);
  if (!scored.ok)
    return {
      ok: false,
      error: syncError(
        'invalid_request',
        { en: `the revised verdicts do not fit form ${row.form_id} version ${row.form_version}: ${scored.problems.join('; ')}` },
        scored.problems.map((message) => ({ path: 'verdicts', message })),
      ),
    };
  if (sameVerdicts(JSON.parse(row.verdicts) as QaItemVerdict[], change.verdicts))
    return {
      ok: false,
      error: syncError('invalid_request', { en: 'the revised verdicts are the same as the disputed ones: resolve it as upheld instead' }, [
        { path: 'verdicts', message: 'no verdict changed' },
      ]),
    };
  const resolution = { resolution: 'revised', resolution_note: change.note, resolved_by: lead, resolved_at: at };
  // The old version leaves the one-current-per-call index before the new one enters it.
  await trx
    .updateTable('qa_evaluations')
    .set({ state: 'resolved', is_current: 0, ...resolution })
    .where('id', '=', row.id)
    .execute();
  const s = scored.value;
  const next: QaEvaluationsTable = {
    ...row,
    ...resolution,
    id: randomUUID(),
    evaluator: lead,
    verdicts: JSON.stringify(change.verdicts),
    score_tenths: Math.round(s.score * 10),
    passed: s.passed ? 1 : 0,
    fatal_failures: JSON.stringify(s.fatalFailures),
    state: 'resolved',
    created_at: at,
    supersedes: row.id,
    is_current: 1,
  };
  await trx.insertInto('qa_evaluations').values(next).execute();
  await audit(trx, {
    actor: lead,
    action: 'qa.resolve',
    target: row.id,
    detail: { session: row.session_id, decision: 'revised', revision: next.id, score: s.score, passed: s.passed },
  });
  return { ok: true, value: toEvaluation(next) };
}
