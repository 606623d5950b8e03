import type { RecordingPeaks } from '../../../shared/ipc/channels/recording';

/** A bucket of the waveform (ms): about four a second, what QA's player draws (waveform-peaks.ts). */
const BUCKET_MS = 250;

/**
 * The waveform of a recording taken while it is recorded (recording-peaks in the manifest): the
 * largest absolute sample of each 250 ms of each side, from the same samples the encoders get. A
 * 10-minute call is 2 400 bytes a side, so QA's player paints it without decoding the recording.
 */
export class PeakTracker {
  private readonly sides: number[][] = [[], []];
  /** Samples already counted per side (a side's buckets follow its own sample count). */
  private readonly counted = [0, 0];

  /** Adds the next samples of `side` (0 agent, 1 customer) at `sampleRate`. */
  add(side: 0 | 1, samples: Float32Array, sampleRate: number): void {
    const perBucket = (sampleRate * BUCKET_MS) / 1000;
    const peaks = this.sides[side]!;
    let at = this.counted[side]!;
    for (let i = 0; i < samples.length; i++, at++) {
      const b = Math.floor(at / perBucket);
      const v = Math.abs(samples[i]!);
      if (b >= peaks.length) peaks.push(v);
      else if (v > peaks[b]!) peaks[b] = v;
    }
    this.counted[side] = at;
  }

  /** The waveform as the manifest carries it (0–255 per bucket, full scale = 255). */
  encode(): RecordingPeaks {
    const bytes = (peaks: readonly number[]) => {
      const out = new Uint8Array(peaks.length);
      for (let i = 0; i < peaks.length; i++) out[i] = Math.min(255, Math.round(Math.min(1, peaks[i]!) * 255));
      let text = '';
      for (const b of out) text += String.fromCharCode(b);
      return btoa(text);
    };
    return { bucketMs: BUCKET_MS, agent: bytes(this.sides[0]!), customer: bytes(this.sides[1]!) };
  }
}
