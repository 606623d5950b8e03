import { resample } from '../../bench/lib/resample';
import { stoi } from '../../bench/lib/stoi';
import { mixAtSnr, OTHER_TALKER, power, sine, speechLike, TALKER, whiteNoise } from './speech-like-signal';

// Rules from Taal, Hendriks, Heusdens, Jensen, "An Algorithm for Intelligibility Prediction of
// Time–Frequency Weighted Noisy Speech", IEEE TASLP 19(7), 2011 ("the paper" below). The bounds
// were set from measured values (shown beside each) with a margin, on synthetic speech-like signals.

const RATE = 48_000;
const SECONDS = 5;
const clean = speechLike(TALKER, SECONDS, RATE);

describe('STOI', () => {
  it('scores speech compared with itself as fully intelligible (every envelope correlates perfectly with itself)', () => {
    // measured 1.0000
    expect(stoi(clean, clean, RATE)).toBeGreaterThanOrEqual(0.999);
  });

  it('ignores a change of gain alone (the paper normalises the degraded envelope to the clean energy before clipping)', () => {
    // measured 1.0000
    expect(
      stoi(
        clean,
        clean.map((s) => 0.5 * s),
        RATE,
      ),
    ).toBeGreaterThanOrEqual(0.999);
    // On noisy speech the clip bites, so only the normalisation makes the score independent of gain.
    const noisy = mixAtSnr(clean, whiteNoise(clean.length, 42), 0);
    const reference = stoi(clean, noisy, RATE);
    for (const gain of [0.1, 4])
      expect(
        stoi(
          clean,
          noisy.map((s) => gain * s),
          RATE,
        ),
      ).toBeCloseTo(reference, 6);
  });

  it('falls as white noise rises through +20, 0 and −10 dB SNR (the paper: STOI tracks the intelligibility of noisy speech)', () => {
    const noise = whiteNoise(clean.length, 42);
    const [plus20, zero, minus10] = [20, 0, -10].map((snr) => stoi(clean, mixAtSnr(clean, noise, snr), RATE));
    // measured 0.995, 0.892, 0.716 (SNR over the full 48 kHz band, pauses included, so the SNR
    // inside STOI's 150 Hz – 4.3 kHz bands is several dB better than the nominal figure)
    expect(plus20).toBeGreaterThan(zero);
    expect(zero).toBeGreaterThan(minus10);
    expect(plus20).toBeGreaterThanOrEqual(0.97);
    expect(zero).toBeGreaterThan(0.82);
    expect(zero).toBeLessThan(0.95);
    expect(minus10).toBeGreaterThan(0.6);
    expect(minus10).toBeLessThan(0.8);
  });

  it('scores noise unrelated to the speech low (no shared envelope, nothing to understand)', () => {
    // measured 0.319 (white noise), 0.207 (another talker). Not near 0: clipping the degraded
    // envelope at (1 + 10^(−β/20)) × the clean one makes it follow the clean envelope's deep
    // troughs, whatever the noise; without the clip the same signals measure 0.02 and 0.10.
    expect(stoi(clean, whiteNoise(clean.length, 42), RATE)).toBeLessThan(0.45);
    expect(stoi(clean, speechLike(OTHER_TALKER, SECONDS, RATE), RATE)).toBeLessThan(0.35);
  });

  it('gives the same score for the same signals at 48 kHz and at 16 kHz (both are resampled to 10 kHz)', () => {
    // A competing talker rather than random noise: closed-form, so it is the same signal at both rates.
    const scoreAt = (rate: number): number => {
      const speech = speechLike(TALKER, SECONDS, rate);
      const other = speechLike(OTHER_TALKER, SECONDS, rate);
      return stoi(
        speech,
        speech.map((s, n) => s + other[n]),
        rate,
      );
    };
    const at48k = scoreAt(48_000);
    const at16k = scoreAt(16_000);
    // measured 0.7651 and 0.7649
    expect(at48k).toBeGreaterThan(0.6);
    expect(at48k).toBeLessThan(0.9);
    expect(Math.abs(at48k - at16k)).toBeLessThanOrEqual(0.02);
  });

  it('refuses a signal with less than one 30-frame segment of speech, saying it is too short', () => {
    const short = speechLike(TALKER, 0.3, RATE);
    expect(() => stoi(short, short, RATE)).toThrow(/too short.*at least 30/);
  });
});

describe('resample to 10 kHz', () => {
  // Skip the filter's start-up and run-out at the ends of the output.
  const middle = (signal: Float32Array): Float32Array => signal.subarray(1000, signal.length - 1000);

  it('keeps a 1 kHz tone at 1 kHz with its amplitude within 1 % (a band-limited resampler passes the band)', () => {
    const out = middle(resample(sine(1000, 0.8, 1, 48_000), 48_000, 10_000));
    // measured 1000.00 Hz and 0.80000
    expect(frequencyByZeroCrossings(out, 10_000)).toBeCloseTo(1000, 0);
    expect(Math.abs(Math.sqrt(2 * power(out)) - 0.8) / 0.8).toBeLessThan(0.01);
  });

  it.each([48_000, 16_000])('attenuates a 7 kHz tone from %i Hz by at least 40 dB (it would alias to 3 kHz)', (rate) => {
    const tone = sine(7000, 0.8, 1, rate);
    const out = middle(resample(tone, rate, 10_000));
    // measured −95.7 dB from 48 kHz
    expect(10 * Math.log10(power(out) / power(tone))).toBeLessThanOrEqual(-40);
  });

  it('turns one second at 48 kHz into one second at 10 kHz', () => {
    expect(resample(new Float32Array(48_000), 48_000, 10_000)).toHaveLength(10_000);
  });
});

/** Frequency from the rising zero crossings, each placed between samples by linear interpolation. */
function frequencyByZeroCrossings(signal: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let n = 1; n < signal.length; n++) {
    if (signal[n - 1] < 0 && signal[n] >= 0) crossings.push(n - 1 + signal[n - 1] / (signal[n - 1] - signal[n]));
  }
  const cycles = crossings.length - 1;
  return (cycles * sampleRate) / (crossings[crossings.length - 1] - crossings[0]);
}
