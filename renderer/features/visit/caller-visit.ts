import { contractEndDate } from '../../../shared/domain/policy-term';
import { readCarriedProgress } from '../../data/case-history';
import { closeSessionDurably } from '../../data/session-close';
import { messages } from '../../i18n/messages';
import { huifang } from '../../ipc/huifang';
import type { CallResult } from '../softphone/softphone-api';
import { answerOrGone } from './inbound-visit';
import { readPolicy } from './read-policy';
import { sessionScriptValues } from './script-values';
import { startScript } from './script-start';
import type { VisitDeps } from './visit-controller';
import { acceptedVisit, dispatchVisit, visitNow } from './visit-store';

const text = messages.visit;
const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * A caller who matched no case in the queue (desks set to take any caller): answered and recorded
 * like every call (docs/domain.md §4), first in a call session without a case. The queue stays in
 * view; the case the agent opens is given to the session and its script runs on the same call. A
 * call that ends before that keeps its session, closed without a case.
 */
export class CallerVisit {
  /** An adopt under way: a second Enter (or a click and an Enter) meanwhile must not adopt again. */
  private adopting = false;

  constructor(private readonly deps: Pick<VisitDeps, 'db' | 'me' | 'script' | 'softphone' | 'recording' | 'now'>) {}

  /** F4 on an unmatched caller: opens a session without a case, answers, and shows the queue. */
  async answer(number: string, callId: string): Promise<void> {
    const phone = this.deps.softphone();
    if (!phone || !acceptedVisit({ type: 'answerCaller' })) return;
    const { script, me } = this.deps;
    let sessionId: string;
    try {
      const opened = await huifang().session.open({ caseId: null, agentId: me, scriptId: script.id, scriptVersion: script.version });
      if (!opened.ok) throw new Error(opened.error.message);
      sessionId = opened.value.sessionId;
    } catch (err) {
      // The caller keeps ringing elsewhere: nothing recorded, the softphone refuses them as usual.
      phone.declineIncoming?.(callId);
      return dispatchVisit({ type: 'dialRefused', error: text.callerNoSession(why(err)) });
    }
    this.deps.recording?.setNextSession(sessionId);
    const startedAt = (this.deps.now?.() ?? new Date()).toISOString();
    dispatchVisit({ type: 'ringing', sessionId, number, startedAt });
    let result: CallResult;
    try {
      await huifang().session.setCallInfo({ sessionId, startedAt: Date.parse(startedAt) });
      result = await answerOrGone(phone, callId, null);
    } catch (err) {
      result = { kind: 'failed', attempt: 'network', reason: why(err), refused: true };
    }
    if (result.kind === 'connected') return dispatchVisit({ type: 'connected', callId: result.callId, answeredAt: Date.now() });
    this.deps.recording?.setNextSession(null);
    await this.closeWithoutCase(sessionId);
    dispatchVisit({ type: 'dialRefused', error: result.reason });
  }

  /** Enter on a queue row while the caller is on the line: that case's script runs on this call. */
  async adopt(policyNo: string): Promise<void> {
    const s = visitNow();
    const sessionId = s.call?.sessionId;
    if (s.phase !== 'caller' || !s.call || !sessionId || this.adopting) return;
    this.adopting = true;
    try {
      await this.adoptInto(policyNo, sessionId, s.call.number);
    } finally {
      this.adopting = false;
    }
  }

  private async adoptInto(policyNo: string, sessionId: string, number: string): Promise<void> {
    const notice = (error: string) => dispatchVisit({ type: 'notice', error });
    try {
      const { record, policy, problems } = await readPolicy(this.deps.db, policyNo);
      if (problems) return notice(problems);
      if (!record || !policy) return notice(text.cannotOpen(policyNo));
      const carried = await readCarriedProgress(this.deps.db, policyNo);
      const scriptValues = await sessionScriptValues(this.deps.db, this.deps.script, policy, this.deps.me, number);
      const attached = await huifang().session.attachCase({ sessionId, caseId: policyNo, contractEndDate: contractEndDate(policy), scriptValues });
      if (!attached.ok) return notice(text.callerCaseNotAttached(attached.error.message));
      // The call may have ended while the case was read: then there is no script to run.
      if (!acceptedVisit({ type: 'adopt', policyNo, record, policy })) return;
      startScript({ script: this.deps.script, policy, sessionId, number, carried });
    } catch (err) {
      notice(text.callerCaseNotAttached(why(err)));
    }
  }

  /** The caller hung up (or the agent did) before a case was opened: the session is kept, closed without a case. */
  closeWithoutCase(sessionId: string): Promise<unknown> {
    return closeSessionDurably(this.deps.db, { sessionId, outcome: null, outcomeNote: text.callerNoCase, answers: {} }, this.deps.me).catch(() => undefined);
  }
}
