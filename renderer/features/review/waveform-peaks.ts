/**
 * Peaks for the QA player's waveform, one array per recorded channel (left = agent, right =
 * customer: the recording manifest's `channels`).
 *
 * Computed in the renderer from the bytes the player has already streamed (recording-loader.ts),
 * so the file is read and decrypted once; the host would otherwise have to decode Opus itself,
 * which main has no decoder for. The decode runs once per recording (cached by session below) and
 * at a low sample rate: decodeAudioData resamples to its context's rate off the main thread, so a
 * 60-minute call yields ~11 M samples per channel instead of ~170 M, and the per-bucket maximum
 * is taken in slices that yield to the event loop, so the UI keeps painting and taking keys.
 * A recording made by the desk's recorder carries its waveform in the manifest (`manifestPeaks`):
 * then nothing is decoded at all.
 */
import type { RecordingPeaks } from '../../../shared/ipc/channels/recording';

export type ChannelPeaks = readonly Float32Array[];

/**
 * The manifest's waveform as the player's peaks: one array per channel, agent then customer,
 * scaled so the loudest bucket of both is 1 (as the decoded ones are).
 */
export function manifestPeaks(p: RecordingPeaks): ChannelPeaks {
  const channels = [p.agent, p.customer].map((b64) => {
    const text = atob(b64);
    const out = new Float32Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  });
  let loudest = 0;
  for (const c of channels) for (const v of c) loudest = Math.max(loudest, v);
  if (loudest > 0) for (const c of channels) for (let i = 0; i < c.length; i++) c[i] = c[i]! / loudest;
  return channels;
}

/** Decode rate (Hz): far below speech bandwidth, enough for an envelope. Chromium accepts 3000. */
const DECODE_RATES = [3000, 8000];
/** Samples scanned between yields to the event loop. */
const SLICE = 1 << 20;
/** Recordings whose peaks stay cached: a QA session moves between a handful of calls. */
const CACHE_SIZE = 8;
const cache = new Map<string, ChannelPeaks>();

/** Buckets per recording: about 4 per second, at least 600 and at most 8000 (wider than any screen). */
export function bucketCount(durationMs: number): number {
  return Math.min(8000, Math.max(600, Math.ceil((durationMs / 1000) * 4)));
}

/**
 * The largest absolute sample of each of `buckets` equal slices of every channel, scaled so the
 * loudest bucket over all channels is 1 (both lanes on one scale: a quiet customer looks quiet).
 */
export async function peaksOf(channels: readonly Float32Array[], buckets: number, yieldNow: () => Promise<void> = nextTask): Promise<ChannelPeaks> {
  const out = channels.map(() => new Float32Array(buckets));
  let loudest = 0;
  for (const [c, data] of channels.entries()) {
    const per = data.length / buckets;
    const peaks = out[c]!;
    for (let start = 0; start < data.length; start += SLICE) {
      const end = Math.min(data.length, start + SLICE);
      for (let i = start; i < end; i++) {
        const v = Math.abs(data[i]!);
        const b = Math.min(buckets - 1, Math.floor(i / per));
        if (v > peaks[b]!) peaks[b] = v;
      }
      if (end < data.length) await yieldNow();
    }
    for (const v of peaks) loudest = Math.max(loudest, v);
  }
  if (loudest > 0) for (const p of out) for (let i = 0; i < p.length; i++) p[i] = p[i]! / loudest;
  return out;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const decoderClass = () => (globalThis as { OfflineAudioContext?: typeof OfflineAudioContext }).OfflineAudioContext;

/** Whether this host can decode audio for peaks at all (asked before keeping the streamed bytes). */
export function canDecodePeaks(): boolean {
  return typeof decoderClass() === 'function';
}

function offlineContext(): BaseAudioContext {
  const Ctx = decoderClass();
  if (!Ctx) throw new Error('OfflineAudioContext unavailable');
  let last: unknown = null;
  for (const rate of DECODE_RATES) {
    try {
      return new Ctx(2, 1, rate);
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/** The cached peaks of a recording, or null when they were not computed yet. */
export function cachedPeaks(sessionId: string): ChannelPeaks | null {
  return cache.get(sessionId) ?? null;
}

/** Decodes the streamed bytes once, computes and caches the peaks of both channels. */
export async function computePeaks(sessionId: string, parts: readonly Uint8Array[], durationMs: number): Promise<ChannelPeaks> {
  const hit = cache.get(sessionId);
  if (hit) return hit;
  const size = parts.reduce((n, p) => n + p.length, 0);
  const whole = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    whole.set(p, at);
    at += p.length;
  }
  const decoded = await offlineContext().decodeAudioData(whole.buffer);
  const channels = [decoded.getChannelData(0), decoded.getChannelData(Math.min(1, decoded.numberOfChannels - 1))];
  const peaks = await peaksOf(channels, bucketCount(durationMs || decoded.duration * 1000));
  cache.set(sessionId, peaks);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return peaks;
}
