import type { SoftphoneConfig, ReportedCallState } from '../../../shared/ipc/channels/softphone';
import type { HuifangApi } from '../../../shared/ipc/client';
import { messages } from '../../i18n/messages';
import { followDevice, listAudioDevices } from '../../audio/audio-devices';
import { CallController } from './call-controller';
import { InboundCalls } from './inbound-call';
import { testMicrophone } from './mic-test';
import type { ExtensionDialler } from './extension-dialler';
import { listenForHangupKey } from './hangup-key';
import { ScreenWake } from './screen-wake';
import { SipConnection } from './sip-connection';
import { noCompanion, type CompanionFactory, type LineCompanion } from './line-companion';
import type { CallResult, DialOptions, EndedCall, EstablishedCall, IncomingCall, MissedCall, SoftphoneApi } from './softphone-api';
import type { SoftphoneAction, SoftphoneLine, SoftphoneSnapshot } from './softphone-state';
import { TRAINING_ACCOUNT, type TrainingTransport } from './training-port';

/** Where the service reads and writes its snapshot (the zustand slice in the app, a fake in tests). */
export interface SnapshotSink {
  get(): SoftphoneSnapshot;
  dispatch(action: SoftphoneAction): void;
}

/**
 * The renderer's softphone: loads the account from the main process, keeps it registered
 * (reconnect + re-REGISTER), places calls through `CallController`, follows devices and the
 * network, and tells the main process the call state (display kept awake) — see `SoftphoneApi`.
 */
export class SoftphoneService implements SoftphoneApi {
  private config: SoftphoneConfig | null = null;
  private blockedReason: string | null = null;
  private readonly screenWake = new ScreenWake();
  private readonly establishedListeners = new Set<(call: EstablishedCall) => void>();
  private readonly endedListeners = new Set<(info: EndedCall) => void>();
  private readonly holdListeners = new Set<(held: boolean, at: number) => void>();
  /** Calls to the desk: offered to the visit workflow, rung, answered, or missed. */
  readonly inbound: InboundCalls;
  private readonly cleanups: (() => void)[] = [];
  private readonly connection: SipConnection;
  private readonly calls: CallController;
  private readonly companion: LineCompanion;

  /** An administrator put this agent on the training line although an account exists (new-hire practice). */
  private trainingPreferred = false;

  constructor(
    private readonly host: HuifangApi,
    private readonly store: SnapshotSink,
    /** What shares the line (the team lead's listen-in), wired in by the app. */
    companion: CompanionFactory = noCompanion,
    /** The training line's transport (null: none in this build or test). */
    private readonly trainingLine: (() => TrainingTransport) | null = null,
  ) {
    this.companion = companion({
      userAgent: () => this.connection.userAgent(),
      registered: () => this.store.get().registration === 'registered',
      ownCallBusy: () => this.calls.busy(),
      speakerId: () => this.store.get().devices.speakerId,
    });
    this.inbound = new InboundCalls({
      dispatch: (a) => this.store.dispatch(a),
      ringerId: () => this.store.get().devices.ringerId,
      ringTimeoutMs: () => (this.config?.ringTimeoutSec ?? 45) * 1000,
    });
    this.connection = new SipConnection(
      {
        registration: (state, detail) => this.store.dispatch({ type: 'registration', state, detail }),
        reconnectScheduled: (attempt) => this.store.dispatch({ type: 'reconnectScheduled', attempt }),
        recovered: () => void this.calls.iceRestart(),
        invite: (invitation) => {
          if (!this.companion.routeInvite(invitation)) this.inbound.offer(invitation, this.calls.busy());
        },
      },
      this.companion.sdhFactory,
    );
    this.establishedListeners.add((call) => this.companion.callEstablished(call));
    this.endedListeners.add((info) => this.companion.callEnded(info.callId));
    this.calls = new CallController({
      userAgent: () => this.connection.userAgent(),
      registered: () => this.store.get().registration === 'registered',
      config: () => this.config,
      devices: () => this.store.get().devices,
      dialBlockedReason: () => this.blockedReason ?? this.companion.dialBlockedReason(),
      dispatch: (a) => this.store.dispatch(a),
      reportState: (state, callId) => this.report(state, callId),
      established: (call) => this.establishedListeners.forEach((l) => safe(() => l(call))),
      ended: (info) => this.endedListeners.forEach((l) => safe(() => l(info))),
    });
  }

  /** Loads the account and registers; subscribes to host events, network and device changes. */
  async start(): Promise<void> {
    this.cleanups.push(this.host.on('softphone:hangupRequested', () => void this.hangup()));
    this.cleanups.push(listenForHangupKey(() => void this.hangup()));
    this.cleanups.push(this.host.on('softphone:configChanged', () => void this.reload()));
    const onOnline = () => {
      this.store.dispatch({ type: 'online', online: true });
      this.notice('info', messages.softphone.online);
      this.connection.networkChanged();
    };
    const onOffline = () => {
      this.store.dispatch({ type: 'online', online: false });
      this.notice('warning', messages.softphone.offline);
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanups.push(() => window.removeEventListener('online', onOnline));
    this.cleanups.push(() => window.removeEventListener('offline', onOffline));
    const connection = (navigator as Navigator & { connection?: EventTarget }).connection;
    const onNetChange = () => void this.calls.iceRestart();
    connection?.addEventListener?.('change', onNetChange);
    this.cleanups.push(() => connection?.removeEventListener?.('change', onNetChange));
    const onDevices = () => void this.refreshDevices(true);
    navigator.mediaDevices?.addEventListener?.('devicechange', onDevices);
    this.cleanups.push(() => navigator.mediaDevices?.removeEventListener?.('devicechange', onDevices));
    if (!navigator.onLine) this.store.dispatch({ type: 'online', online: false });
    await this.refreshDevices(false);
    await this.reload();
  }

  /**
   * Re-reads the account from the main process and registers again. Without an account — or when
   * an administrator put the agent on practice — the desk registers on the training line, so a
   * fresh install can make a whole visit with no SIP server (README "The training line").
   */
  async reload(): Promise<void> {
    const view = await this.host.softphone.getConfig({});
    this.config = view.ok ? view.value.config : null;
    if (view.ok && view.value.centreProblem) this.notice('warning', view.value.centreProblem);
    if (this.trainingLine && (this.trainingPreferred || (view.ok && !this.config))) {
      this.config = TRAINING_ACCOUNT;
      this.store.dispatch({ type: 'line', line: 'training' });
      await this.connection.start({ config: TRAINING_ACCOUNT, password: '', transport: this.trainingLine() });
      return;
    }
    this.store.dispatch({ type: 'line', line: 'sip' });
    if (!this.config) {
      await this.connection.stop();
      this.store.dispatch({ type: 'registration', state: 'unconfigured', detail: messages.softphone.notConfigured });
      return;
    }
    const creds = await this.host.softphone.credentials({});
    if (!creds.ok) {
      await this.connection.stop();
      this.store.dispatch({ type: 'registration', state: 'failed', detail: creds.error.message });
      return;
    }
    await this.connection.start({ config: this.config, password: creds.value.password });
  }

  /** Puts this desk on the training line (true) or back on its SIP account (false). */
  async setTrainingPreferred(preferred: boolean): Promise<void> {
    if (preferred === this.trainingPreferred) return;
    this.trainingPreferred = preferred;
    if (!this.calls.busy()) await this.reload();
  }

  line(): SoftphoneLine {
    return this.store.get().line;
  }

  dial(number: string, options?: DialOptions): Promise<CallResult> {
    return this.calls.dial(number, options);
  }

  hangup(): Promise<void> {
    return this.calls.hangup();
  }

  /** True while a call exists (any phase but idle). */
  busy(): boolean {
    return this.calls.busy();
  }

  /** Mutes or unmutes the agent towards the customer. */
  setMuted(muted: boolean): void {
    this.calls.setMuted(muted);
  }

  /** Hold/resume by re-INVITE; resolves false (and the UI keeps the old state) when it failed. */
  async setHold(hold: boolean): Promise<boolean> {
    const ok = await this.calls.setHold(hold);
    if (ok) this.holdListeners.forEach((l) => safe(() => l(hold, Date.now())));
    return ok;
  }

  onHoldChanged(listener: (held: boolean, at: number) => void): () => void {
    this.holdListeners.add(listener);
    return () => this.holdListeners.delete(listener);
  }

  onMissedCall = (listener: (call: MissedCall) => void) => this.inbound.onMissed(listener);
  onIncoming = (listener: (call: IncomingCall) => void) => this.inbound.onIncoming(listener);
  ringIncoming = (callId: string, caseId: string | null) => this.inbound.ring(callId, caseId);
  declineIncoming = (callId: string, busy = false) => this.inbound.decline(callId, busy);

  async answer(callId: string, options: DialOptions = {}): Promise<CallResult> {
    const taken = this.inbound.take(callId);
    if (!taken) return { kind: 'failed', attempt: 'cancelled', reason: messages.softphone.callerGone, refused: true };
    return this.calls.answer(taken.invitation, taken.from, options);
  }

  dialReadiness(): string | null {
    if (!this.config) return messages.softphone.notConfigured;
    if (this.store.get().registration !== 'registered') return this.store.get().registrationDetail ?? messages.softphone.failures.notRegistered;
    return this.blockedReason ?? this.companion.dialBlockedReason();
  }

  /** Sends one DTMF digit. */
  /** The extension waiting to be keyed in after answer: change it, send it now, or drop it. */
  get extension(): Pick<ExtensionDialler, 'edit' | 'sendNow' | 'drop'> {
    return this.calls.extension;
  }

  sendDtmf(tone: string): Promise<'rfc4733' | 'info' | 'failed'> {
    // A key that did not reach the far end must not fail silently: the agent may be in an IVR.
    return this.calls.sendDtmf(tone).then((how) => {
      if (how === 'failed') this.notice('warning', messages.softphone.dtmfFailed(tone));
      return how;
    });
  }

  /** Chooses microphone, speaker or ringer output; the microphone switches mid-call. */
  async chooseDevice(kind: 'micId' | 'speakerId' | 'ringerId', deviceId: string): Promise<void> {
    this.store.dispatch({ type: 'devices', devices: { ...this.store.get().devices, [kind]: deviceId } });
    if (kind === 'micId') await this.calls.switchMicrophone(deviceId);
    if (kind === 'speakerId') await this.calls.setSpeaker(deviceId);
  }

  /** Mic check before a call (see `testMicrophone`). */
  testMicrophone(ms = 3000): Promise<boolean> {
    return testMicrophone(this.store.get().devices.micId, (a) => this.store.dispatch(a), ms);
  }

  /** This desk's SIP address (published for the lead's listen-in), or null without an account. */
  sipAddress(): string | null {
    // Nobody can reach a desk on the training line from outside this window.
    if (this.store.get().line === 'training') return null;
    return this.config?.sipUri ?? null;
  }

  onCallEstablished(listener: (call: EstablishedCall) => void): () => void {
    this.establishedListeners.add(listener);
    return () => this.establishedListeners.delete(listener);
  }

  onCallEnded(listener: (info: EndedCall) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  setDialBlocked(reason: string | null): void {
    this.blockedReason = reason;
  }

  /** Hangs up, unregisters and removes every listener. */
  async dispose(): Promise<void> {
    await this.companion.stop();
    await this.calls.hangup();
    for (const c of this.cleanups.splice(0)) c();
    await this.connection.stop();
  }

  private async refreshDevices(followChanges: boolean): Promise<void> {
    const { inputs, outputs } = await listAudioDevices().catch(() => ({ inputs: [], outputs: [] }));
    const current = this.store.get().devices;
    const mic = followDevice(current.micId, inputs);
    const speaker = followDevice(current.speakerId, outputs);
    const ringer = followDevice(current.ringerId, outputs);
    this.store.dispatch({ type: 'devices', devices: { inputs, outputs, micId: mic.id, speakerId: speaker.id, ringerId: ringer.id } });
    if (!followChanges) return;
    if (mic.changed) {
      this.notice('warning', messages.softphone.deviceFallback(messages.softphone.microphone));
      await this.calls.switchMicrophone('default');
    }
    if (speaker.changed) {
      this.notice('warning', messages.softphone.deviceFallback(messages.softphone.speaker));
      await this.calls.setSpeaker('default');
    }
    if (ringer.changed) this.notice('warning', messages.softphone.deviceFallback(messages.softphone.ringer));
  }

  private report(state: ReportedCallState, callId?: string) {
    void this.host.softphone.reportCallState(callId ? { state, callId } : { state });
    this.screenWake.follow(state !== 'idle');
  }

  private notice(level: 'info' | 'warning' | 'error', text: string) {
    this.store.dispatch({ type: 'notice', level, text, at: Date.now() });
  }
}

function safe(fn: () => void) {
  try {
    fn();
  } catch (err) {
    console.error('softphone listener failed', err);
  }
}
