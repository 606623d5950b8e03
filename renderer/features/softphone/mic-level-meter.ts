/** RMS of a block of samples (−1..1), as a 0..1 level. */
export function rmsLevel(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.min(1, Math.sqrt(sum / samples.length));
}

/** Level under which a microphone counts as silent. */
export const SILENCE_THRESHOLD = 0.003;

/**
 * Decides that a microphone is silent when its level stayed under `threshold` for `windowMs`
 * (a muted headset, a dead input, the wrong device). Speech pauses are shorter than the window.
 */
export class SilenceDetector {
  private quietSince: number | null = null;

  constructor(
    private readonly threshold = SILENCE_THRESHOLD,
    private readonly windowMs = 5000,
  ) {}

  /** Feeds one level reading; returns whether the mic counts as silent now. */
  push(level: number, now: number): boolean {
    if (level >= this.threshold) {
      this.quietSince = null;
      return false;
    }
    this.quietSince ??= now;
    return now - this.quietSince >= this.windowMs;
  }

  reset(): void {
    this.quietSince = null;
  }
}

/**
 * Measures a microphone stream with a WebAudio analyser every `intervalMs` and reports level and
 * silence. Used before a call (mic check) and during it (the agent's outgoing audio).
 */
export class MicLevelMeter {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly detector: SilenceDetector;

  constructor(
    private readonly onLevel: (level: number, silent: boolean) => void,
    options: { threshold?: number; windowMs?: number; intervalMs?: number } = {},
    private readonly intervalMs = options.intervalMs ?? 100,
  ) {
    this.detector = new SilenceDetector(options.threshold, options.windowMs);
  }

  /** Starts measuring `stream` (replacing any previous one). No-op without WebAudio. */
  attach(stream: MediaStream): void {
    this.detach();
    if (typeof AudioContext === 'undefined' || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    this.context = context;
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(buffer);
      const level = rmsLevel(buffer);
      this.onLevel(Math.round(level * 1000) / 1000, this.detector.push(level, Date.now()));
    }, this.intervalMs);
  }

  /** Stops measuring and releases the audio context. */
  detach(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.detector.reset();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
