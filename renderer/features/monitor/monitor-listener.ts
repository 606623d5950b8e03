import { Inviter, SessionState, UserAgent, type Web } from 'sip.js';
import { MONITOR_HEADER, MONITOR_SWITCH_CONTENT_TYPE, type MonitorGrant, type MonitorMode } from '../../../shared/sync';
import { messages } from '../../i18n/messages';
import { routeToOutput } from '../../audio/audio-devices';
import type { MonitorSdhOptions } from './monitor-media';
import type { MonitorAction } from './monitor-state';

/** What the listener needs from the lead's softphone and the centre. */
export interface MonitorListenerDeps {
  userAgent(): UserAgent | null;
  registered(): boolean;
  /** The lead's own call is up (any phase but idle): listening is refused. */
  ownCallBusy(): boolean;
  /** Asks the centre for a grant (`center:monitorGrant`); a refusal comes back as readable text. */
  requestGrant(staffNo: string, mode?: MonitorMode): Promise<{ ok: true; grant: MonitorGrant } | { ok: false; text: string }>;
  speakerId(): string;
  /** Opens the lead's microphone for whisper/barge (default: getUserMedia). */
  openMic?(): Promise<MediaStreamTrack>;
  dispatch(action: MonitorAction): void;
  now?(): number;
}

/** One listen-in leg from INVITE to its end. */
interface Leg {
  readonly inviter: Inviter;
  readonly staffNo: string;
  /** The mode the agent's desk last confirmed. */
  mode: MonitorMode;
  switching: boolean;
  mic: MediaStreamTrack | null;
  stoppedByLead: boolean;
  rejected: { code: number; phrase: string } | null;
  audio: HTMLAudioElement | null;
  done: boolean;
}

/**
 * The lead's side of listen-in: gets a grant from the centre, sends an INVITE with the grant in
 * `X-Huifang-Monitor` to the agent's softphone (a send-receive audio line with no track: nothing is
 * sent), and plays what comes back on the lead's speaker. `switchMode` coaches: a fresh grant for
 * the mode goes to the agent's desk as an in-dialog INFO; for whisper/barge the lead's microphone is
 * put on the line (the desk ignores it until it has verified the grant), for listen it is taken off
 * and closed. One leg at a time, and none while the lead's own call is up. Publishes `MonitorAction`s.
 */
export class MonitorListener {
  private leg: Leg | null = null;
  /** A grant request in flight (the leg does not exist yet); `stop` during it cancels. */
  private requesting: { cancelled: boolean } | null = null;

  constructor(private readonly deps: MonitorListenerDeps) {}

  /** True while requesting, connecting or listening. */
  busy(): boolean {
    return this.leg !== null || this.requesting !== null;
  }

  /** Starts listening to `staffNo`; resolves true once audio is flowing, false when refused or failed. */
  async listen(staffNo: string, agentName: string): Promise<boolean> {
    if (this.busy()) return this.refuse(messages.monitor.alreadyListening);
    if (this.deps.ownCallBusy()) return this.refuse(messages.monitor.ownCall);
    const ua = this.deps.userAgent();
    if (!ua || !this.deps.registered()) return this.refuse(messages.monitor.notRegistered);
    const request = { cancelled: false };
    this.requesting = request;
    this.deps.dispatch({ type: 'requesting', agent: staffNo, agentName });
    const answer = await this.deps.requestGrant(staffNo).catch((e: unknown) => ({ ok: false as const, text: String(e) }));
    this.requesting = null;
    if (request.cancelled) return false;
    if (!answer.ok) {
      this.deps.dispatch({ type: 'ended', level: 'error', text: answer.text });
      return false;
    }
    const target = UserAgent.makeURI(answer.grant.sipUri);
    if (!target) {
      this.deps.dispatch({ type: 'ended', level: 'error', text: messages.monitor.failed(answer.grant.sipUri) });
      return false;
    }
    const sdhOptions: MonitorSdhOptions = { constraints: { audio: false, video: false }, monitorMedia: { coach: true } };
    const inviter = new Inviter(ua, target, { extraHeaders: [`${MONITOR_HEADER}: ${answer.grant.grant}`], sessionDescriptionHandlerOptions: sdhOptions });
    const leg: Leg = { inviter, staffNo, mode: 'listen', switching: false, mic: null, stoppedByLead: false, rejected: null, audio: null, done: false };
    this.leg = leg;
    this.deps.dispatch({ type: 'connecting' });
    return new Promise<boolean>((resolve) => {
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler;
          leg.audio = this.play(sdh);
          // The agent's desk vanished without a BYE (crash, network): the media dies, so does the listen.
          sdh.peerConnection?.addEventListener('iceconnectionstatechange', () => {
            if (sdh.peerConnection?.iceConnectionState === 'failed' && this.leg === leg) void this.stop();
          });
          this.deps.dispatch({ type: 'listening', at: (this.deps.now ?? Date.now)() });
          resolve(true);
        } else if (state === SessionState.Terminated) {
          // The final response reaches onReject only after this tick (see CallController).
          setTimeout(() => {
            const wasUp = leg.audio !== null;
            if (this.finish(leg)) this.deps.dispatch(this.endOf(leg, wasUp));
            resolve(false);
          }, 0);
        }
      });
      inviter
        .invite({
          requestDelegate: {
            onReject: (response) => {
              leg.rejected = { code: response.message.statusCode ?? 0, phrase: response.message.reasonPhrase ?? '' };
            },
          },
        })
        .catch(() => void inviter.dispose().catch(() => undefined));
    });
  }

  /** Stops listening (BYE, or CANCEL while it is still connecting); no-op when idle. */
  async stop(): Promise<void> {
    if (this.requesting) {
      this.requesting.cancelled = true;
      this.requesting = null;
      this.deps.dispatch({ type: 'ended', level: 'info', text: messages.monitor.stopped });
      return;
    }
    const leg = this.leg;
    if (!leg) return;
    // Step back from barge first, so the centre lets another lead barge into this call.
    if (leg.mode === 'barge' && !leg.switching) await this.switchMode('listen');
    leg.stoppedByLead = true;
    const { inviter } = leg;
    const ended =
      inviter.state === SessionState.Established
        ? inviter.bye()
        : inviter.state === SessionState.Initial || inviter.state === SessionState.Establishing
          ? inviter.cancel()
          : Promise.resolve();
    const sent = await Promise.race([
      ended.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 3000)),
    ]);
    if (!sent && this.finish(leg)) {
      this.deps.dispatch({ type: 'ended', level: 'info', text: messages.monitor.stopped });
      void inviter.dispose().catch(() => undefined);
    }
  }

  /**
   * Switches the leg to `mode` (监听 / 耳语 / 强插); resolves true once the agent's desk confirmed.
   * A refusal (centre or desk) leaves the leg in the mode it was in, with the reason as a notice.
   */
  async switchMode(mode: MonitorMode): Promise<boolean> {
    const leg = this.leg;
    if (!leg || leg.done || leg.switching || leg.mode === mode || leg.inviter.state !== SessionState.Established) return false;
    leg.switching = true;
    this.deps.dispatch({ type: 'switching', mode });
    try {
      const answer = await this.deps.requestGrant(leg.staffNo, mode).catch((e: unknown) => ({ ok: false as const, text: String(e) }));
      if (!answer.ok) return this.switchRefused(answer.text);
      // The microphone goes on before the desk is asked, so the lead is heard the moment it agrees.
      if (mode !== 'listen' && !(await this.micOn(leg))) return this.switchRefused(messages.monitor.micUnavailable);
      const sent = await this.sendSwitch(leg, answer.grant.grant, mode);
      if (!sent.ok) {
        if (leg.mode === 'listen') this.micOff(leg);
        return this.switchRefused(sent.code === 0 ? messages.monitor.switchFailed(sent.phrase) : messages.monitor.switchRefusedByDesk(sent.code, sent.phrase));
      }
      leg.mode = mode;
      if (mode === 'listen') this.micOff(leg);
      this.deps.dispatch({ type: 'switched', mode });
      return true;
    } finally {
      leg.switching = false;
    }
  }

  private sendSwitch(leg: Leg, grant: string, mode: MonitorMode): Promise<{ ok: true } | { ok: false; code: number; phrase: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, code: 0, phrase: messages.monitor.noAnswerOrNetwork }), 10_000);
      const done = (r: { ok: true } | { ok: false; code: number; phrase: string }) => {
        clearTimeout(timer);
        resolve(r);
      };
      leg.inviter
        .info({
          requestOptions: {
            extraHeaders: [`${MONITOR_HEADER}: ${grant}`],
            body: { contentDisposition: 'render', contentType: MONITOR_SWITCH_CONTENT_TYPE, content: mode },
          },
          requestDelegate: {
            onAccept: () => done({ ok: true }),
            onReject: (r) => done({ ok: false, code: r.message.statusCode ?? 0, phrase: r.message.reasonPhrase ?? '' }),
          },
        })
        .catch((e: unknown) => done({ ok: false, code: 0, phrase: String(e) }));
    });
  }

  private audioSender(leg: Leg): RTCRtpSender | null {
    const pc = (leg.inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
    return pc?.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender ?? null;
  }

  private async micOn(leg: Leg): Promise<boolean> {
    if (leg.mic) return true;
    const sender = this.audioSender(leg);
    if (!sender) return false;
    try {
      const open = this.deps.openMic ?? (async () => (await navigator.mediaDevices.getUserMedia({ audio: true, video: false })).getAudioTracks()[0]);
      const track = await open();
      if (leg.done) {
        track.stop();
        return false;
      }
      leg.mic = track;
      await sender.replaceTrack(track);
      return true;
    } catch {
      this.micOff(leg);
      return false;
    }
  }

  private micOff(leg: Leg): void {
    void this.audioSender(leg)
      ?.replaceTrack(null)
      .catch(() => undefined);
    leg.mic?.stop();
    leg.mic = null;
  }

  private switchRefused(text: string): false {
    this.deps.dispatch({ type: 'switchRefused', text });
    return false;
  }

  private play(sdh: Web.SessionDescriptionHandler): HTMLAudioElement {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.hidden = true;
    audio.dataset.monitorAudio = 'remote';
    document.body.appendChild(audio);
    audio.srcObject = sdh.remoteMediaStream;
    void routeToOutput(audio, this.deps.speakerId());
    void audio.play().catch(() => undefined);
    return audio;
  }

  private endOf(leg: Leg, wasUp: boolean): MonitorAction {
    if (leg.stoppedByLead) return { type: 'ended', level: 'info', text: messages.monitor.stopped };
    if (wasUp) return { type: 'ended', level: 'info', text: messages.monitor.agentCallEnded };
    if (leg.rejected)
      return {
        type: 'ended',
        level: 'error',
        text: leg.rejected.code === 480 ? messages.monitor.notInCall : messages.monitor.refusedByDesk(leg.rejected.code, leg.rejected.phrase),
      };
    return { type: 'ended', level: 'error', text: messages.monitor.failed(messages.monitor.noAnswerOrNetwork) };
  }

  /** Releases the leg's audio; true the first time only. */
  private finish(leg: Leg): boolean {
    if (leg.done) return false;
    leg.done = true;
    leg.mic?.stop();
    leg.mic = null;
    if (leg.audio) {
      leg.audio.pause();
      leg.audio.srcObject = null;
      leg.audio.remove();
    }
    if (this.leg === leg) this.leg = null;
    return true;
  }

  private refuse(text: string): false {
    this.deps.dispatch({ type: 'refused', text });
    return false;
  }
}
