import { SessionState, type Info, type Invitation, type Web } from 'sip.js';
import { MONITOR_HEADER, MONITOR_SWITCH_CONTENT_TYPE, type MonitorMode } from '../../../shared/sync';
import { addAgentVoice } from '../../audio/agent-voice-bus';
import { routeToOutput } from '../../audio/audio-devices';
import { mixCallAudio } from '../../audio/call-audio-mix';
import type { MonitorSdhOptions } from './monitor-media';

/** The agent's call as the answerer mixes it (from the softphone's established/ended events). */
export interface MonitoredCall {
  readonly callId: string;
  readonly localStream: MediaStream;
  readonly remoteStream: MediaStream;
}

/** The centre's verdict as the answerer needs it: who listens, or the SIP refusal to send. */
export type GrantVerdict =
  | { readonly ok: true; readonly lead: string; readonly leadName?: string; readonly mode?: MonitorMode }
  | { readonly ok: false; readonly code: 403 | 503; readonly phrase: string };

/** Who coaches the agent right now, as the agent's screen shows it (null: nobody, or a silent listen). */
export type Coaching = { readonly lead: string; readonly leadName: string; readonly mode: 'whisper' | 'barge' } | null;

/** What the answerer needs from the desk. */
export interface MonitorAnswererDeps {
  /** Asks the centre about a grant (`center:monitorVerify`). */
  verify(grant: string): Promise<GrantVerdict>;
  /** WebAudio context factory (tests pass a fake). */
  createAudioContext?(): AudioContext;
  /** Told when a lead starts or stops listening (log only: the agent is not shown it). */
  onListening?(lead: string, listening: boolean): void;
  /** Told when whisper or barge starts or stops (the agent's screen shows it; a listen stays silent). */
  onCoaching?(coaching: Coaching): void;
  /** The agent's speaker (the lead's whisper plays there). */
  speakerId?(): string;
  /** Told when a lead's leg ended, however it ended (`center:monitorEnded`: frees a barge it held). */
  legEnded?(lead: string): void;
  /** How long the lead's media may stay disconnected before the leg is ended (ms; default 5 000). */
  disconnectGraceMs?: number;
}

/** One answered (or being answered) listen-in leg. */
interface Leg {
  readonly invitation: Invitation;
  readonly callId: string;
  context: AudioContext | null;
  lead: string;
  leadName: string;
  mode: MonitorMode;
  /** The lead's audio as it arrives on the leg. */
  leadStream: MediaStream | null;
  /** Plays the lead on the agent's speaker; muted while listening (kept playing: WebAudio needs it, INFRA.md). */
  leadAudio: HTMLAudioElement | null;
  /** Takes the lead out of the customer leg and the recording (set while barging). */
  unbarge: (() => void) | null;
}

/**
 * The agent desk's side of listen-in. An INVITE carrying `X-Huifang-Monitor` is answered only
 * while the desk has an established call and the centre says the grant names this agent: then it
 * is auto-answered sending both sides of the call mixed to mono (`mixCallAudio`); 480 when there
 * is no call, 403 (reason in the phrase) for a grant the centre refuses, 503 when the centre cannot
 * be asked. Every leg is ended with BYE when the customer call ends. Silent monitoring: the agent
 * sees no indicator (the centre's audit log records who listened, when, to which case).
 *
 * Coaching: the lead's audio arriving on the leg is used only in the mode the centre verified for
 * the last grant — listen: dropped (the element playing it is muted); whisper: played on the
 * agent's speaker only; barge: also added to the agent's side of the call (customer leg and
 * recording, agent-voice-bus). A switch is an INFO with a new grant; a refused switch (403/480/503)
 * changes nothing, so the customer's call is never disturbed by it.
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
    const leg: Leg = {
      invitation,
      callId: call.callId,
      context: null,
      lead: verdict.lead,
      leadName: verdict.leadName ?? verdict.lead,
      mode: 'listen',
      leadStream: null,
      leadAudio: null,
      unbarge: null,
    };
    this.legs.add(leg);
    invitation.delegate = { onInfo: (info) => void this.switchMode(leg, info) };
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
    this.watchMedia(leg);
    this.playLead(leg);
    this.apply(leg, verdict.mode ?? 'listen');
    // The call ended while the answer was going out.
    if (this.call?.callId !== leg.callId) void this.endAll();
    return 200;
  }

  /** An INFO on a leg: a switch of mode with a fresh grant, verified before anything changes. */
  private async switchMode(leg: Leg, info: Info): Promise<void> {
    const request = info.request;
    const grant = request.getHeader(MONITOR_HEADER)?.trim();
    if (!grant || !request.getHeader('Content-Type')?.startsWith(MONITOR_SWITCH_CONTENT_TYPE)) {
      await info.reject({ statusCode: 415, reasonPhrase: 'Unsupported Media Type' }).catch(() => undefined);
      return;
    }
    if (!this.legs.has(leg) || this.call?.callId !== leg.callId) {
      await info.reject({ statusCode: 480, reasonPhrase: 'Not In Call' }).catch(() => undefined);
      return;
    }
    const verdict = await this.deps.verify(grant).catch((): GrantVerdict => ({ ok: false, code: 503, phrase: 'Centre Unreachable' }));
    if (!verdict.ok) {
      await info.reject({ statusCode: verdict.code, reasonPhrase: verdict.phrase }).catch(() => undefined);
      return;
    }
    // The call or the leg ended while the centre was asked.
    if (!this.legs.has(leg) || this.call?.callId !== leg.callId) {
      await info.reject({ statusCode: 480, reasonPhrase: 'Not In Call' }).catch(() => undefined);
      return;
    }
    leg.lead = verdict.lead;
    leg.leadName = verdict.leadName ?? verdict.lead;
    this.apply(leg, verdict.mode ?? 'listen');
    await info.accept().catch(() => undefined);
  }

  /** Puts the lead's audio where `mode` says (see the class comment). */
  private apply(leg: Leg, mode: MonitorMode): void {
    leg.mode = mode;
    if (leg.leadAudio) leg.leadAudio.muted = mode === 'listen';
    if (mode === 'barge' && !leg.unbarge && leg.leadStream) {
      leg.unbarge = addAgentVoice(leg.callId, leg.leadStream);
    } else if (mode !== 'barge' && leg.unbarge) {
      leg.unbarge();
      leg.unbarge = null;
    }
    this.deps.onCoaching?.(mode === 'listen' ? null : { lead: leg.lead, leadName: leg.leadName, mode });
  }

  /**
   * A lead whose desk crashed or lost the network sends no BYE: its leg would stay up (and keep a
   * barge on the call) until the customer call ends. The leg's ICE state tells: failed, or
   * disconnected for longer than the grace, ends the leg.
   */
  private watchMedia(leg: Leg): void {
    const pc = (leg.invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
    if (!pc) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      clearTimeout(timer);
      if (this.legs.has(leg) && leg.invitation.state === SessionState.Established) void leg.invitation.bye().catch(() => undefined);
    };
    pc.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(timer);
      if (pc.iceConnectionState === 'failed') end();
      else if (pc.iceConnectionState === 'disconnected') timer = setTimeout(end, this.deps.disconnectGraceMs ?? 5000);
    });
  }

  private playLead(leg: Leg): void {
    const sdh = leg.invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!sdh) return;
    leg.leadStream = sdh.remoteMediaStream;
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.hidden = true;
    audio.muted = true;
    audio.dataset.monitorAudio = 'lead';
    document.body.appendChild(audio);
    audio.srcObject = sdh.remoteMediaStream;
    if (this.deps.speakerId) void routeToOutput(audio, this.deps.speakerId());
    // jsdom's play() returns nothing; browsers return a promise that rejects without a gesture.
    void Promise.resolve()
      .then(() => audio.play())
      .catch(() => undefined);
    leg.leadAudio = audio;
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
    leg.unbarge?.();
    leg.unbarge = null;
    if (leg.mode !== 'listen') this.deps.onCoaching?.(null);
    if (leg.leadAudio) {
      leg.leadAudio.pause();
      leg.leadAudio.srcObject = null;
      leg.leadAudio.remove();
      leg.leadAudio = null;
    }
    void leg.context?.close().catch(() => undefined);
    leg.context = null;
    this.deps.onListening?.(lead, false);
    this.deps.legEnded?.(lead);
  }

  private async reject(invitation: Invitation, statusCode: number, reasonPhrase: string): Promise<number> {
    await invitation.reject({ statusCode, reasonPhrase }).catch(() => undefined);
    return statusCode;
  }
}
