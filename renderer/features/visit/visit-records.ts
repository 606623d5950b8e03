import type { PolicyCase } from '../../../shared/domain/case';
import { classifyCycleEnd } from '../../../shared/domain/outcome/classify';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import { carryFrom } from '../../../shared/domain/script/carried-progress';
import type { ScriptDefinition } from '../../../shared/domain/script/script-definition';
import { carriedResult } from '../../../shared/domain/script/script-engine';
import type { ScriptState } from '../../../shared/domain/script/script-state';
import { NO_MEDIA_MARKER } from '../../../shared/ipc/channels/recording';
import { huifang } from '../../ipc/huifang';
import type { NoMediaSpan } from '../softphone/media-flow';
import { readAttemptDetails, readCarriedProgress } from '../../data/case-history';
import type { HuifangDb } from '../../data/huifang-db';
import { readSetting } from '../../data/settings-repo';
import { closeSessionDurably } from '../../data/session-close';
import { messages } from '../../i18n/messages';
import type { OutcomeConfirmation } from '../outcome/outcome-screen';
import type { VisitDecision } from '../outcome/visit-decision';
import { writeVisit } from '../outcome/visit-writes';
import { proxySummary } from '../wizard/proxy-labels';
import type { FailedDial, VisitCall } from './visit-state';

/** Who writes, and when. */
export interface RecordContext {
  readonly db: HuifangDb;
  readonly me: string;
  readonly now: () => Date;
}

/** The case's earlier attempts in domain vocabulary (a completed visit is not an attempt outcome). */
export async function previousOutcomes(db: HuifangDb, policyNo: string): Promise<AttemptOutcome[]> {
  const details = await readAttemptDetails(db, policyNo);
  return details.filter((d) => d !== 'completed') as AttemptOutcome[];
}

/** The attempt's note with the calling-hours log first (a call placed outside the hours at a booked time). */
function withCallingNote(call: VisitCall, note: string): string {
  return [call.callingNote ?? '', note].filter(Boolean).join(' | ');
}

/** Marks on the call session when the customer could not be heard (QA's list and timeline show it). */
export async function markNoMedia(sessionId: string, spans: readonly NoMediaSpan[]): Promise<void> {
  for (const s of spans)
    await huifang().session.marker({ sessionId, questionId: NO_MEDIA_MARKER, at: s.from, answer: `${s.reason}|${s.to ?? ''}`, reask: false });
}

/** Closes a dial the agent does not count (its call session records `not_counted`). */
export async function closeNotCounted(ctx: RecordContext, sessionId: string | null): Promise<void> {
  if (sessionId) await closeSessionDurably(ctx.db, { sessionId, outcome: 'not_counted', outcomeNote: null, answers: {} }, ctx.me, ctx.now());
}

/**
 * Records a failed dial as an attempt and closes its call session. After the configured number of
 * attempts the case is closed: as 问题件 when an earlier cut-off call left a doubt never cleared
 * (docs/domain.md §6), else as the verification kind the domain core's attempt mapping gives.
 */
export async function recordUnreached(
  ctx: RecordContext,
  visit: { policyNo: string; policy: PolicyCase; script: ScriptDefinition; call: VisitCall; failed: FailedDial; choice: AttemptOutcome },
): Promise<{ attemptNo: number; max: number; closedAs: string | null }> {
  const previous = await previousOutcomes(ctx.db, visit.policyNo);
  const max = await readSetting(ctx.db, 'maxAttempts');
  const all = [...previous, visit.choice];
  const final = all.length >= max;
  const carried = final ? await readCarriedProgress(ctx.db, visit.policyNo) : null;
  const closed = final ? classifyCycleEnd(all, carried ? carriedResult(visit.script, visit.policy, carried) : null, visit.policy) : null;
  await writeVisit(
    ctx.db,
    {
      policyNo: visit.policyNo,
      agent: ctx.me,
      phone: visit.call.number,
      callId: null,
      recordingSessionId: visit.call.sessionId,
      startedAt: visit.call.startedAt,
      endedAt: ctx.now().toISOString(),
      attempt: visit.choice,
      answers: {},
      result: closed ? { classification: closed, override: null } : null,
      callback: null,
      notes: withCallingNote(visit.call, visit.failed.reason),
      ...(visit.failed.sipCode ? { sipCode: visit.failed.sipCode } : {}),
    },
    ctx.now(),
  );
  const sessionId = visit.call.sessionId;
  if (sessionId) await closeSessionDurably(ctx.db, { sessionId, outcome: `unreached:${visit.choice}`, outcomeNote: null, answers: {} }, ctx.me, ctx.now());
  return { attemptNo: all.length, max, closedAs: closed ? closed.categoryLabel.zh : null };
}

/** The script's answers as the cache and the call session keep them. */
function answersOf(script: ScriptState): Record<string, string> {
  const result = script.result!;
  const answers: Record<string, string> = {};
  for (const item of result.items) answers[item.stepId] = item.explained ? `${item.first}->${item.final ?? 'none'}` : (item.final ?? item.first);
  // A family member answered the identity question for the policyholder: say so, not 是.
  if (script.proxy) answers[script.proxy.stepId] = 'branch:authorised_family';
  if (result.endReason) answers._endReason = result.endReason;
  return answers;
}

/** The finished visit: what the agent confirmed on the outcome screen. */
export interface FinishedVisit {
  readonly policyNo: string;
  readonly call: VisitCall;
  readonly decision: VisitDecision;
  readonly script: ScriptState;
  readonly notes: string;
  readonly confirmation: OutcomeConfirmation;
}

/** Writes the visit atomically (throws when the cache refuses it); nothing else is done then. */
export async function writeFinishedVisit(ctx: RecordContext, v: FinishedVisit): Promise<Record<string, string>> {
  const result = v.script.result!;
  const answers = answersOf(v.script);
  const final = v.decision.kind === 'final';
  await writeVisit(
    ctx.db,
    {
      policyNo: v.policyNo,
      agent: ctx.me,
      phone: v.call.number,
      callId: v.call.callId,
      recordingSessionId: v.call.sessionId,
      startedAt: v.call.startedAt,
      endedAt: ctx.now().toISOString(),
      attempt: v.decision.attemptOutcome ?? 'completed',
      answers,
      result: final ? { classification: v.decision.classification, override: v.confirmation.override } : null,
      callback: v.confirmation.callback,
      notes: withCallingNote(v.call, v.notes),
      proxy: result.proxy,
      // A call cut off after identity hands its answers to the next call; other attempts leave them be.
      // (kept open after a reached call that was not cut off: nothing is carried, the next call starts afresh).
      ...(v.decision.carriesAnswers ? { progress: carryFrom(v.script) } : v.decision.keptOpen ? { progress: null } : {}),
      durationSec: v.call.answeredAt ? Math.max(0, Math.round(((v.call.endedAt ?? Date.now()) - v.call.answeredAt) / 1000)) : undefined,
    },
    ctx.now(),
  );
  return answers;
}

/** Closes the finished visit's call session; kept in the cache until the main process confirms it. */
export async function closeFinishedSession(ctx: RecordContext, v: FinishedVisit, answers: Record<string, string>): Promise<void> {
  if (!v.call.sessionId) return;
  const result = v.script.result!;
  const final = v.decision.kind === 'final';
  const { override } = v.confirmation;
  const outcome = override?.category ?? (final ? v.decision.classification.category : `interim:${v.decision.attemptOutcome ?? 'kept_open'}`);
  const note = [
    v.call.callingNote ?? '',
    result.proxy ? proxySummary(result.proxy) : '',
    v.notes,
    override ? messages.visit.overrideReason(override.reason) : '',
  ]
    .filter(Boolean)
    .join(' | ')
    .slice(0, 2000);
  // QA sees which kinds the result carries (forged signature, a doubt not cleared…), not only its category.
  const kinds = override ? [...override.kinds] : final ? v.decision.classification.kinds.map((k) => k.code) : [];
  await closeSessionDurably(ctx.db, { sessionId: v.call.sessionId, answers, outcome, outcomeNote: note || null, kinds }, ctx.me, ctx.now());
}
