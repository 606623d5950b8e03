/**
 * Short-Time Objective Intelligibility (STOI): C. H. Taal, R. C. Hendriks, R. Heusdens, J. Jensen,
 * "An Algorithm for Intelligibility Prediction of Time–Frequency Weighted Noisy Speech",
 * IEEE/ACM TASLP 19(7), 2011. Written from the paper's description (section II); the constants
 * below are the paper's.
 *
 * The idea: intelligibility follows how well the degraded speech keeps the clean speech's slow
 * envelope in each one-third-octave band, judged over windows of about 400 ms.
 */
import FFT from 'fft.js';
import { resample } from './resample';

/** The paper's analysis rate: enough to cover the bands (up to ≈ 4.3 kHz) that carry intelligibility. */
const ANALYSIS_RATE = 10_000;
/** 256 samples (25.6 ms) per frame, half overlapping. */
const FRAME_LENGTH = 256;
const HOP = FRAME_LENGTH / 2;
/** Frames are zero-padded to this FFT size. */
const FFT_SIZE = 512;
/** Frames quieter than the loudest clean frame by more than this are silence, not speech. */
const DYNAMIC_RANGE_DB = 40;
/** One-third-octave bands: how many, and the centre of the lowest. */
const BAND_COUNT = 15;
const LOWEST_CENTRE_HZ = 150;
/** Frames per short-time segment: 30 × 12.8 ms hop ≈ 384 ms, the span the paper found best. */
const SEGMENT_FRAMES = 30;
/** Lower signal-to-distortion bound β: the degraded envelope may exceed the clean one by at most 1 + 10^(−β/20). */
const BETA_DB = -15;
const CLIP_FACTOR = 1 + 10 ** (-BETA_DB / 20);
/** Keeps divisions finite when a band is silent in a segment. */
const EPS = 1e-12;

/**
 * STOI of `degraded` against `clean`, both at `sampleRate`: about 0 (unintelligible) to 1 (as
 * intelligible as the clean speech). Signals of unequal length are compared over the shorter one.
 * Throws when less than one segment (30 frames, ≈ 0.4 s) of non-silent speech remains.
 */
export function stoi(clean: Float32Array, degraded: Float32Array, sampleRate: number): number {
  const length = Math.min(clean.length, degraded.length);
  const cleanAt10k = resample(clean.subarray(0, length), sampleRate, ANALYSIS_RATE);
  const degradedAt10k = resample(degraded.subarray(0, length), sampleRate, ANALYSIS_RATE);

  const speech = removeSilentFrames(cleanAt10k, degradedAt10k);
  const cleanBands = thirdOctaveBands(stft(speech.clean));
  const degradedBands = thirdOctaveBands(stft(speech.degraded));

  const frameCount = cleanBands[0].length;
  if (frameCount < SEGMENT_FRAMES) {
    throw new Error(`STOI: the signal is too short: ${frameCount} non-silent frames remain, at least ${SEGMENT_FRAMES} (≈ 0.4 s of speech) are needed.`);
  }

  // Every segment that ends at frame m (m = 30 … M) counts, in every band, with equal weight.
  let total = 0;
  let count = 0;
  for (let band = 0; band < BAND_COUNT; band++) {
    for (let end = SEGMENT_FRAMES; end <= frameCount; end++) {
      const x = cleanBands[band].subarray(end - SEGMENT_FRAMES, end);
      const y = degradedBands[band].subarray(end - SEGMENT_FRAMES, end);
      total += segmentCorrelation(x, y);
      count++;
    }
  }
  return total / count;
}

/** A symmetric Hann window without its zero end points, so no sample of a frame is wasted. */
function hannWindow(length: number): Float64Array {
  const window = new Float64Array(length);
  for (let n = 0; n < length; n++) window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (n + 1)) / (length + 1));
  return window;
}

function frameCountOf(length: number): number {
  return length < FRAME_LENGTH ? 0 : Math.floor((length - FRAME_LENGTH) / HOP) + 1;
}

/**
 * Drops the frames where the clean speech is silent (and the same frames of the degraded signal),
 * then overlap-adds what is left. Pauses would otherwise dominate the average with segments in
 * which there is nothing to understand.
 */
function removeSilentFrames(clean: Float32Array, degraded: Float32Array): { clean: Float64Array; degraded: Float64Array } {
  const window = hannWindow(FRAME_LENGTH);
  const frames = frameCountOf(clean.length);
  const energyDb = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let energy = 0;
    for (let n = 0; n < FRAME_LENGTH; n++) energy += (clean[f * HOP + n] * window[n]) ** 2;
    energyDb[f] = 10 * Math.log10(energy + EPS);
  }
  const loudest = energyDb.reduce((max, e) => Math.max(max, e), -Infinity);
  const kept: number[] = [];
  for (let f = 0; f < frames; f++) if (energyDb[f] > loudest - DYNAMIC_RANGE_DB) kept.push(f);

  const outLength = kept.length === 0 ? 0 : (kept.length - 1) * HOP + FRAME_LENGTH;
  const cleanOut = new Float64Array(outLength);
  const degradedOut = new Float64Array(outLength);
  kept.forEach((f, index) => {
    for (let n = 0; n < FRAME_LENGTH; n++) {
      cleanOut[index * HOP + n] += clean[f * HOP + n] * window[n];
      degradedOut[index * HOP + n] += degraded[f * HOP + n] * window[n];
    }
  });
  return { clean: cleanOut, degraded: degradedOut };
}

/**
 * Short-time power spectra: Hann-windowed frames of 256 samples, hop 128, zero-padded to 512.
 * Returns one array per frame of |X(k)|² for bins k = 0 … 256.
 */
function stft(signal: Float64Array): Float64Array[] {
  const window = hannWindow(FRAME_LENGTH);
  const fft = new FFT(FFT_SIZE);
  const input = new Array<number>(FFT_SIZE).fill(0);
  const spectrum = fft.createComplexArray() as number[];
  const frames: Float64Array[] = [];
  for (let f = 0; f < frameCountOf(signal.length); f++) {
    for (let n = 0; n < FRAME_LENGTH; n++) input[n] = signal[f * HOP + n] * window[n];
    // realTransform fills only the bins up to Nyquist, which are all we need (the rest mirror them).
    fft.realTransform(spectrum, input);
    const power = new Float64Array(FFT_SIZE / 2 + 1);
    for (let k = 0; k <= FFT_SIZE / 2; k++) power[k] = spectrum[2 * k] ** 2 + spectrum[2 * k + 1] ** 2;
    frames.push(power);
  }
  return frames;
}

/**
 * Groups FFT bins into 15 one-third-octave bands (centres 150 Hz · 2^(i/3), edges a sixth of an
 * octave either side, each edge rounded to the nearest bin). Returns, per band, the envelope over
 * frames: the square root of the band's summed power.
 */
function thirdOctaveBands(powerFrames: readonly Float64Array[]): Float64Array[] {
  const binHz = ANALYSIS_RATE / FFT_SIZE;
  const bands: Float64Array[] = [];
  for (let band = 0; band < BAND_COUNT; band++) {
    const centre = LOWEST_CENTRE_HZ * 2 ** (band / 3);
    const low = Math.round((centre * 2 ** (-1 / 6)) / binHz);
    const high = Math.round((centre * 2 ** (1 / 6)) / binHz);
    const envelope = new Float64Array(powerFrames.length);
    powerFrames.forEach((power, f) => {
      let sum = 0;
      for (let k = low; k < high; k++) sum += power[k];
      envelope[f] = Math.sqrt(sum);
    });
    bands.push(envelope);
  }
  return bands;
}

/**
 * The intermediate intelligibility of one band over one segment: scale the degraded envelope to the
 * clean one's energy (so a gain change costs nothing), clip it where it exceeds the clean envelope
 * by more than the β bound (so one loud noise burst cannot dominate), then take the correlation
 * coefficient of the two.
 */
function segmentCorrelation(clean: Float64Array, degraded: Float64Array): number {
  const scale = Math.sqrt(sumOfSquares(clean) / (sumOfSquares(degraded) + EPS));
  const clipped = new Float64Array(degraded.length);
  for (let i = 0; i < degraded.length; i++) clipped[i] = Math.min(degraded[i] * scale, clean[i] * CLIP_FACTOR);
  return correlation(clean, clipped);
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return sum;
}

function correlation(a: Float64Array, b: Float64Array): number {
  const meanA = a.reduce((s, v) => s + v, 0) / a.length;
  const meanB = b.reduce((s, v) => s + v, 0) / b.length;
  let cross = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < a.length; i++) {
    cross += (a[i] - meanA) * (b[i] - meanB);
    varA += (a[i] - meanA) ** 2;
    varB += (b[i] - meanB) ** 2;
  }
  return cross / (Math.sqrt(varA * varB) + EPS);
}
