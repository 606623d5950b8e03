import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { checkResult, type PushedResult, type ResultFlag, type SessionFacts } from '../../shared/domain/outcome/rederive';
import { isTrainingPolicy } from '../../shared/domain/training-cases';
import type { ResultItem } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { ResultChecksTable } from '../store/db-schema-archive';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { nextCheckState, type ResultCheckState } from './result-check-state';

type Db = Kysely<CenterDatabase>;
type CheckRow = Selectable<ResultChecksTable>;

/** Who the centre names in the audit log for what it finds itself. */
export const CHECK_ACTOR = 'centre';

/**
 * Notes a pushed result (in the push's transaction) and checks it at once when its session is
 * already archived. The session is the one the call's attempt named (`recordingId`; the desk
 * pushes the attempt before the result), or, without one, this agent's latest session on the case.
 */
export async function noteResultInTrx(trx: Db, item: ResultItem, staffNo: string): Promise<void> {
  // Practice calls never reach the centre; a training policy number pushed anyway is not checked.
  if (isTrainingPolicy(item.policyNo)) return;
  const user = await trx.selectFrom('users').select('team').where('staff_no', '=', staffNo).executeTakeFirst();
  const attempts = await trx
    .selectFrom('sync_items')
    .select(['payload', 'occurred_at'])
    .where('kind', '=', 'attempt')
    .where('policy_no', '=', item.policyNo)
    .where('staff_no', '=', staffNo)
    .where('occurred_at', '<=', item.occurredAt)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .execute();
  const named = attempts[0] ? ((JSON.parse(attempts[0].payload) as { data?: { recordingId?: string } }).data?.recordingId ?? null) : null;
  const pushed: PushedResult = {
    classification: item.data.classification,
    kinds: item.data.kinds,
    ...(item.data.answers ? { answers: item.data.answers } : {}),
    ...(item.data.override ? { override: item.data.override } : {}),
  };
  const row: CheckRow = {
    result_item_id: item.id,
    policy_no: item.policyNo,
    agent_id: staffNo,
    team: user?.team ?? '',
    session_id: named,
    pushed: JSON.stringify(pushed),
    pushed_at: nowIso(),
    state: 'awaiting_session',
    checked_at: null,
    derived: null,
  };
  await trx.insertInto('result_checks').values(row).execute();
  let q = trx.selectFrom('session_check_facts').select(['session_id', 'facts']);
  q = named ? q.where('session_id', '=', named) : q.where('policy_no', '=', item.policyNo).where('agent_id', '=', staffNo);
  const candidates = (await q.orderBy('archived_at', 'desc').execute()).map((f) => ({ id: f.session_id, facts: JSON.parse(f.facts) as SessionFacts }));
  // Without a named session only one that closed with a result can be this result's call.
  const found = named ? candidates[0] : candidates.find((c) => closedWithResult(c.facts));
  if (found) await runCheck(trx, { ...row, session_id: found.id }, found.facts);
}

const RESULT_OUTCOMES: readonly (string | null)[] = ['standard', 'substandard', 'problem', 'verification'];
const closedWithResult = (f: SessionFacts) => RESULT_OUTCOMES.includes(f.outcome);

/** Whether an archived session's facts are kept: a real case's call (practice never is). QA can score only these. */
export const keepsCheckFacts = (session: CallSession): session is CallSession & { caseId: string } =>
  !session.training && session.caseId !== null && !isTrainingPolicy(session.caseId);

/** Keeps an archived session's facts (in the archive's transaction) and checks the results waiting for it. */
export async function noteSessionInTrx(trx: Db, session: CallSession, agentId: string): Promise<void> {
  if (!keepsCheckFacts(session)) return;
  const facts: SessionFacts = {
    scriptId: session.scriptId,
    scriptVersion: session.scriptVersion,
    answers: session.answers,
    outcome: session.outcome,
    ...(session.kinds ? { kinds: session.kinds } : {}),
  };
  await trx
    .insertInto('session_check_facts')
    .values({ session_id: session.id, policy_no: session.caseId, agent_id: agentId, facts: JSON.stringify(facts), archived_at: nowIso() })
    .execute();
  const waiting = await trx
    .selectFrom('result_checks')
    .selectAll()
    .where('state', '<>', 'checked')
    .where((eb) =>
      eb.or([eb('session_id', '=', session.id), eb.and([eb('session_id', 'is', null), eb('policy_no', '=', session.caseId), eb('agent_id', '=', agentId)])]),
    )
    .execute();
  const mine = waiting.filter((c) => c.session_id === session.id || closedWithResult(facts));
  for (const check of mine) await runCheck(trx, { ...check, session_id: session.id }, facts);
}

/** Compares, stores and audits every flag; resolves a `session_missing` flag the session answers. */
async function runCheck(trx: Db, check: CheckRow, facts: SessionFacts): Promise<void> {
  const at = nowIso();
  const pushed = JSON.parse(check.pushed) as PushedResult;
  const verdict = checkResult(pushed, facts);
  const missing = await trx
    .selectFrom('result_flags')
    .select('id')
    .where('result_item_id', '=', check.result_item_id)
    .where('kind', '=', 'session_missing')
    .where('resolved_at', 'is', null)
    .execute();
  for (const m of missing) {
    await trx
      .updateTable('result_flags')
      .set({ resolved_at: at, resolution: 'session_arrived', session_id: check.session_id })
      .where('id', '=', m.id)
      .execute();
    await audit(trx, {
      actor: CHECK_ACTOR,
      action: 'result_check.flag_resolved',
      target: check.result_item_id,
      detail: { kind: 'session_missing', sessionId: check.session_id },
    });
  }
  for (const flag of verdict.flags) await raise(trx, check, flag, at);
  // QA samples every overridden call (shared/domain/qa/sampling.ts): the flag sits on the call itself.
  if (check.session_id !== null && pushed.override) {
    await trx.updateTable('archived_sessions').set({ qa_overridden: 1 }).where('session_id', '=', check.session_id).execute();
  }
  await trx
    .updateTable('result_checks')
    .set({
      state: nextCheckState(check.state as ResultCheckState, { type: 'session_arrived' }),
      session_id: check.session_id,
      checked_at: at,
      derived: verdict.derived ? JSON.stringify(verdict.derived) : null,
    })
    .where('result_item_id', '=', check.result_item_id)
    .execute();
}

async function raise(trx: Db, check: CheckRow, flag: ResultFlag, at: string): Promise<void> {
  await trx
    .insertInto('result_flags')
    .values({
      id: randomUUID(),
      result_item_id: check.result_item_id,
      policy_no: check.policy_no,
      agent_id: check.agent_id,
      team: check.team,
      session_id: check.session_id,
      kind: flag.kind,
      detail: flag.detail,
      raised_at: at,
      resolved_at: null,
      resolution: null,
    })
    .execute();
  await audit(trx, {
    actor: CHECK_ACTOR,
    action: 'result_check.flagged',
    target: check.result_item_id,
    detail: { kind: flag.kind, detail: flag.detail, policyNo: check.policy_no, agent: check.agent_id, sessionId: check.session_id },
  });
}

/**
 * Flags every result still waiting for its session `deadlineMs` after it was pushed (at `now`).
 * Answers how many were flagged. Each runs in its own transaction, so a sweep cut short loses nothing.
 */
export async function sweepMissingSessions(db: Db, now: number, deadlineMs: number): Promise<number> {
  const cutoff = new Date(now - deadlineMs).toISOString();
  const due = await db.selectFrom('result_checks').selectAll().where('state', '=', 'awaiting_session').where('pushed_at', '<=', cutoff).execute();
  let flagged = 0;
  for (const check of due) {
    await db.transaction().execute(async (trx) => {
      // A session may have been archived meanwhile: the conditional update decides who wins.
      const moved = await trx
        .updateTable('result_checks')
        .set({ state: nextCheckState('awaiting_session', { type: 'deadline_passed' }) })
        .where('result_item_id', '=', check.result_item_id)
        .where('state', '=', 'awaiting_session')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return;
      const hours = Math.round(deadlineMs / 3_600_000);
      await raise(
        trx,
        check,
        { kind: 'session_missing', detail: `no archived session ${check.session_id ?? 'for the call'} within ${hours} h of the result` },
        new Date(now).toISOString(),
      );
      flagged++;
    });
  }
  return flagged;
}
