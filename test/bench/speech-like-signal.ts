/**
 * Synthetic test signals for the STOI tests, generated in code so that no recording is needed.
 *
 * Each signal is a closed-form function of time, so the same signal can be rendered at any sample
 * rate: that is what lets a test compare 48 kHz and 16 kHz inputs of one and the same speech.
 */

interface Talker {
  /** Mean fundamental frequency, Hz. */
  pitchHz: number;
  /** Syllables per second: the envelope's modulation rate, which STOI is built to follow. */
  syllableRateHz: number;
  /** Shifts the talker's pitch contour, formant movement and pauses, so two talkers differ. */
  seed: number;
}

/** The talker the tests treat as the clean speech: 120 Hz voice, 4 syllables a second. */
export const TALKER: Talker = { pitchHz: 120, syllableRateHz: 4, seed: 1 };
/** A second talker, unrelated to the first, used as a competing voice. */
export const OTHER_TALKER: Talker = { pitchHz: 195, syllableRateHz: 3.3, seed: 7 };

/** Harmonics stay below 4.5 kHz, which keeps them under the Nyquist frequency of a 16 kHz render. */
const HIGHEST_HARMONIC_HZ = 4500;

/**
 * A voiced, speech-like signal: harmonics of a gliding fundamental, with a spectral envelope whose
 * two "formants" move from syllable to syllable, amplitude-modulated at the syllable rate, and a
 * pause of about 0.35 s after every phrase of about 1.5 s (so silent-frame removal has work to do).
 * Peak amplitude about 0.5.
 */
export function speechLike(talker: Talker, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const harmonics = Math.floor(HIGHEST_HARMONIC_HZ / (talker.pitchHz * 1.15));
  const glideHz = 0.1 * talker.pitchHz;
  const glideRate = 0.7 + 0.05 * talker.seed;
  for (let n = 0; n < out.length; n++) {
    const t = n / sampleRate;
    // Phase of the fundamental: the integral of pitchHz + glideHz·sin(2π·glideRate·t).
    const phase = 2 * Math.PI * talker.pitchHz * t - (glideHz / glideRate) * Math.cos(2 * Math.PI * glideRate * t);
    const syllable = t * talker.syllableRateHz;
    const firstFormant = 500 + 250 * Math.sin(1.7 * Math.floor(syllable) + talker.seed);
    const secondFormant = 1500 + 700 * Math.sin(2.3 * Math.floor(syllable) + 2 * talker.seed);
    let sample = 0;
    for (let h = 1; h <= harmonics; h++) {
      const frequency = h * talker.pitchHz;
      const gain = formant(frequency, firstFormant, 200) + 0.6 * formant(frequency, secondFormant, 300) + 0.05;
      sample += (gain / Math.sqrt(h)) * Math.sin(h * phase + 0.3 * h * h);
    }
    out[n] = 0.12 * sample * syllableEnvelope(syllable) * phraseEnvelope(t, talker.seed);
  }
  return out;
}

/** A resonance peak: 1 at its centre, falling off over about `widthHz`. */
function formant(frequency: number, centre: number, widthHz: number): number {
  const d = (frequency - centre) / widthHz;
  return 1 / (1 + d * d);
}

/** Each syllable swells and fades: a raised sine over the syllable, silent at its boundaries. */
function syllableEnvelope(syllable: number): number {
  return Math.sin(Math.PI * (syllable % 1)) ** 2;
}

/** Phrases of speech separated by pauses; the phrase length shifts slightly with the seed. */
function phraseEnvelope(t: number, seed: number): number {
  const period = 1.85 + 0.1 * seed;
  return t % period < period - 0.35 ? 1 : 0;
}

/** Deterministic white Gaussian noise (mulberry32 generator, Box–Muller transform), unit variance. */
export function whiteNoise(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) {
    const u = 1 - uniform(); // in (0, 1], so the logarithm is finite
    out[n] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}

/** `signal` plus `noise` scaled so that the signal-to-noise power ratio is `snrDb`. */
export function mixAtSnr(signal: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const gain = Math.sqrt(power(signal) / power(noise) / 10 ** (snrDb / 10));
  return signal.map((s, n) => s + gain * noise[n]);
}

/** Mean power of a signal. */
export function power(signal: Float32Array): number {
  let sum = 0;
  for (const s of signal) sum += s * s;
  return sum / signal.length;
}

/** A pure tone. */
export function sine(frequencyHz: number, amplitude: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let n = 0; n < out.length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / sampleRate);
  return out;
}
