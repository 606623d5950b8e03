import { SessionState, type Invitation } from 'sip.js';
import { MONITOR_HEADER } from '../../../shared/sync';
import { mixCallAudio } from '../../audio/call-audio-mix';
import type { MonitorSdhOptions } from './monitor-media';

/** The agent's call as the answerer mixes it (from the softphone's established/ended events). */
export interface MonitoredCall {
  readonly callId: string;
  readonly localStream: MediaStream;
  readonly remoteStream: MediaStream;
}

/** The centre's verdict as the answerer needs it: who listens, or the SIP refusal to send. */
export type GrantVerdict = { readonly ok: true; readonly lead: string } | { readonly ok: false; readonly code: 403 | 503; readonly phrase: string };

/** What the answerer needs from the desk. */
export interface MonitorAnswererDeps {
  /** Asks the centre about a grant (`center:monitorVerify`). */
  verify(grant: string): Promise<GrantVerdict>;
  /** WebAudio context factory (tests pass a fake). */
  createAudioContext?(): AudioContext;
  /** Told when a lead starts or stops listening (log only: the agent is not shown it). */
  onListening?(lead: string, listening: boolean): void;
}

/** One answered (or being answered) listen-in leg. */
interface Leg {
  readonly invitation: Invitation;
  readonly callId: string;
  context: AudioContext | null;
}

/**
 * The agent desk's side of listen-in. An INVITE carrying `X-Huifang-Monitor` is answered only
 * while the desk has an established call and the centre says the grant names this agent: then it
 * is auto-answered send-only with both sides of the call mixed to mono (`mixCallAudio`); 480 when
 * there is no call, 403 (reason in the phrase) for a grant the centre refuses, 503 when the centre
 * cannot be asked. Every leg is ended with BYE when the customer call ends. Silent monitoring: the
 * agent sees no indicator (the centre's audit log records who listened, when, to which case).
 */
export class MonitorAnswerer {
  private call: MonitoredCall | null = null;
  private readonly legs = new Set<Leg>();

  constructor(private readonly deps: MonitorAnswererDeps) {}

  /** True when `invitation` is a listen-in INVITE (has the grant header). */
  static isMonitorInvite(invitation: Invitation): boolean {
    return invitation.request.hasHeader(MONITOR_HEADER);
  }

  /** The desk's call was answered: listen-ins may now be accepted. */
  callEstablished(call: MonitoredCall): void {
    this.call = call;
  }

  /** The desk's call ended: every listen-in leg of it is ended (BYE). */
  callEnded(callId?: string): Promise<void> {
    if (!callId || this.call?.callId === callId) this.call = null;
    return this.endAll();
  }

  /**
   * Every inbound INVITE of the desk: a listen-in is answered or refused (`answer`); anything else
   * is refused with 480 as the outbound desk always did. Resolves to the SIP code sent.
   */
  route(invitation: Invitation): Promise<number> {
    return MonitorAnswerer.isMonitorInvite(invitation) ? this.answer(invitation) : this.reject(invitation, 480, 'Temporarily Unavailable');
  }

  /** Answers or refuses one listen-in INVITE; resolves to 200 or the SIP code sent. */
  async answer(invitation: Invitation): Promise<number> {
    const grant = invitation.request.getHeader(MONITOR_HEADER)?.trim();
    if (!grant || !this.call) return this.reject(invitation, 480, 'Not In Call');
    const verdict = await this.deps.verify(grant).catch((): GrantVerdict => ({ ok: false, code: 503, phrase: 'Centre Unreachable' }));
    if (!verdict.ok) return this.reject(invitation, verdict.code, verdict.phrase);
    const call = this.call;
    // The call may have ended while the centre was asked.
    if (!call || invitation.state !== SessionState.Initial) return this.reject(invitation, 480, 'Not In Call');
    const leg: Leg = { invitation, callId: call.callId, context: null };
    this.legs.add(leg);
    try {
      const context = (this.deps.createAudioContext ?? (() => new AudioContext({ sampleRate: 48000 })))();
      leg.context = context;
      const mix = mixCallAudio(context, call.localStream, call.remoteStream, 'mono');
      if (context.state === 'suspended') await context.resume();
      invitation.stateChange.addListener((state) => {
        if (state === SessionState.Terminated) this.release(leg, verdict.lead);
      });
      const options: MonitorSdhOptions = { constraints: { audio: true, video: false }, monitorMedia: { send: mix.stream } };
      await invitation.accept({ sessionDescriptionHandlerOptions: options });
    } catch {
      this.release(leg, verdict.lead);
      if (invitation.state === SessionState.Initial) return this.reject(invitation, 500, 'Monitor Media Failed');
      return 500;
    }
    this.deps.onListening?.(verdict.lead, true);
    // The call ended while the answer was going out.
    if (this.call?.callId !== leg.callId) void this.endAll();
    return 200;
  }

  /** Ends every listen-in leg (BYE when up, else drops it). */
  async endAll(): Promise<void> {
    const legs = [...this.legs];
    await Promise.all(
      legs.map(async ({ invitation }) => {
        if (invitation.state === SessionState.Established) await invitation.bye().catch(() => undefined);
        else if (invitation.state !== SessionState.Terminated) await invitation.dispose().catch(() => undefined);
      }),
    );
  }

  private release(leg: Leg, lead: string): void {
    if (!this.legs.delete(leg)) return;
    void leg.context?.close().catch(() => undefined);
    leg.context = null;
    this.deps.onListening?.(lead, false);
  }

  private async reject(invitation: Invitation, statusCode: number, reasonPhrase: string): Promise<number> {
    await invitation.reject({ statusCode, reasonPhrase }).catch(() => undefined);
    return statusCode;
  }
}
