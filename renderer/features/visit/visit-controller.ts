import { contractEndDate } from '../../../shared/domain/policy-term';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import type { ScriptDefinition } from '../../../shared/domain/script/script-definition';
import type { CarriedProgress } from '../../../shared/domain/script/carried-progress';
import { readCarriedProgress } from '../../data/case-history';
import type { HuifangDb } from '../../data/huifang-db';
import { readSetting } from '../../data/settings-repo';
import { messages } from '../../i18n/messages';
import { huifang } from '../../ipc/huifang';
import { DIAL_RESULT_ATTEMPT } from '../outcome/attempt-mapping';
import type { OutcomeConfirmation } from '../outcome/outcome-screen';
import { decideVisit, keepOpen } from '../outcome/visit-decision';
import { useQueueStore } from '../queue/queue-store';
import type { SoftphoneApi } from '../softphone/softphone-api';
import { useWizardStore } from '../wizard/wizard-store';
import { checkDial } from './calling-check';
import { CallerVisit } from './caller-visit';
import { answerOrGone } from './inbound-visit';
import { readPolicy } from './read-policy';
import { startScript } from './script-start';
import { sessionScriptValues } from './script-values';
import { closeFinishedSession, closeNotCounted, markNoMedia, previousOutcomes, recordUnreached, writeFinishedVisit, type RecordContext } from './visit-records';
import { acceptedVisit, dispatchVisit, visitNow } from './visit-store';

/** What the visit workflow needs from the rest of the workstation. */
export interface VisitDeps {
  readonly db: HuifangDb;
  readonly me: string;
  readonly script: ScriptDefinition;
  /** The softphone (null: not configured yet). */
  readonly softphone: () => SoftphoneApi | null;
  /** The automatic recorder: the next answered call belongs to this session. */
  readonly recording: { setNextSession(sessionId: string | null): void } | null;
  /** Asks the sync engine for a run (after a visit is written). */
  readonly requestSync: () => void;
  /** The agent chose 示忙: no dial then. */
  readonly paused: () => boolean;
  readonly now?: () => Date;
}

const text = messages.visit;
const why = (err: unknown) => (err instanceof Error ? err.message : String(err));
const dispatch = dispatchVisit;
const accepted = acceptedVisit;

/**
 * The visit workflow's effects: open a case, dial, run the script, classify, finish. It changes the
 * workflow only through events (`visitReducer` guards every transition); every step's data goes
 * through the cache (`writeVisit`: one transaction) and the recording session (markers, close).
 */
export class VisitController {
  private readonly now: () => Date;
  private readonly ctx: RecordContext;

  private readonly caller: CallerVisit;

  constructor(private readonly deps: VisitDeps) {
    this.now = deps.now ?? (() => new Date());
    this.ctx = { db: deps.db, me: deps.me, now: this.now };
    this.caller = new CallerVisit(deps);
  }

  /** Subscribes to call ends: the wizard learns the call is over (who ended it) and reacts. */
  attach(): () => void {
    const off = this.deps.softphone()?.onCallEnded((info) => {
      const { call, phase } = visitNow();
      if (!call || call.callId !== info.callId) return;
      dispatch({ type: 'callEnded', callId: info.callId, endedAt: info.endedAt });
      if (call.sessionId) void markNoMedia(call.sessionId, info.noMedia).catch(() => undefined);
      // A caller whose case was never opened: no script to break off, the session is closed as it is.
      if (phase === 'caller') return void (call.sessionId && this.caller.closeWithoutCase(call.sessionId));
      // The wizard breaks off at once when the customer hung up or the line dropped; after the
      // agent's own hang-up it asks for the reason (and points Enter to it). A call whose customer
      // was never heard (no media from answer to end) is a technical failure whoever hung up: it
      // breaks off as a dropped line, an unsuccessful attempt, never a completed visit.
      const silent = info.noMedia.some((span) => span.reason !== 'stopped' && span.to === null);
      useWizardStore.getState().callEndedBy(silent ? 'system' : info.endedBy, silent ? text.neverHeard : info.reason, new Date(info.endedAt));
    });
    return () => off?.();
  }

  /** A message about the previous status (示忙中不能拨打…, 已有通话进行中…) is stale once the agent changes it. */
  agentStatusChanged(): void {
    dispatch({ type: 'dismissError' });
  }

  /** F4 on a caller who matched no case (desks set to take any caller). */
  answerCaller(number: string, callId: string): Promise<void> {
    return this.caller.answer(number, callId);
  }

  /** Opens a case; with an unmatched caller on the line, that case's script runs on the call. */
  async openCase(policyNo: string): Promise<void> {
    const phase = visitNow().phase;
    if (phase === 'caller') return this.caller.adopt(policyNo);
    if (phase !== 'queue' && phase !== 'case') return;
    let read: Awaited<ReturnType<typeof readPolicy>>;
    try {
      read = await readPolicy(this.deps.db, policyNo);
    } catch (err) {
      dispatch({ type: 'openFailed', error: text.cannotOpen(why(err)) });
      return;
    }
    dispatch({ type: 'opened', policyNo, record: read.record, policy: read.policy, error: read.problems });
  }

  /** Back to the queue — refused while a dial is placed or rings (Esc cancels it) or waits for its unreached choice. */
  backToQueue(): boolean {
    const phase = visitNow().phase;
    if (phase === 'placing' || phase === 'dialling') dispatch({ type: 'notice', error: text.leaveWhileDialling });
    if (phase === 'unreached') dispatch({ type: 'notice', error: text.leaveBeforeChoice });
    dispatch({ type: 'leave' });
    return visitNow().phase === 'queue';
  }

  /** Cancels the ringing dial (like the softphone's 取消呼叫); it comes back as a failed dial (not counted). */
  async cancelDial(): Promise<void> {
    if (visitNow().phase !== 'dialling') return;
    await this.deps.softphone()?.hangup();
  }

  /**
   * Opens the call session (recording), dials, and opens the script when the call connects. A
   * second dial while one is live (this visit's, or any call on the softphone) is refused with a
   * message, before any call session is opened. With `incomingCallId` it answers the policyholder's
   * own call ringing for this case instead (recorded the same way; no calling hours — they called).
   */
  async dial(number: string, incomingCallId: string | null = null): Promise<void> {
    const before = visitNow();
    if (before.phase === 'placing' || before.phase === 'dialling' || this.deps.softphone()?.busy?.()) return dispatch({ type: 'notice', error: text.lineBusy });
    if (!accepted({ type: 'dial', number })) return;
    const s = visitNow();
    if (!s.policyNo || !s.policy) return;
    if (this.deps.paused()) return dispatch({ type: 'dialRefused', error: text.pausedNoDial });
    const phone = this.deps.softphone();
    if (!phone) return dispatch({ type: 'dialRefused', error: text.noSoftphone });
    // A dial that cannot leave the desk (phone not registered, recording broken) is refused with
    // its reason before a call session is opened: it never costs the policyholder an attempt.
    const notReady = phone.dialReadiness?.() ?? null;
    if (notReady) return dispatch({ type: 'dialRefused', error: text.cannotDial(notReady) });
    // Outside the calling hours the dial is refused the same way, unless the policyholder booked this time (then logged).
    const hours = incomingCallId
      ? { refusal: null, note: null }
      : await checkDial(this.deps.db, s.policyNo, s.policy, number, this.now(), phone.line?.() ?? 'sip').catch((err: unknown) => ({
          refusal: text.cannotDial(why(err)),
          note: null,
        }));
    if (hours.refusal !== null) return dispatch({ type: 'dialRefused', error: hours.refusal });
    // Answers an earlier cut-off call left: the script resumes with them once the call connects.
    let carried: CarriedProgress | null;
    try {
      carried = await readCarriedProgress(this.deps.db, s.policyNo);
    } catch (err) {
      return dispatch({ type: 'dialRefused', error: text.cannotReadCarried(why(err)) });
    }
    let opened: Awaited<ReturnType<ReturnType<typeof huifang>['session']['open']>>;
    try {
      opened = await huifang().session.open({
        caseId: s.policyNo,
        agentId: this.deps.me,
        scriptId: this.deps.script.id,
        scriptVersion: this.deps.script.version,
        // Retention counts from the contract's end (null — kept until known — for whole life).
        contractEndDate: contractEndDate(s.policy),
        scriptValues: await sessionScriptValues(this.deps.db, this.deps.script, s.policy, this.deps.me, number),
      });
    } catch (err) {
      return dispatch({ type: 'dialRefused', error: text.noSession(why(err)) });
    }
    if (!opened.ok) return dispatch({ type: 'dialRefused', error: text.noSession(opened.error.message) });
    const sessionId = opened.value.sessionId;
    this.deps.recording?.setNextSession(sessionId);
    const startedAt = this.now().toISOString();
    dispatch({ type: 'ringing', sessionId, number, startedAt, ...(hours.note ? { callingNote: hours.note } : {}) });
    let result: Awaited<ReturnType<SoftphoneApi['dial']>>;
    try {
      await huifang().session.setCallInfo({ sessionId, startedAt: Date.parse(startedAt) });
      const caseId = s.policyNo;
      result = incomingCallId ? await answerOrGone(phone, incomingCallId, caseId) : await phone.dial(number, { caseId });
    } catch (err) {
      // A dial that throws is a failed dial: the agent gets the unreached choice, never a stuck ring.
      result = { kind: 'failed', attempt: 'network', reason: why(err) };
    }
    if (result.kind === 'connected') {
      dispatch({ type: 'connected', callId: result.callId, answeredAt: Date.now() });
      startScript({ script: this.deps.script, policy: s.policy, sessionId, number, carried });
      return;
    }
    this.deps.recording?.setNextSession(null);
    // Refused on the desk after all (the phone dropped its registration meanwhile): nothing to record.
    if (result.refused) return dispatch({ type: 'dialRefused', error: text.cannotDial(result.reason) });
    dispatch({
      type: 'dialFailed',
      attempt: result.attempt,
      reason: result.reason,
      ...(result.sipCode ? { sipCode: result.sipCode } : {}),
      choice: DIAL_RESULT_ATTEMPT[result.attempt],
    });
  }

  /** Picks the unreached outcome after a failed dial (first keystroke). */
  chooseUnreached(choice: AttemptOutcome | null): void {
    dispatch({ type: 'choose', choice });
  }

  /**
   * Records the failed dial as an attempt (second keystroke); may turn the case into a
   * verification case. The dialog goes away whatever happens: it never traps the desk.
   */
  async confirmUnreached(): Promise<void> {
    if (!accepted({ type: 'confirmUnreached' })) return;
    const s = visitNow();
    const failed = s.failedDial;
    if (!failed) return;
    if (!s.policyNo || !s.policy || !s.call) {
      dispatch({ type: 'unreachedClosed', to: 'case', error: text.notCounted });
      return;
    }
    let confirmation: string | null = null;
    try {
      if (failed.choice === null) {
        await closeNotCounted(this.ctx, s.call.sessionId);
        dispatch({ type: 'unreachedClosed', to: 'case', error: null });
        return;
      }
      const saved = await recordUnreached(this.ctx, {
        policyNo: s.policyNo,
        policy: s.policy,
        script: this.deps.script,
        call: s.call,
        failed,
        choice: failed.choice,
      });
      await useQueueStore.getState().refreshRow(this.deps.db, s.policyNo);
      // The agent sees what was recorded before the next case: which attempt, and what it made of the case.
      confirmation = text.attemptRecorded(s.policyNo, saved.attemptNo, saved.max, failed.choice, saved.closedAs);
    } catch (err) {
      dispatch({ type: 'unreachedClosed', to: 'case', error: text.attemptNotSaved(why(err)) });
      return;
    }
    dispatch({ type: 'unreachedClosed', to: 'queue', error: null, confirmation });
    this.deps.requestSync();
  }

  /** Leaves the script for the outcome screen (hangs up if the call is still up). */
  async toOutcome(): Promise<void> {
    const s = visitNow();
    const w = useWizardStore.getState().script;
    if (s.phase !== 'wizard' || !w?.result || !s.policy || !s.policyNo) return;
    if (s.call && s.call.endedAt === null) await this.deps.softphone()?.hangup();
    const previous = await previousOutcomes(this.deps.db, s.policyNo);
    const max = await readSetting(this.deps.db, 'maxAttempts');
    const decision = decideVisit(w.result, previous, max, s.policy);
    dispatch({ type: 'concluded', decision, previousAttempts: previous.length });
  }

  /** `finish`, then the same case and number dialled again: a dropped line called back in one keystroke. */
  async finishAndRedial(confirmation: OutcomeConfirmation): Promise<void> {
    const { policyNo, call } = visitNow();
    if (!policyNo || !call) return;
    await this.finish(confirmation);
    if (visitNow().phase !== 'queue') return;
    await this.openCase(policyNo);
    if (visitNow().phase === 'case') await this.dial(call.number);
  }

  /** Writes the visit atomically, closes the call session, and offers the next case. */
  async finish(confirmation: OutcomeConfirmation): Promise<void> {
    const w = useWizardStore.getState();
    if (!w.script?.result) return;
    if (!accepted({ type: 'finish' })) return;
    const s = visitNow();
    if (!s.decision || !s.policyNo || !s.call) return;
    // Kept open (docs/domain.md §6): an attempt instead of the result, with the agent's reason in the notes.
    const kept = confirmation.keepOpen ?? null;
    const decision = kept ? keepOpen(s.decision, w.script.result) : s.decision;
    const notes = [w.notes, kept ? messages.outcome.keptOpen(kept.reason) : ''].filter(Boolean).join(' | ');
    const visit = { policyNo: s.policyNo, call: s.call, decision, script: w.script, notes, confirmation };
    let answers: Record<string, string>;
    try {
      answers = await writeFinishedVisit(this.ctx, visit);
    } catch (err) {
      dispatch({ type: 'finishFailed', error: text.saveFailed(why(err)) });
      return;
    }
    await closeFinishedSession(this.ctx, visit, answers);
    useWizardStore.getState().reset();
    await useQueueStore.getState().refreshRow(this.deps.db, s.policyNo);
    // The next case is offered from the whole queue: a search typed to find this case is cleared.
    useQueueStore.getState().setFilter({ search: '' });
    const q = useQueueStore.getState();
    q.select(0);
    dispatch({ type: 'finished', offered: q.rows[0]?.policyNo ?? null });
    this.deps.requestSync();
  }
}
