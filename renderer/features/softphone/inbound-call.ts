import type { Invitation } from 'sip.js';
import { maskPhone } from '../../../shared/domain/masking';
import { messages } from '../../i18n/messages';
import type { IncomingCall, MissedCall } from './softphone-api';
import type { SoftphoneAction } from './softphone-state';
import { RingbackTone } from './ringback-tone';

/** How long the desk waits for the workspace to say whether an inbound call rings (case lookup). */
const DECIDE_MS = 3000;

interface Pending {
  readonly invitation: Invitation;
  readonly from: string;
  readonly at: number;
  timer: ReturnType<typeof setTimeout>;
}

/** What the inbound side of the softphone needs from its owner. */
export interface InboundDeps {
  dispatch(action: SoftphoneAction): void;
  ringerId(): string;
  ringTimeoutMs(): number;
}

/**
 * Customers ring back the number that called them. An inbound call to an idle desk is offered to
 * the visit workflow, which rings it for the caller's case (`ring`) or declines it (`decline`);
 * the agent answers with `take` + the call controller. Every call the desk does not take — busy
 * (486) during a call, unavailable (480) otherwise, or given up by the caller — is a missed call
 * with the caller's masked number and the time, never swallowed.
 */
export class InboundCalls {
  private readonly pending = new Map<string, Pending>();
  private readonly tone = new RingbackTone();
  private readonly incomingListeners = new Set<(call: IncomingCall) => void>();
  private readonly missedListeners = new Set<(call: MissedCall) => void>();

  constructor(private readonly deps: InboundDeps) {}

  /** See `SoftphoneApi.onIncoming`. */
  onIncoming(listener: (call: IncomingCall) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  /** See `SoftphoneApi.onMissedCall`. */
  onMissed(listener: (call: MissedCall) => void): () => void {
    this.missedListeners.add(listener);
    return () => this.missedListeners.delete(listener);
  }

  /** A new INVITE: refused at once while busy or when nobody decides, else waits for `ring`/`decline`. */
  offer(invitation: Invitation, busy: boolean): void {
    const from = invitation.remoteIdentity.uri.user ?? '';
    const callId = invitation.request.callId;
    if (busy || this.pending.size > 0) return void this.refuse(invitation, from, busy || this.pending.size > 0);
    const entry: Pending = { invitation, from, at: Date.now(), timer: setTimeout(() => this.decline(callId), DECIDE_MS) };
    this.pending.set(callId, entry);
    // The caller gave up before anyone answered: a missed call (no answer needed, the INVITE is gone).
    invitation.delegate = { onCancel: () => this.gone(callId) };
    if (this.incomingListeners.size === 0) return this.decline(callId);
    for (const l of this.incomingListeners) l({ callId, from, at: entry.at });
  }

  /** Rings the call for `caseId` (null: no case matched) with the masked number until answered, declined or the ring time ends. */
  ring(callId: string, caseId: string | null): boolean {
    const p = this.pending.get(callId);
    if (!p) return false;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => this.decline(callId), this.deps.ringTimeoutMs());
    this.deps.dispatch({ type: 'incoming', callId, from: maskPhone(p.from) || messages.softphone.unknownCaller, caseId, at: p.at });
    void this.tone.start(this.deps.ringerId());
    return true;
  }

  /** Refuses a pending call (480, or 486 when `busy`) and records it as missed. */
  decline(callId: string, busy = false): void {
    const p = this.release(callId);
    if (p) void this.refuse(p.invitation, p.from, busy);
  }

  /** The pending call to answer, taken out of the ringing set; null when it is gone. */
  take(callId: string): { invitation: Invitation; from: string } | null {
    const p = this.release(callId);
    return p ? { invitation: p.invitation, from: p.from } : null;
  }

  private gone(callId: string): void {
    const p = this.release(callId);
    if (p) this.noteMissed(p.from, 480);
  }

  private release(callId: string): Pending | null {
    const p = this.pending.get(callId) ?? null;
    if (!p) return null;
    clearTimeout(p.timer);
    this.pending.delete(callId);
    this.tone.stop();
    this.deps.dispatch({ type: 'incomingEnded', callId });
    return p;
  }

  private async refuse(invitation: Invitation, from: string, busy: boolean): Promise<void> {
    this.noteMissed(from, busy ? 486 : 480);
    await invitation
      .reject(busy ? { statusCode: 486, reasonPhrase: 'Busy Here' } : { statusCode: 480, reasonPhrase: 'Temporarily Unavailable' })
      .catch(() => undefined);
  }

  private noteMissed(from: string, sipCode: 486 | 480): void {
    const at = Date.now();
    const shown = maskPhone(from) || messages.softphone.unknownCaller;
    this.deps.dispatch({ type: 'missedCall', from: shown, at });
    this.deps.dispatch({ type: 'notice', level: 'warning', text: messages.softphone.missedCall(shown, messages.common.clock(at)), at });
    for (const l of this.missedListeners) l({ from, at, sipCode });
  }
}
