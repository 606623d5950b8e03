import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import { calibrationSpread, type CalibrationSpread } from '../../shared/domain/qa/calibration';
import type { CenterDatabase } from '../store/db-schema';
import { nowIso } from '../store/clock';
import { audit } from '../store/audit-repo';
import { qaCall } from './qa-forms-repo';
import { toEvaluation } from './qa-evaluations-repo';

type Db = Kysely<CenterDatabase>;

export interface Calibration {
  readonly id: string;
  readonly lead: string;
  readonly team: string;
  readonly sessionIds: readonly string[];
  readonly reviewers: readonly string[];
  readonly createdAt: string;
}

const REVIEWER_ROLES = ['qa', 'team_lead', 'admin'];

/** A lead's calibration: every call must be scoreable, every reviewer an active QA (or lead). Audited. */
export async function createCalibration(
  db: Db,
  lead: { staffNo: string; team: string },
  body: { sessionIds: string[]; reviewers: string[] },
): Promise<CenterResult<Calibration>> {
  const sessionIds = [...new Set(body.sessionIds)];
  const reviewers = [...new Set(body.reviewers)].filter((r) => r !== lead.staffNo);
  for (const id of sessionIds) {
    const call = await qaCall(db, id);
    if (!call.ok) return call;
  }
  const known = await db
    .selectFrom('users')
    .select(['staff_no', 'role', 'active'])
    .where('staff_no', 'in', reviewers.length > 0 ? reviewers : ['-'])
    .execute();
  const bad = reviewers.filter((r) => !known.some((u) => u.staff_no === r && Number(u.active) === 1 && REVIEWER_ROLES.includes(u.role)));
  if (bad.length > 0 || reviewers.length === 0)
    return {
      ok: false,
      error: syncError('invalid_request', {
        en: bad.length > 0 ? `not active QA reviewers: ${bad.join(', ')}` : 'name at least one reviewer besides yourself',
      }),
    };
  const value: Calibration = { id: randomUUID(), lead: lead.staffNo, team: lead.team, sessionIds, reviewers, createdAt: nowIso() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('qa_calibrations')
      .values({
        id: value.id,
        lead: value.lead,
        team: value.team,
        sessions: JSON.stringify(sessionIds),
        reviewers: JSON.stringify(reviewers),
        created_at: value.createdAt,
      })
      .execute();
    await audit(trx, { actor: lead.staffNo, action: 'qa.calibration', target: value.id, detail: { calls: sessionIds.length, reviewers } });
  });
  return { ok: true, value };
}

const toCalibration = (r: { id: string; lead: string; team: string; sessions: string; reviewers: string; created_at: string }): Calibration => ({
  id: r.id,
  lead: r.lead,
  team: r.team,
  sessionIds: JSON.parse(r.sessions) as string[],
  reviewers: JSON.parse(r.reviewers) as string[],
  createdAt: r.created_at,
});

/**
 * The calibrations `staffNo` reviews or leads, each call marked scored or not by them. Blind: a
 * reviewer never sees another's verdicts or scores here.
 */
export async function myCalibrations(db: Db, staffNo: string): Promise<(Calibration & { readonly scored: readonly string[] })[]> {
  const rows = (await db.selectFrom('qa_calibrations').selectAll().orderBy('created_at', 'desc').limit(200).execute())
    .map(toCalibration)
    .filter((c) => c.lead === staffNo || c.reviewers.includes(staffNo));
  const out = [];
  for (const c of rows) {
    const mine = await db.selectFrom('qa_evaluations').select('session_id').where('calibration_id', '=', c.id).where('evaluator', '=', staffNo).execute();
    out.push({ ...c, scored: mine.map((m) => m.session_id) });
  }
  return out;
}

/** The spread of a calibration against its lead's reference evaluations (the lead and admins only). */
export async function calibrationSpreadOf(
  db: Db,
  id: string,
  who: { staffNo: string; role: string },
): Promise<CenterResult<CalibrationSpread & { calibration: Calibration }>> {
  const row = await db.selectFrom('qa_calibrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return { ok: false, error: syncError('not_found', { en: `no calibration ${id}` }) };
  if (row.lead !== who.staffNo && who.role !== 'admin')
    return { ok: false, error: syncError('forbidden', { en: 'only the calibration’s lead sees its spread' }) };
  const evaluations = (await db.selectFrom('qa_evaluations').selectAll().where('calibration_id', '=', id).execute()).map(toEvaluation);
  const spread = calibrationSpread(
    evaluations.map((e) => ({
      sessionId: e.sessionId,
      evaluator: e.evaluator,
      score: e.score,
      passed: e.passed,
      verdicts: Object.fromEntries(e.verdicts.map((v) => [v.itemId, v.verdict])),
    })),
    row.lead,
  );
  return { ok: true, value: { ...spread, calibration: toCalibration(row) } };
}
