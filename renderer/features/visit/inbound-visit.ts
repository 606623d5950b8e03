import { findCaseByCaller } from '../../data/find-caller';
import type { HuifangDb } from '../../data/huifang-db';
import { readSetting } from '../../data/settings-repo';
import { messages } from '../../i18n/messages';
import type { CallResult, IncomingCall, SoftphoneApi } from '../softphone/softphone-api';
import { useSoftphoneStore } from '../softphone/softphone-store';
import type { VisitController } from './visit-controller';
import { visitNow } from './visit-store';

/** Answers the ringing call; a softphone that cannot answer, or a caller gone meanwhile, is a refusal. */
export function answerOrGone(phone: SoftphoneApi, callId: string, caseId: string | null): Promise<CallResult> {
  return (
    phone.answer?.(callId, caseId === null ? {} : { caseId }) ??
    Promise.resolve<CallResult>({ kind: 'failed', attempt: 'cancelled', reason: messages.softphone.callerGone, refused: true })
  );
}

/**
 * Policyholders ring back the number that called them. A call to a free desk (queue or case open,
 * not 示忙) from the number of a case in this desk's queue rings for that case: the case opens, the
 * desk shows the masked caller, and the agent answers (F4, or the headset's hook) straight into the script,
 * recorded like any call — or declines (Shift+F4). Everything else is refused by the softphone and kept
 * as a missed call: 486 while the agent is busy (a call, after-call work), 480 when paused or when
 * the caller matches no case in the queue — unless the centre's desk settings take any caller
 * (`inboundCallers: 'any'`): then it rings too, and answered, the agent finds the case (CallerVisit).
 */
export class InboundVisits {
  /** The call ringing at this desk; `policyNo` null: a caller who matched no case (desks taking any caller). */
  private ringing: { readonly callId: string; readonly from: string; readonly policyNo: string | null } | null = null;

  constructor(
    private readonly deps: {
      readonly db: HuifangDb;
      readonly softphone: () => SoftphoneApi | null;
      readonly visits: Pick<VisitController, 'openCase' | 'dial' | 'answerCaller'>;
      readonly paused: () => boolean;
    },
  ) {}

  /** Starts taking the softphone's inbound calls; returns the unsubscribe function. */
  attach(): () => void {
    const off = this.deps.softphone()?.onIncoming?.((call) => void this.offered(call));
    return () => off?.();
  }

  /** F4 / the headset's hook: answers the ringing call into its case's script (an unmatched caller: into the queue, to find the case). */
  async answer(): Promise<void> {
    const r = this.current();
    this.ringing = null;
    if (!r) return;
    if (r.policyNo === null) await this.deps.visits.answerCaller(r.from, r.callId);
    else await this.deps.visits.dial(r.from, r.callId);
  }

  /** Shift+F4: refuses the ringing call (the caller hears 480; a missed call is kept). */
  decline(): void {
    const r = this.current();
    this.ringing = null;
    if (r) this.deps.softphone()?.declineIncoming?.(r.callId);
  }

  /** The call still ringing (the caller may have given up meanwhile). */
  private current() {
    if (this.ringing && useSoftphoneStore.getState().incoming?.callId !== this.ringing.callId) this.ringing = null;
    return this.ringing;
  }

  private async offered(call: IncomingCall): Promise<void> {
    const phone = this.deps.softphone();
    if (!phone) return;
    const phase = visitNow().phase;
    if ((phase !== 'queue' && phase !== 'case') || this.current()) return phone.declineIncoming?.(call.callId, true);
    if (this.deps.paused()) return phone.declineIncoming?.(call.callId);
    const policyNo = await findCaseByCaller(this.deps.db, call.from).catch(() => null);
    if (!policyNo) {
      // Any caller, where the centre's desk settings say so: it rings without a case, the agent finds it after answering.
      const takeAny = (await readSetting(this.deps.db, 'inboundCallers').catch(() => 'case')) === 'any';
      if (takeAny && phone.ringIncoming?.(call.callId, null)) this.ringing = { callId: call.callId, from: call.from, policyNo: null };
      else phone.declineIncoming?.(call.callId);
      return;
    }
    await this.deps.visits.openCase(policyNo);
    const s = visitNow();
    if (s.phase !== 'case' || s.policyNo !== policyNo) return phone.declineIncoming?.(call.callId, true);
    if (phone.ringIncoming?.(call.callId, policyNo)) this.ringing = { callId: call.callId, from: call.from, policyNo };
  }
}
