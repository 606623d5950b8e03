import { RECORDING_BITS_PER_SECOND, type RecordingManifest } from '../../../shared/ipc/channels/recording';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/ipc-error';
import { messages } from '../../i18n/messages';
import { followAgentVoice } from '../../audio/agent-voice-bus';
import { mixCallAudio } from '../../audio/call-audio-mix';
import { DualMonoRecorder, dualMonoSupported } from './dual-mono-recorder';
import type { RecordingAction } from './recording-state';

/** The part of the host API the recorder uses (`huifang().recording` in the app). */
export interface RecorderHost {
  start(req: RequestOf<'recording:start'>): Promise<IpcResult<ResponseOf<'recording:start'>>>;
  chunk(req: RequestOf<'recording:chunk'>): Promise<IpcResult<ResponseOf<'recording:chunk'>>>;
  stop(req: RequestOf<'recording:stop'>): Promise<IpcResult<ResponseOf<'recording:stop'>>>;
}

/** Browser media factories, injected so the state logic can be tested with fakes. */
export interface RecorderEnvironment {
  createAudioContext(): AudioContext;
  createMediaRecorder(stream: MediaStream, options: MediaRecorderOptions): MediaRecorder;
  isTypeSupported(mimeType: string): boolean;
  now(): number;
}

export interface CallRecorderOptions {
  readonly host: RecorderHost;
  readonly env?: RecorderEnvironment;
  readonly dispatch: (action: RecordingAction) => void;
  /** Total Opus bitrate, both sides together; default RECORDING_BITS_PER_SECOND. */
  readonly audioBitsPerSecond?: number;
  /**
   * MediaRecorder timeslice in ms; default DEFAULT_TIMESLICE_MS. A crash loses the chunk being
   * gathered plus the one in flight, so the timeslice must stay well under 1 s.
   */
  readonly timesliceMs?: number;
}

export const RECORDING_MIME = 'audio/webm;codecs=opus';

/**
 * 500 ms, not 1000: with a 1 s timeslice a SIGKILL just before a chunk is emitted lost 1.000 s in
 * the end-to-end test (the chunk being gathered plus IPC and fsync time), i.e. right at the 1 s
 * limit. Half a second keeps the worst case well inside it; bitrate is unaffected (WebM overhead is
 * per Opus frame and per cluster, not per chunk).
 */
export const DEFAULT_TIMESLICE_MS = 500;

/**
 * A browser without WebCodecs Opus records with MediaRecorder as one stereo Opus stream, which
 * needs this much to keep both talkers apart (STOI ≥ 0.96 against 128 kbit/s; at 32 kbit/s 0.92).
 */
const STEREO_FALLBACK_BITS_PER_SECOND = 48_000;

/** The browser's own factories. */
export const browserRecorderEnvironment: RecorderEnvironment = {
  createAudioContext: () => new AudioContext({ sampleRate: 48000 }),
  createMediaRecorder: (stream, options) =>
    dualMonoSupported()
      ? // Only the MediaRecorder members the CallRecorder uses are implemented (start, stop, state, handlers).
        (new DualMonoRecorder(stream, (options.audioBitsPerSecond ?? RECORDING_BITS_PER_SECOND) / 2) as unknown as MediaRecorder)
      : new MediaRecorder(stream, { ...options, audioBitsPerSecond: Math.max(options.audioBitsPerSecond ?? 0, STEREO_FALLBACK_BITS_PER_SECOND) }),
  isTypeSupported: (mime) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(mime),
  now: () => Date.now(),
};

/**
 * Records one call in stereo: the agent's microphone on the left channel (merger input 0), the
 * customer on the right (input 1), mixed with WebAudio into one stream and recorded as WebM/Opus.
 * Every `timesliceMs` chunk goes to the host in order over `recording:chunk`. There is no pause or
 * mute: the agent cannot turn it off. Any failure is dispatched at once as `failed`.
 */
export class CallRecorder {
  private readonly env: RecorderEnvironment;
  private context: AudioContext | null = null;
  private recorder: MediaRecorder | null = null;
  private sessionId: string | null = null;
  private seq = 0;
  private sending: Promise<void> = Promise.resolve();
  private lastDataAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private failed = false;
  private unfollowVoices: () => void = () => undefined;

  constructor(private readonly o: CallRecorderOptions) {
    this.env = o.env ?? browserRecorderEnvironment;
  }

  /** Starts recording `call` into `sessionId`; resolves false (after dispatching `failed`) when it cannot. */
  async start(call: { callId: string; sessionId: string; localStream: MediaStream; remoteStream: MediaStream }): Promise<boolean> {
    this.o.dispatch({ type: 'starting', callId: call.callId });
    this.sessionId = call.sessionId;
    this.failed = false;
    // Chunk numbers count per recording: one recorder serves every call on the desk, and the host
    // reads a first chunk numbered n as n chunks lost at the start (the gaps QA saw on later calls).
    this.seq = 0;
    this.sending = Promise.resolve();
    if (!this.env.isTypeSupported(RECORDING_MIME)) return this.fail(messages.recording.unsupported);
    const audioBitsPerSecond = this.o.audioBitsPerSecond ?? RECORDING_BITS_PER_SECOND;
    const started = await this.o.host.start({ sessionId: call.sessionId, mimeType: RECORDING_MIME, audioBitsPerSecond });
    if (!started.ok) return this.fail(messages.recording.startFailed(started.error.message));
    try {
      const ctx = this.env.createAudioContext();
      this.context = ctx;
      const destination = mixCallAudio(ctx, call.localStream, call.remoteStream, 'stereo', (connect) => {
        this.unfollowVoices = followAgentVoice(call.callId, connect);
      });
      const recorder = this.env.createMediaRecorder(destination.stream, { mimeType: RECORDING_MIME, audioBitsPerSecond });
      this.recorder = recorder;
      recorder.ondataavailable = (e) => this.onData(e.data);
      recorder.onerror = (e) => this.fail(messages.recording.recorderError(describe(e)));
      const timeslice = this.o.timesliceMs ?? DEFAULT_TIMESLICE_MS;
      recorder.start(timeslice);
      this.lastDataAt = this.env.now();
      this.watchdog = setInterval(() => {
        if (!this.failed && this.env.now() - this.lastDataAt > 3 * timeslice + 500) this.fail(messages.recording.stalled);
      }, timeslice);
      if (ctx.state === 'suspended') await ctx.resume();
    } catch (err) {
      return this.fail(messages.recording.recorderError(describe(err)));
    }
    this.o.dispatch({ type: 'started', sessionId: call.sessionId, startedAt: started.value.startedAt });
    return true;
  }

  /** Stops, sends the last chunk and finalises on the host. Returns the manifest, or null on failure. */
  async stop(): Promise<RecordingManifest | null> {
    const sessionId = this.sessionId;
    if (!sessionId) return null;
    this.o.dispatch({ type: 'finalising' });
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') {
      // The final dataavailable fires before stop.
      await new Promise<void>((resolve) => {
        recorder.onstop = () => resolve();
        recorder.stop();
      });
    }
    await this.sending;
    this.unfollowVoices();
    this.recorder = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.sessionId = null;
    // The dual-mono recorder keeps the waveform of what it encoded (MediaRecorder, the fallback, does not).
    const peaks = (recorder as Partial<Pick<DualMonoRecorder, 'peaks'>> | null)?.peaks?.encode();
    const result = await this.o.host.stop(peaks ? { sessionId, peaks } : { sessionId });
    if (!result.ok) {
      this.fail(result.error.message);
      return null;
    }
    this.o.dispatch({ type: 'finalised' });
    return result.value.manifest;
  }

  private onData(blob: Blob): void {
    if (blob.size === 0 || !this.sessionId) return;
    this.lastDataAt = this.env.now();
    const seq = this.seq++;
    const sessionId = this.sessionId;
    this.o.dispatch({ type: 'chunkSent' });
    // Chained so chunks reach the host in order even though each send is asynchronous.
    this.sending = this.sending
      .then(async () => {
        const data = await blobToBase64(blob);
        const result = await this.o.host.chunk({ sessionId, seq, data });
        if (!result.ok) this.fail(result.error.message);
        else {
          this.o.dispatch({ type: 'chunkStored', stored: result.value.stored });
          if (!result.value.stored && !this.failed) this.fail(messages.recording.notStored);
          if (result.value.stored) this.failed = false;
        }
      })
      .catch((err: unknown) => {
        this.fail(messages.recording.recorderError(describe(err)));
      });
  }

  private fail(reason: string): false {
    this.failed = true;
    this.o.dispatch({ type: 'failed', reason });
    return false;
  }
}

/** Base64 of a Blob without data-URL tricks (works in browsers and jsdom). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(typeof blob.arrayBuffer === 'function' ? await blob.arrayBuffer() : await readWithFileReader(blob));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function readWithFileReader(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(blob);
  });
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  const error = (value as { error?: unknown } | null)?.error;
  if (error instanceof Error) return error.message;
  return String(value);
}
