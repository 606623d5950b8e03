import type { Web } from 'sip.js';
import { routeToOutput, micConstraints } from '../../audio/audio-devices';
import { qualityBetween, readAudioCounters, type AudioCounters } from './call-quality';
import { nextFlow, startFlow, type MediaFlow, type NoMediaSpan } from './media-flow';
import { MicLevelMeter } from './mic-level-meter';
import type { DeviceSnapshot, SoftphoneAction } from './softphone-state';
import { messages } from '../../i18n/messages';

/** Timings of the media watchdog: media flow is sampled every second, quality every other sample. */
const SAMPLE_INTERVAL_MS = 1000;
const QUALITY_EVERY = 2;
/** ICE `disconnected` this long (network change) → ICE restart re-INVITE. */
const DISCONNECTED_RESTART_MS = 3000;
/**
 * ICE not connected again this long after it dropped → the media is dead; the call is ended.
 * (Chrome may never report `failed` after a rejected ICE-restart offer was rolled back.)
 */
const MEDIA_DEAD_MS = 12_000;

/** Callbacks from the media of one call to its controller. */
export interface CallMediaEvents {
  /** ICE failed: the media is dead; the call must be ended with the reason recorded. */
  onIceFailed(): void;
  /** ICE stayed disconnected: worth an ICE restart. */
  onNetworkSuspect(): void;
  /** The customer's audio stopped arriving, or never arrived (see `media-flow.ts`). */
  onNoMedia?(span: NoMediaSpan): void;
}

/**
 * The media side of one established call: plays the customer on an `<audio>` element (needed for
 * playback and for recording it, INFRA.md) routed to the chosen speaker, meters the agent's mic,
 * polls getStats for quality and for whether the customer's audio arrives at all, and watches ICE.
 */
export class CallMedia {
  /** The element playing the customer; exposed for speaker switching. */
  readonly remoteAudio: HTMLAudioElement;
  private readonly meter: MicLevelMeter;
  private qualityTimer: ReturnType<typeof setInterval> | null = null;
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  private deadTimer: ReturnType<typeof setTimeout> | null = null;
  private lastCounters: AudioCounters | null = null;
  private flow: MediaFlow;
  private readonly spans: NoMediaSpan[] = [];
  private samples = 0;
  private held = false;
  private warnedDegraded = false;
  private warnedSilent = false;
  private stopped = false;

  constructor(
    private readonly sdh: Web.SessionDescriptionHandler,
    private readonly deps: { dispatch(action: SoftphoneAction): void; devices(): DeviceSnapshot },
    private readonly events: CallMediaEvents,
    answeredAt: number = Date.now(),
  ) {
    this.flow = startFlow(answeredAt);
    this.remoteAudio = document.createElement('audio');
    this.remoteAudio.autoplay = true;
    this.remoteAudio.dataset.softphone = 'remote-audio';
    this.remoteAudio.hidden = true;
    this.meter = new MicLevelMeter((level, silent) => {
      this.deps.dispatch({ type: 'micLevel', level, silent });
      if (silent && !this.warnedSilent) {
        this.warnedSilent = true;
        this.deps.dispatch({ type: 'notice', level: 'warning', text: messages.softphone.micSilent, at: Date.now() });
      }
      if (!silent) this.warnedSilent = false;
    });
  }

  /** Starts playback, metering, quality polling and the ICE watch. */
  start(): void {
    document.body.appendChild(this.remoteAudio);
    this.remoteAudio.srcObject = this.sdh.remoteMediaStream;
    void routeToOutput(this.remoteAudio, this.deps.devices().speakerId);
    void this.remoteAudio.play().catch(() => undefined);
    this.meter.attach(this.sdh.localMediaStream);
    this.qualityTimer = setInterval(() => void this.sample(), SAMPLE_INTERVAL_MS);
    const pc = this.sdh.peerConnection;
    pc?.addEventListener('iceconnectionstatechange', this.onIceState);
  }

  /** The spans without the customer's audio so far (the last one open while it is still missing). */
  noMediaSpans(): readonly NoMediaSpan[] {
    return this.spans;
  }

  /** While held (or being held) no audio is expected: the flow watch starts afresh on resume. */
  setHeld(held: boolean): void {
    this.held = held;
  }

  /** Replaces the microphone track being sent (and in the local stream). */
  async switchMicrophone(deviceId: string): Promise<boolean> {
    const pc = this.sdh.peerConnection;
    if (!pc || this.stopped) return false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(deviceId), video: false });
    } catch {
      this.deps.dispatch({ type: 'notice', level: 'error', text: messages.softphone.micUnavailable, at: Date.now() });
      return false;
    }
    const track = stream.getAudioTracks()[0];
    const sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
    if (!track || !sender) return false;
    const wasEnabled = sender.track?.enabled ?? true;
    track.enabled = wasEnabled;
    await sender.replaceTrack(track);
    const local = this.sdh.localMediaStream;
    for (const old of local.getAudioTracks()) {
      old.stop();
      local.removeTrack(old);
    }
    local.addTrack(track);
    this.meter.attach(local);
    return true;
  }

  /** Stops everything this call started. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.qualityTimer) clearInterval(this.qualityTimer);
    this.clearIceTimers();
    this.sdh.peerConnection?.removeEventListener('iceconnectionstatechange', this.onIceState);
    this.meter.detach();
    this.remoteAudio.pause();
    this.remoteAudio.srcObject = null;
    this.remoteAudio.remove();
    this.deps.dispatch({ type: 'micLevel', level: 0, silent: false });
    this.deps.dispatch({ type: 'quality', quality: null });
  }

  private readonly onIceState = () => {
    const state = this.sdh.peerConnection?.iceConnectionState;
    if (state === 'failed') {
      this.clearIceTimers();
      this.events.onIceFailed();
    } else if (state === 'connected' || state === 'completed') {
      this.clearIceTimers();
    } else if (state === 'disconnected' && !this.deadTimer) {
      this.disconnectedTimer = setTimeout(() => {
        this.disconnectedTimer = null;
        if (!this.iceUp()) this.events.onNetworkSuspect();
      }, DISCONNECTED_RESTART_MS);
      this.deadTimer = setTimeout(() => {
        this.deadTimer = null;
        if (!this.iceUp() && !this.stopped) this.events.onIceFailed();
      }, MEDIA_DEAD_MS);
    }
  };

  private iceUp(): boolean {
    const state = this.sdh.peerConnection?.iceConnectionState;
    return state === 'connected' || state === 'completed';
  }

  private clearIceTimers() {
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer);
    if (this.deadTimer) clearTimeout(this.deadTimer);
    this.disconnectedTimer = null;
    this.deadTimer = null;
  }

  private async sample(): Promise<void> {
    const pc = this.sdh.peerConnection;
    if (!pc || this.stopped) return;
    const counters = readAudioCounters((await pc.getStats()) as unknown as Parameters<typeof readAudioCounters>[0]);
    if (this.stopped) return;
    this.watchFlow(counters, pc.connectionState === 'connected', farEndHolds(pc));
    this.samples += 1;
    if (this.samples % QUALITY_EVERY !== 0) return;
    const quality = qualityBetween(this.lastCounters, counters);
    this.lastCounters = counters;
    this.deps.dispatch({ type: 'quality', quality });
    if (quality.degraded && !quality.noMedia && !this.warnedDegraded) {
      this.deps.dispatch({ type: 'notice', level: 'warning', text: messages.softphone.qualityDegraded, at: Date.now() });
    }
    this.warnedDegraded = quality.degraded;
  }

  /** Tells the agent at once when the customer's audio is missing, and again when it is back. */
  private watchFlow(counters: AudioCounters, connected: boolean, farEndHolds: boolean): void {
    const now = Date.now();
    if (this.held || farEndHolds) {
      if (this.flow.phase !== 'no_media') this.flow = { phase: 'flowing', packets: counters.packetsReceived, lastPacketAt: now };
      return;
    }
    const before = this.flow;
    this.flow = nextFlow(before, { at: now, packetsReceived: counters.packetsReceived, connected });
    if (this.flow === before) return;
    if (this.flow.phase === 'no_media') {
      const span: NoMediaSpan = { reason: this.flow.reason, from: this.flow.since, to: null };
      this.spans.push(span);
      this.deps.dispatch({ type: 'notice', level: 'error', text: messages.softphone.noMedia(this.flow.reason), at: now, untilCallEnds: true });
      this.events.onNoMedia?.(span);
    } else if (before.phase === 'no_media') {
      const open = this.spans.length - 1;
      this.spans[open] = { ...this.spans[open], to: now };
      this.deps.dispatch({ type: 'notice', level: 'info', text: messages.softphone.mediaRestored, at: now, untilCallEnds: true });
    }
  }
}

/**
 * The far end put the call on hold: its re-INVITE said sendonly or inactive, so the audio
 * transceiver now only receives (or nothing). Gateways then often send nothing at all (baresip
 * does), which is not a media failure.
 */
function farEndHolds(pc: RTCPeerConnection): boolean {
  const direction = pc.getTransceivers?.().find((t) => t.receiver.track?.kind === 'audio')?.currentDirection;
  return direction === 'recvonly' || direction === 'inactive';
}
