import { AppendOnlyStreamTarget, EncodedAudioPacketSource, EncodedPacket, Output, WebMOutputFormat } from 'mediabunny';
import { multistreamOpusHead, multistreamPacket, preSkipOf } from './opus-multistream';
import { PeakTracker } from './peak-tracker';

/** Chromium's MediaStreamTrackProcessor (not in TypeScript's DOM library yet). */
interface TrackProcessor {
  readonly readable: ReadableStream<AudioData>;
}
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => TrackProcessor;

/** 20 ms frames: what speech codecs use; a crash loses at most the frames not yet flushed. */
const FRAME_US = 20_000;

/** The browser can record this way (WebCodecs Opus and a track processor). */
export function dualMonoSupported(): boolean {
  return (
    typeof AudioEncoder === 'function' &&
    typeof AudioData === 'function' &&
    typeof (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor === 'function'
  );
}

/**
 * Records a stereo stream (agent left, customer right) as WebM with one Opus track that holds two
 * independent mono streams (opus-multistream.ts says why), behaving like the part of
 * `MediaRecorder` the CallRecorder uses: `start(timeslice)` emits the file's bytes in order every
 * `timeslice` ms through `ondataavailable`, `stop()` flushes the encoders, ends the file, emits the
 * rest and then calls `onstop`; any failure goes to `onerror`.
 */
export class DualMonoRecorder {
  state: RecordingState = 'inactive';
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onerror: ((event: { error: Error }) => void) | null = null;
  onstop: (() => void) | null = null;
  /** The waveform of what was recorded, taken from the samples the encoders get. */
  readonly peaks = new PeakTracker();

  private readonly encoders: AudioEncoder[] = [];
  private readonly queues: Uint8Array[][] = [[], []];
  private readonly durations: number[] = [];
  private description: AllowSharedBufferSource | undefined;
  private bytes: Uint8Array[] = [];
  private atUs = 0;
  private packets = 0;
  private output: Output | null = null;
  private source: EncodedAudioPacketSource | null = null;
  private ready: Promise<void> = Promise.resolve();
  /** Packets reach the muxer one after the other, in order. */
  private adding: Promise<void> = Promise.resolve();
  private pumping: Promise<void> = Promise.resolve();
  private reader: ReadableStreamDefaultReader<AudioData> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopping = false;
  private failed = false;

  constructor(
    private readonly stream: MediaStream,
    /** Opus bitrate of each side (bit/s). */
    private readonly bitsPerSecondPerChannel: number,
  ) {}

  start(timesliceMs: number): void {
    const track = this.stream.getAudioTracks()[0];
    if (!track) return this.failWith(new Error('no audio track to record'));
    this.state = 'recording';
    const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorConstructor }).MediaStreamTrackProcessor;
    this.reader = new Processor({ track }).readable.getReader();
    this.source = new EncodedAudioPacketSource('opus');
    this.output = new Output({
      // Append-only: every byte, once handed over, stays valid — the host appends chunks as they come.
      format: new WebMOutputFormat({ appendOnly: true, minimumClusterDuration: timesliceMs / 1000 }),
      target: new AppendOnlyStreamTarget(new WritableStream<Uint8Array>({ write: (chunk) => void this.bytes.push(chunk.slice()) })),
    });
    this.output.addAudioTrack(this.source);
    this.ready = this.output.start();
    this.adding = this.ready;
    this.pumping = this.pump().catch((err: unknown) => this.failWith(asError(err)));
    this.timer = setInterval(() => this.emit(), timesliceMs);
  }

  stop(): void {
    if (this.state === 'inactive' || this.stopping) return;
    this.stopping = true;
    void this.reader?.cancel().catch(() => undefined);
    void this.finish()
      .catch((err: unknown) => this.failWith(asError(err)))
      .finally(() => {
        this.state = 'inactive';
        this.onstop?.();
      });
  }

  private async finish(): Promise<void> {
    await this.pumping;
    await Promise.all(this.encoders.map((e) => (e.state === 'configured' ? e.flush() : undefined)));
    this.drain();
    await this.adding;
    await this.output?.finalize();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.emit();
    this.encoders.forEach((e) => e.state !== 'closed' && e.close());
  }

  /** Splits every captured frame into its two sides and feeds one mono encoder each. */
  private async pump(): Promise<void> {
    const reader = this.reader!;
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || !frame) return;
      try {
        if (this.encoders.length === 0) this.configure(frame.sampleRate);
        const n = frame.numberOfFrames;
        for (let side = 0; side < 2; side++) {
          const samples = new Float32Array(n);
          // A mono source (one side missing) records silence on the other channel.
          if (side < frame.numberOfChannels) frame.copyTo(samples, { planeIndex: side, format: 'f32-planar' });
          this.peaks.add(side as 0 | 1, samples, frame.sampleRate);
          const mono = new AudioData({
            format: 'f32-planar',
            sampleRate: frame.sampleRate,
            numberOfFrames: n,
            numberOfChannels: 1,
            timestamp: frame.timestamp,
            data: samples,
          });
          this.encoders[side]!.encode(mono);
          mono.close();
        }
      } finally {
        frame.close();
      }
    }
  }

  private configure(sampleRate: number): void {
    for (let side = 0; side < 2; side++) {
      const encoder = new AudioEncoder({
        output: (chunk, meta) => this.onPacket(side, chunk, meta),
        error: (err) => this.failWith(asError(err)),
      });
      encoder.configure({
        codec: 'opus',
        sampleRate,
        numberOfChannels: 1,
        bitrate: this.bitsPerSecondPerChannel,
        opus: { frameDuration: FRAME_US },
      });
      this.encoders.push(encoder);
    }
  }

  /**
   * Both encoders get the same frames, so their n-th packets cover the same 20 ms: they are paired
   * by order and written as one multistream packet.
   */
  private onPacket(side: number, chunk: EncodedAudioChunk, meta?: EncodedAudioChunkMetadata): void {
    const data = new Uint8Array(chunk.byteLength);
    chunk.copyTo(data);
    this.queues[side]!.push(data);
    if (side === 0) this.durations.push(chunk.duration ?? FRAME_US);
    if (meta?.decoderConfig?.description) this.description ??= meta.decoderConfig.description;
    this.drain();
  }

  /** Pairs what both sides have and queues the multistream packets for the muxer, in order. */
  private drain(): void {
    while (this.queues[0]!.length > 0 && this.queues[1]!.length > 0) {
      const packet = multistreamPacket([this.queues[0]!.shift()!, this.queues[1]!.shift()!]);
      const durationUs = this.durations.shift()!;
      const encoded = new EncodedPacket(packet, 'key', this.atUs / 1e6, durationUs / 1e6);
      this.atUs += durationUs;
      // The track's header is described once, with the first packet.
      const meta =
        this.packets++ === 0
          ? { decoderConfig: { codec: 'opus', numberOfChannels: 2, sampleRate: 48000, description: multistreamOpusHead(2, preSkipOf(this.description)) } }
          : undefined;
      this.adding = this.adding.then(() => this.source!.add(encoded, meta));
      this.adding.catch((err: unknown) => this.failWith(asError(err)));
    }
  }

  private emit(): void {
    if (this.bytes.length === 0) return;
    const data = new Blob(this.bytes as BlobPart[], { type: 'audio/webm;codecs=opus' });
    this.bytes = [];
    this.ondataavailable?.({ data });
  }

  private failWith(error: Error): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // One failure is reported once, however many queued packets it takes down with it.
    if (this.failed) return;
    this.failed = true;
    this.onerror?.({ error });
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
