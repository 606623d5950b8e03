import { parseCase } from '../../shared/domain/case';
import { contractEndDate } from '../../shared/domain/policy-term';
import { classify, classifyUnreached } from '../../shared/domain/outcome/classify';
import type { AttemptOutcome } from '../../shared/domain/outcome/attempt-outcome';
import type { ScriptDefinition } from '../../shared/domain/script/script-definition';
import { readCase } from '../data/case-repo';
import type { HuifangDb } from '../data/huifang-db';
import { readSetting } from '../data/settings-repo';
import { closeSessionDurably } from '../data/session-close';
import { huifang } from '../ipc/huifang';
import { useAgentStatusStore } from '../features/agent-status/agent-status-store';
import { DIAL_RESULT_ATTEMPT } from '../features/outcome/attempt-mapping';
import { decideVisit } from '../features/outcome/visit-decision';
import { writeVisit } from '../features/outcome/visit-writes';
import type { OutcomeConfirmation } from '../features/outcome/outcome-screen';
import { useQueueStore } from '../features/queue/queue-store';
import type { SoftphoneApi } from '../features/softphone/softphone-api';
import { proxySummary } from '../features/wizard/proxy-labels';
import { useWizardStore } from '../features/wizard/wizard-store';
import { useVisitStore } from './visit-store';

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
  readonly now?: () => Date;
}

const set = (p: Parameters<ReturnType<typeof useVisitStore.getState>['patch']>[0]) => useVisitStore.getState().patch(p);

/**
 * The visit workflow: open a case, dial, run the script, classify, finish. Every step's data goes
 * through the cache (`writeVisit`: one transaction) and the recording session (markers, close).
 */
export class VisitController {
  private readonly now: () => Date;
  private offEnded: (() => void) | null = null;
  /** A dial is between its key press and its result (covers the wait for the call session). */
  private dialInFlight = false;

  constructor(private readonly deps: VisitDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Subscribes to call ends: the wizard learns the call is over (who ended it) and reacts. */
  attach(): () => void {
    const phone = this.deps.softphone();
    this.offEnded = phone?.onCallEnded((info) => {
      const call = useVisitStore.getState().call;
      if (!call || call.callId !== info.callId) return;
      set({ call: { ...call, endedAt: info.endedAt } });
      // The wizard breaks off at once when the customer hung up or the line dropped; after the
      // agent's own hang-up it asks for the reason (and points Enter to it).
      useWizardStore.getState().callEndedBy(info.endedBy, info.reason, new Date(info.endedAt));
      useAgentStatusStore.getState().setStatus('wrap_up');
    }) ?? null;
    // A message about the previous status ("示忙中不能拨打…", "已有通话进行中…") is stale once it changes.
    const offStatus = useAgentStatusStore.subscribe((st, prev) => {
      if (st.status !== prev.status && useVisitStore.getState().error) set({ error: null });
    });
    return () => {
      this.offEnded?.();
      offStatus();
    };
  }

  async openCase(policyNo: string): Promise<void> {
    // Opening a case resets the dial state: never while a dial of the current case is live.
    if (this.dialInFlight || useVisitStore.getState().dial.kind === 'dialling') return;
    let record: Awaited<ReturnType<typeof readCase>>;
    try {
      record = await readCase(this.deps.db, policyNo);
    } catch (err) {
      set({ screen: 'queue', error: `无法打开案件：${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const parsed = record ? parseCase(record.data) : null;
    set({
      screen: 'case',
      policyNo,
      caseRecord: record ?? null,
      policy: parsed?.ok ? parsed.value : null,
      dial: { kind: 'idle' },
      decision: null,
      error: parsed && !parsed.ok ? parsed.problems.map((p) => `${p.path}: ${p.message.zh}`).join('；') : null,
      offered: null,
    });
  }

  /**
   * Back to the queue — refused while a dial rings (Esc cancels it instead: `cancelDial`) or a
   * failed dial waits for its unreached choice: leaving then would orphan the live call.
   */
  backToQueue(): boolean {
    const d = useVisitStore.getState().dial;
    if (d.kind === 'dialling' || this.dialInFlight) {
      set({ error: '正在拨打，不能返回队列：请先取消呼叫（Esc）' });
      return false;
    }
    if (d.kind === 'failed') {
      set({ error: '请先记录本次拨打结果（数字键选择，Enter 记录）' });
      return false;
    }
    set({ screen: 'queue', dial: { kind: 'idle' }, error: null });
    return true;
  }

  /** Cancels the ringing dial (like the softphone's 取消呼叫); it comes back as a failed dial (not counted). */
  async cancelDial(): Promise<void> {
    if (useVisitStore.getState().dial.kind !== 'dialling') return;
    await this.deps.softphone()?.hangup();
  }

  /**
   * Opens the call session (recording), dials, and opens the script when the call connects. A
   * second dial while one is live (this visit's, or any call on the softphone) is refused with a
   * message, before any call session is opened.
   */
  async dial(number: string): Promise<void> {
    const s = useVisitStore.getState();
    if (this.dialInFlight || s.dial.kind === 'dialling' || this.deps.softphone()?.busy?.()) {
      set({ error: '已有通话进行中，不能再拨打：请先结束当前通话（Ctrl+Shift+H）' });
      return;
    }
    if (s.dial.kind === 'failed') return;
    this.dialInFlight = true;
    try {
      await this.placeCall(number);
    } finally {
      this.dialInFlight = false;
    }
  }

  private async placeCall(number: string): Promise<void> {
    const s = useVisitStore.getState();
    if (!s.policyNo || !s.policy || s.dial.kind === 'dialling') return;
    const status = useAgentStatusStore.getState().status;
    if (status === 'paused') return set({ error: '示忙中不能拨打，请先恢复就绪（F8）' });
    const phone = this.deps.softphone();
    if (!phone) return set({ error: '软电话未就绪，请先配置软电话账号' });
    const opened = await huifang().session.open({
      caseId: s.policyNo,
      agentId: this.deps.me,
      scriptId: this.deps.script.id,
      scriptVersion: this.deps.script.version,
      // Retention counts from the contract's end (null — kept until known — for whole life).
      contractEndDate: contractEndDate(s.policy),
    });
    if (!opened.ok) return set({ error: `无法建立通话记录，不能拨打：${opened.error.message}` });
    const sessionId = opened.value.sessionId;
    this.deps.recording?.setNextSession(sessionId);
    const startedAt = this.now().toISOString();
    set({ dial: { kind: 'dialling', number }, error: null, call: { sessionId, callId: null, number, startedAt, answeredAt: null, endedAt: null } });
    useAgentStatusStore.getState().setStatus('in_call'); // ringing is not 就绪: no pause, no second call
    await huifang().session.setCallInfo({ sessionId, startedAt: Date.parse(startedAt) });
    const result = await phone.dial(number, { caseId: s.policyNo });
    if (result.kind === 'connected') {
      set({ dial: { kind: 'idle' }, screen: 'wizard', call: { sessionId, callId: result.callId, number, startedAt, answeredAt: Date.now(), endedAt: null } });
      useAgentStatusStore.getState().setStatus('in_call');
      useWizardStore.getState().begin(
        this.deps.script,
        s.policy,
        (m) => {
          void huifang().session.marker({ sessionId, questionId: m.questionId, at: m.at, answer: m.answer, reask: m.reask });
        },
        new Date(),
        number,
      );
      return;
    }
    this.deps.recording?.setNextSession(null);
    // Recording the unreached attempt is after-call work: the agent is not free for the next call.
    useAgentStatusStore.getState().setStatus('wrap_up');
    set({ dial: { kind: 'failed', attempt: result.attempt, reason: result.reason, ...(result.sipCode ? { sipCode: result.sipCode } : {}), choice: DIAL_RESULT_ATTEMPT[result.attempt] } });
  }

  /** Picks the unreached outcome after a failed dial (first keystroke). */
  chooseUnreached(choice: AttemptOutcome | null): void {
    const d = useVisitStore.getState().dial;
    if (d.kind === 'failed') set({ dial: { ...d, choice } });
  }

  /** Records the failed dial as an attempt (second keystroke); may turn the case into a verification case. */
  async confirmUnreached(): Promise<void> {
    const s = useVisitStore.getState();
    if (s.dial.kind !== 'failed') return;
    if (!s.policyNo || !s.policy || !s.call) {
      // Nothing to record the attempt against: the dialog must still go away, never trap the desk.
      useAgentStatusStore.getState().setStatus('ready');
      set({ dial: { kind: 'idle' }, call: null, error: '本次拨打无通话记录，未计入拨打次数' });
      return;
    }
    const choice = s.dial.choice;
    const sessionId = s.call.sessionId;
    if (choice === null) {
      if (sessionId) await closeSessionDurably(this.deps.db, { sessionId, outcome: 'not_counted', outcomeNote: null, answers: {} }, this.now());
      useAgentStatusStore.getState().setStatus('ready');
      set({ dial: { kind: 'idle' }, call: null });
      return;
    }
    const previous = await this.previousOutcomes(s.policyNo);
    const max = await readSetting(this.deps.db, 'maxAttempts');
    const all = [...previous, choice];
    // After the configured number of attempts the case becomes a verification case of the kind
    // the domain core's attempt mapping gives.
    const final = all.length >= max;
    const endedAt = this.now().toISOString();
    await writeVisit(
      this.deps.db,
      {
        policyNo: s.policyNo,
        agent: this.deps.me,
        phone: s.call.number,
        callId: null,
        recordingSessionId: sessionId,
        startedAt: s.call.startedAt,
        endedAt,
        attempt: choice,
        answers: {},
        result: final ? { classification: classifyUnreached(all, s.policy), override: null } : null,
        callback: null,
        notes: s.dial.reason,
        ...(s.dial.sipCode ? { sipCode: s.dial.sipCode } : {}),
      },
      this.now(),
    );
    if (sessionId) await closeSessionDurably(this.deps.db, { sessionId, outcome: `unreached:${choice}`, outcomeNote: null, answers: {} }, this.now());
    await useQueueStore.getState().refreshRow(this.deps.db, s.policyNo);
    useAgentStatusStore.getState().setStatus('ready');
    set({ dial: { kind: 'idle' }, call: null, screen: 'queue' });
    this.deps.requestSync();
  }

  /** Leaves the script for the outcome screen (hangs up if the call is still up). */
  async toOutcome(): Promise<void> {
    const s = useVisitStore.getState();
    const w = useWizardStore.getState().script;
    if (!w?.result || !s.policy || !s.policyNo) return;
    if (s.call && s.call.endedAt === null) await this.deps.softphone()?.hangup();
    const previous = await this.previousOutcomes(s.policyNo);
    const max = await readSetting(this.deps.db, 'maxAttempts');
    const decision = decideVisit(classify(w.result, s.policy), w.result.endReason, previous, max, s.policy);
    useAgentStatusStore.getState().setStatus('wrap_up');
    set({ screen: 'outcome', decision, previousAttempts: previous.length });
  }

  /** Writes the visit atomically, closes the call session, and offers the next case. */
  async finish(confirmation: OutcomeConfirmation): Promise<void> {
    const s = useVisitStore.getState();
    const w = useWizardStore.getState();
    if (!s.decision || !s.policyNo || !s.call || !w.script?.result || s.finishing) return;
    set({ finishing: true, error: null });
    const result = w.script.result;
    const answers: Record<string, string> = {};
    for (const item of result.items) answers[item.stepId] = item.explained ? `${item.first}->${item.final ?? 'none'}` : (item.final ?? item.first);
    // A family member answered the identity question for the policyholder: say so, not 是.
    if (w.script.proxy) answers[w.script.proxy.stepId] = 'branch:authorised_family';
    if (result.endReason) answers._endReason = result.endReason;
    const endedAt = this.now().toISOString();
    const final = s.decision.kind === 'final';
    try {
      await writeVisit(
        this.deps.db,
        {
          policyNo: s.policyNo,
          agent: this.deps.me,
          phone: s.call.number,
          callId: s.call.callId,
          recordingSessionId: s.call.sessionId,
          startedAt: s.call.startedAt,
          endedAt,
          attempt: s.decision.attemptOutcome ?? 'completed',
          answers,
          result: final ? { classification: s.decision.classification, override: confirmation.override } : null,
          callback: confirmation.callback,
          notes: w.notes,
          proxy: result.proxy,
          durationSec: s.call.answeredAt ? Math.max(0, Math.round(((s.call.endedAt ?? Date.now()) - s.call.answeredAt) / 1000)) : undefined,
        },
        this.now(),
      );
    } catch (err) {
      set({ finishing: false, error: `保存失败：${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    if (s.call.sessionId) {
      const outcome = confirmation.override?.category ?? (final ? s.decision.classification.category : `interim:${s.decision.attemptOutcome}`);
      // Kept in the cache until the main process confirms it (retried by the workstation).
      await closeSessionDurably(
        this.deps.db,
        {
          sessionId: s.call.sessionId,
          answers,
          outcome,
          outcomeNote:
            [result.proxy ? proxySummary(result.proxy) : '', w.notes, confirmation.override ? `改判原因：${confirmation.override.reason}` : '']
              .filter(Boolean)
              .join(' | ')
              .slice(0, 2000) || null,
        },
        this.now(),
      );
    }
    useWizardStore.getState().reset();
    await useQueueStore.getState().refreshRow(this.deps.db, s.policyNo);
    // The next case is offered from the whole queue: a search typed to find this case is cleared.
    useQueueStore.getState().setFilter({ search: '' });
    const q = useQueueStore.getState();
    q.select(0);
    useAgentStatusStore.getState().setStatus('ready');
    set({ screen: 'queue', finishing: false, call: null, decision: null, policy: null, policyNo: null, offered: q.rows[0]?.policyNo ?? null });
    this.deps.requestSync();
  }

  private async previousOutcomes(policyNo: string): Promise<AttemptOutcome[]> {
    const list = await this.deps.db.attempts.where('policyNo').equals(policyNo).sortBy('occurredAt');
    return list.filter((a) => a.detail !== 'completed').map((a) => a.detail as AttemptOutcome);
  }
}
