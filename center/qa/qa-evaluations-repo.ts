import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { syncError, type CenterResult } from '../../shared/sync';
import type { evaluationBodySchema } from '../../shared/sync/qa';
import { scoreEvaluation, type QaItemVerdict } from '../../shared/domain/qa/score';
import { evaluationReducer, type QaEvaluationEvent, type QaEvaluationState } from '../../shared/domain/qa/evaluation-state';
import type { CenterDatabase } from '../store/db-schema';
import type { QaEvaluationsTable } from '../store/db-schema-qa';
import { nowIso } from '../store/clock';
import { audit } from '../store/audit-repo';
import { formForCall, qaCall } from './qa-forms-repo';
import { reviseEvaluation } from './qa-revision';

type Db = Kysely<CenterDatabase>;

/** An evaluation as the routes answer it. */
export interface QaEvaluation {
  readonly id: string;
  readonly sessionId: string;
  readonly policyNo: string;
  readonly agentId: string;
  readonly team: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly scriptId: string;
  readonly scriptVersion: string;
  readonly evaluator: string;
  readonly calibrationId: string | null;
  readonly verdicts: readonly QaItemVerdict[];
  readonly score: number;
  readonly passed: boolean;
  readonly fatalFailures: readonly string[];
  readonly state: QaEvaluationState | 'calibration';
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
  readonly dispute: { readonly reason: string; readonly at: string } | null;
  readonly resolution: { readonly decision: string; readonly note: string; readonly by: string; readonly at: string } | null;
  /** The evaluation a lead's revision replaced; null for a first scoring. */
  readonly supersedes: string | null;
  /** False once a revision replaced it (kept for history). */
  readonly current: boolean;
}

export function toEvaluation(r: QaEvaluationsTable): QaEvaluation {
  return {
    id: r.id,
    sessionId: r.session_id,
    policyNo: r.policy_no,
    agentId: r.agent_id,
    team: r.team,
    formId: r.form_id,
    formVersion: Number(r.form_version),
    scriptId: r.script_id,
    scriptVersion: r.script_version,
    evaluator: r.evaluator,
    calibrationId: r.calibration_id,
    verdicts: JSON.parse(r.verdicts) as QaItemVerdict[],
    score: Number(r.score_tenths) / 10,
    passed: Number(r.passed) === 1,
    fatalFailures: JSON.parse(r.fatal_failures) as string[],
    state: r.state as QaEvaluation['state'],
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    dispute: r.dispute_reason !== null && r.disputed_at !== null ? { reason: r.dispute_reason, at: r.disputed_at } : null,
    resolution: r.resolution !== null ? { decision: r.resolution, note: r.resolution_note ?? '', by: r.resolved_by ?? '', at: r.resolved_at ?? '' } : null,
    supersedes: r.supersedes,
    current: Number(r.is_current) === 1,
  };
}

const conflict = (en: string) => ({ ok: false as const, error: syncError('conflict', { en }) });

/**
 * Scores and stores an evaluation. The form is regenerated at the centre from the version named
 * (the desk cannot send a form of its own) and the verdicts must cover it exactly. Outside a
 * calibration the evaluator must hold the call's claim (taken here when the call is free) and a call
 * is evaluated once; inside one the evaluator must be a reviewer or the lead, once per call.
 */
export async function submitEvaluation(db: Db, body: z.output<typeof evaluationBodySchema>, evaluator: string): Promise<CenterResult<QaEvaluation>> {
  const call = await qaCall(db, body.sessionId);
  if (!call.ok) return call;
  const form = await formForCall(db, call.value, { formId: body.formId, version: body.formVersion });
  if (!form.ok) return form;
  const scored = scoreEvaluation(form.value, body.verdicts);
  if (!scored.ok)
    return {
      ok: false,
      error: syncError(
        'invalid_request',
        { en: `the evaluation does not fit the call's form: ${scored.problems.join('; ')}` },
        scored.problems.map((message) => ({ path: 'verdicts', message })),
      ),
    };
  return db.transaction().execute(async (trx): Promise<CenterResult<QaEvaluation>> => {
    const calibrationId = body.calibrationId ?? null;
    if (calibrationId) {
      const cal = await trx.selectFrom('qa_calibrations').selectAll().where('id', '=', calibrationId).executeTakeFirst();
      if (!cal) return { ok: false, error: syncError('not_found', { en: `no calibration ${calibrationId}` }) };
      if (!(JSON.parse(cal.sessions) as string[]).includes(body.sessionId)) return conflict(`call ${body.sessionId} is not in calibration ${calibrationId}`);
      if (cal.lead !== evaluator && !(JSON.parse(cal.reviewers) as string[]).includes(evaluator))
        return { ok: false, error: syncError('forbidden', { en: `${evaluator} is not a reviewer of calibration ${calibrationId}` }) };
      const again = await trx
        .selectFrom('qa_evaluations')
        .select('id')
        .where('calibration_id', '=', calibrationId)
        .where('session_id', '=', body.sessionId)
        .where('evaluator', '=', evaluator)
        .executeTakeFirst();
      if (again) return conflict(`${evaluator} already scored call ${body.sessionId} in calibration ${calibrationId}`);
    } else {
      const done = await trx
        .selectFrom('qa_evaluations')
        .select('evaluator')
        .where('session_id', '=', body.sessionId)
        .where('calibration_id', 'is', null)
        .executeTakeFirst();
      if (done) return conflict(`call ${body.sessionId} was already evaluated by ${done.evaluator}`);
      await trx
        .insertInto('qa_claims')
        .values({ session_id: body.sessionId, claimed_by: evaluator, claimed_at: nowIso(), reasons: '[]' })
        .onConflict((oc) => oc.column('session_id').doNothing())
        .execute();
      const claim = await trx.selectFrom('qa_claims').select('claimed_by').where('session_id', '=', body.sessionId).executeTakeFirstOrThrow();
      if (claim.claimed_by !== evaluator) return conflict(`call ${body.sessionId} is claimed by ${claim.claimed_by}`);
    }
    const s = scored.value;
    const row: QaEvaluationsTable = {
      id: randomUUID(),
      session_id: body.sessionId,
      policy_no: call.value.policyNo,
      agent_id: call.value.agentId,
      team: call.value.team,
      form_id: form.value.formId,
      form_version: form.value.formVersion,
      script_id: form.value.scriptId,
      script_version: form.value.scriptVersion,
      evaluator,
      calibration_id: calibrationId,
      verdicts: JSON.stringify(body.verdicts),
      score_tenths: Math.round(s.score * 10),
      passed: s.passed ? 1 : 0,
      fatal_failures: JSON.stringify(s.fatalFailures),
      state: calibrationId ? 'calibration' : 'submitted',
      created_at: nowIso(),
      acknowledged_at: null,
      dispute_reason: null,
      disputed_at: null,
      resolution: null,
      resolution_note: null,
      resolved_by: null,
      resolved_at: null,
      supersedes: null,
      is_current: 1,
    };
    await trx.insertInto('qa_evaluations').values(row).execute();
    await audit(trx, {
      actor: evaluator,
      action: 'qa.evaluate',
      target: body.sessionId,
      detail: { id: row.id, score: s.score, passed: s.passed, calibrationId },
    });
    return { ok: true, value: toEvaluation(row) };
  });
}

/** Evaluations matching the filter, newest first. */
export async function listEvaluations(
  db: Db,
  f: { agent?: string; team?: string; sessionId?: string; state?: string; calibration?: boolean; evaluator?: string; current?: boolean },
): Promise<QaEvaluation[]> {
  let q = db.selectFrom('qa_evaluations').selectAll();
  if (f.agent) q = q.where('agent_id', '=', f.agent);
  if (f.team) q = q.where('team', '=', f.team);
  if (f.sessionId) q = q.where('session_id', '=', f.sessionId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.evaluator) q = q.where('evaluator', '=', f.evaluator);
  if (f.calibration === false) q = q.where('calibration_id', 'is', null);
  if (f.current) q = q.where('is_current', '=', 1);
  return (await q.orderBy('created_at', 'desc').limit(1000).execute()).map(toEvaluation);
}

/**
 * The agent acknowledges or disputes an evaluation of their own call, or the team lead resolves a
 * dispute of their team (`evaluation-state.ts`); a "revised" resolution carries the new verdicts and
 * makes a new current evaluation (`qa-revision.ts`). Audited; a refused move changes nothing.
 */
export async function moveEvaluation(
  db: Db,
  id: string,
  event: QaEvaluationEvent,
  who: { staffNo: string; role: string; team: string },
  revised?: readonly QaItemVerdict[],
): Promise<CenterResult<QaEvaluation>> {
  return db.transaction().execute(async (trx): Promise<CenterResult<QaEvaluation>> => {
    const row = await trx
      .selectFrom('qa_evaluations')
      .selectAll()
      .where('id', '=', id)
      .where('calibration_id', 'is', null)
      .where('is_current', '=', 1)
      .executeTakeFirst();
    if (!row) return { ok: false, error: syncError('not_found', { en: `no evaluation ${id}` }) };
    if (event.type === 'resolve' ? who.role !== 'admin' && row.team !== who.team : row.agent_id !== who.staffNo)
      return {
        ok: false,
        error: syncError('forbidden', { en: event.type === 'resolve' ? `evaluation ${id} is not of your team` : `evaluation ${id} is not of your call` }),
      };
    const next = evaluationReducer(row.state as QaEvaluationState, event);
    if (!next.ok) return conflict(next.problem);
    const at = nowIso();
    if (event.type === 'resolve' && event.decision === 'revised')
      return reviseEvaluation(trx, row, { note: event.note.trim(), verdicts: revised ?? [] }, who.staffNo, at);
    const patch =
      event.type === 'acknowledge'
        ? { acknowledged_at: at }
        : event.type === 'dispute'
          ? { dispute_reason: event.reason.trim(), disputed_at: at }
          : { resolution: event.decision, resolution_note: event.note.trim(), resolved_by: who.staffNo, resolved_at: at };
    await trx
      .updateTable('qa_evaluations')
      .set({ state: next.state, ...patch })
      .where('id', '=', id)
      .execute();
    await audit(trx, { actor: who.staffNo, action: `qa.${event.type}`, target: id, detail: { session: row.session_id } });
    return { ok: true, value: toEvaluation({ ...row, state: next.state, ...patch }) };
  });
}
