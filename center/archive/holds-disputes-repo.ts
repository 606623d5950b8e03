import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { syncError, type CenterResult } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { nowIso } from '../store/clock';

/** What a legal hold covers: every session of a policy, or one archived session. */
export type HoldScope = 'policy' | 'session';

type OnSessions = ExpressionBuilder<CenterDatabase, 'archived_sessions'>;

/** An active centre hold on the row's session or on its policy (a released hold no longer counts). */
export function centreHeld(eb: OnSessions) {
  const active = (scope: HoldScope, column: 'archived_sessions.session_id' | 'archived_sessions.case_id') =>
    eb.exists(
      eb
        .selectFrom('legal_holds')
        .select('legal_holds.id')
        .where('legal_holds.released_at', 'is', null)
        .where('legal_holds.scope', '=', scope)
        .whereRef('legal_holds.target', '=', column),
    );
  return eb.or([active('session', 'archived_sessions.session_id'), active('policy', 'archived_sessions.case_id')]);
}

/** Held at all: the desk's hold when it was archived, or an active centre hold. Blocks deletion. */
export function anyHold(eb: OnSessions) {
  return eb.or([eb('archived_sessions.legal_hold', '=', 1), centreHeld(eb)]);
}

/** Places a hold; answers its id. */
export async function placeHold(db: Kysely<CenterDatabase>, h: { scope: HoldScope; target: string; reason: string; actor: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('legal_holds')
    .values({
      id,
      scope: h.scope,
      target: h.target,
      reason: h.reason,
      placed_by: h.actor,
      placed_at: nowIso(),
      released_by: null,
      released_at: null,
      release_reason: null,
    })
    .execute();
  return id;
}

/**
 * Releases every active hold on the target. Releasing a session also lifts the hold the desk had
 * placed before archiving (the `legal_hold` flag): the centre's administrator is the one who can
 * end it once the session lives at the centre. Answers the hold ids released and whether the desk's
 * hold was lifted; nothing to release is a refusal, not a silent success.
 */
export async function releaseHolds(
  db: Kysely<CenterDatabase>,
  h: { scope: HoldScope; target: string; reason: string; actor: string },
): Promise<CenterResult<{ released: string[]; deskHoldLifted: boolean }>> {
  const active = await db
    .selectFrom('legal_holds')
    .select('id')
    .where('scope', '=', h.scope)
    .where('target', '=', h.target)
    .where('released_at', 'is', null)
    .execute();
  let deskHoldLifted = false;
  if (h.scope === 'session') {
    const r = await db
      .updateTable('archived_sessions')
      .set({ legal_hold: 0 })
      .where('session_id', '=', h.target)
      .where('legal_hold', '=', 1)
      .executeTakeFirst();
    deskHoldLifted = Number(r.numUpdatedRows) > 0;
  }
  if (active.length === 0 && !deskHoldLifted) {
    return { ok: false, error: syncError('not_found', { zh: `${h.target} 没有生效的诉讼保全`, en: `no active legal hold on ${h.scope} ${h.target}` }) };
  }
  if (active.length > 0) {
    await db
      .updateTable('legal_holds')
      .set({ released_by: h.actor, released_at: nowIso(), release_reason: h.reason })
      .where(
        'id',
        'in',
        active.map((a) => a.id),
      )
      .execute();
  }
  return { ok: true, value: { released: active.map((a) => a.id), deskHoldLifted } };
}

/** Holds, newest first; `active` only those not released. */
export async function listHolds(db: Kysely<CenterDatabase>, active: boolean) {
  let q = db.selectFrom('legal_holds').selectAll();
  if (active) q = q.where('released_at', 'is', null);
  const rows = await q.orderBy('placed_at', 'desc').orderBy('id').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    scope: r.scope,
    target: r.target,
    reason: r.reason,
    placedBy: r.placed_by,
    placedAt: r.placed_at,
    releasedBy: r.released_by,
    releasedAt: r.released_at,
    releaseReason: r.release_reason,
  }));
}

/** Records a dispute on a policy; answers its id. */
export async function recordDispute(db: Kysely<CenterDatabase>, d: { policyNo: string; openedOn: string; reason: string; actor: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('archive_disputes')
    .values({
      id,
      policy_no: d.policyNo,
      opened_on: d.openedOn,
      reason: d.reason,
      ended_on: null,
      end_note: null,
      recorded_by: d.actor,
      recorded_at: nowIso(),
      ended_by: null,
      ended_at: null,
    })
    .execute();
  return id;
}

/** Ends a dispute once; answers its policy. An unknown, already ended or back-dated end is refused. */
export async function endDispute(
  db: Kysely<CenterDatabase>,
  id: string,
  e: { endedOn: string; note: string | null; actor: string },
): Promise<CenterResult<{ policyNo: string; openedOn: string }>> {
  const d = await db.selectFrom('archive_disputes').select(['policy_no', 'opened_on', 'ended_on']).where('id', '=', id).executeTakeFirst();
  if (!d) return { ok: false, error: syncError('not_found', { zh: `没有纠纷记录 ${id}`, en: `no dispute ${id}` }) };
  if (d.ended_on !== null) {
    return { ok: false, error: syncError('conflict', { zh: `该纠纷已于 ${d.ended_on} 结束`, en: `dispute ${id} already ended on ${d.ended_on}` }) };
  }
  if (e.endedOn < d.opened_on) {
    return {
      ok: false,
      error: syncError('invalid_request', {
        zh: `结束日期早于纠纷开始日期 ${d.opened_on}`,
        en: `endedOn ${e.endedOn} is before the dispute opened (${d.opened_on})`,
      }),
    };
  }
  await db.updateTable('archive_disputes').set({ ended_on: e.endedOn, end_note: e.note, ended_by: e.actor, ended_at: nowIso() }).where('id', '=', id).execute();
  return { ok: true, value: { policyNo: d.policy_no, openedOn: d.opened_on } };
}

/** Disputes, newest first, optionally of one policy. */
export async function listDisputes(db: Kysely<CenterDatabase>, policyNo: string | undefined) {
  let q = db.selectFrom('archive_disputes').selectAll();
  if (policyNo) q = q.where('policy_no', '=', policyNo);
  const rows = await q.orderBy('recorded_at', 'desc').orderBy('id').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    policyNo: r.policy_no,
    openedOn: r.opened_on,
    reason: r.reason,
    endedOn: r.ended_on,
    endNote: r.end_note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    endedBy: r.ended_by,
    endedAt: r.ended_at,
  }));
}
