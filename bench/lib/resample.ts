/**
 * Band-limited sample-rate conversion by a rational factor (polyphase windowed-sinc).
 *
 * STOI works at 10 kHz, and the recordings arrive at 48 kHz or 16 kHz. Plain decimation or linear
 * interpolation would fold everything above 5 kHz back into the 150 Hz – 4.3 kHz bands that STOI
 * measures, so the signal goes through a proper low-pass first.
 */

/** Where the low-pass stops passing, as a fraction of the lower rate's Nyquist frequency. */
const PASSBAND_EDGE = 0.86;
/** Where it must have reached full attenuation: at Nyquist, so nothing aliases. */
const STOPBAND_EDGE = 1.0;
/** Stop-band attenuation the Kaiser window is designed for, in dB. */
const ATTENUATION_DB = 80;

/**
 * Resamples `input` from `fromRate` to `toRate` (both whole numbers of hertz).
 *
 * Output sample n sits at input time n · fromRate / toRate; it is the input convolved with a
 * Kaiser-windowed sinc whose cutoff lies below the lower of the two Nyquist frequencies. Because the
 * ratio is rational (up/down), the fractional offset of an output sample takes only `up` values, so
 * the kernel is tabulated once per offset (one "phase" each) rather than evaluated per sample.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new Error(`resample: rates must be positive whole numbers of hertz, got ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate) return Float32Array.from(input);

  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  const kernel = designKernel(fromRate, toRate, up);

  const outLength = Math.ceil((input.length * up) / down);
  const output = new Float32Array(outLength);
  for (let n = 0; n < outLength; n++) {
    // Exact integer arithmetic: the input index just at or before the output instant, and how far
    // past it (in 1/up steps) the instant lies.
    const position = n * down;
    const base = Math.floor(position / up);
    const taps = kernel.phases[position % up];
    const first = base - kernel.half;
    let sum = 0;
    for (let j = 0; j < taps.length; j++) {
      const k = first + j;
      if (k >= 0 && k < input.length) sum += input[k] * taps[j];
    }
    output[n] = sum;
  }
  return output;
}

interface PolyphaseKernel {
  /** Taps reach this many input samples either side of the output instant. */
  half: number;
  /** phases[p][j] weighs input sample (base − half + j) when the instant is p/up past base. */
  phases: Float64Array[];
}

function designKernel(fromRate: number, toRate: number, up: number): PolyphaseKernel {
  const nyquist = Math.min(fromRate, toRate) / 2;
  // Cutoff in the middle of the transition band, expressed in cycles per input sample.
  const cutoff = (((PASSBAND_EDGE + STOPBAND_EDGE) / 2) * nyquist) / fromRate;
  const transition = ((STOPBAND_EDGE - PASSBAND_EDGE) * nyquist) / fromRate;
  // Kaiser's design formulas (Oppenheim & Schafer, §7.5.3): window shape from the attenuation,
  // length from the attenuation and the transition width.
  const beta = 0.1102 * (ATTENUATION_DB - 8.7);
  const length = Math.ceil((ATTENUATION_DB - 8) / (2.285 * 2 * Math.PI * transition)) + 1;
  const half = Math.ceil(length / 2);

  const phases: Float64Array[] = [];
  for (let p = 0; p < up; p++) {
    const offset = p / up;
    const taps = new Float64Array(2 * half + 1);
    let gain = 0;
    for (let j = 0; j < taps.length; j++) {
      // Distance from the output instant to this input sample, in input samples.
      const distance = j - half - offset;
      const value = 2 * cutoff * sinc(2 * cutoff * distance) * kaiser(distance / (half + 1), beta);
      taps[j] = value;
      gain += value;
    }
    // Every phase passes DC at exactly unit gain, so no phase-dependent ripple appears in the output.
    for (let j = 0; j < taps.length; j++) taps[j] /= gain;
    phases.push(taps);
  }
  return { half, phases };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Kaiser window at position u ∈ [−1, 1] (zero outside). */
function kaiser(u: number, beta: number): number {
  if (Math.abs(u) >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - u * u)) / besselI0(beta);
}

/** Modified Bessel function of the first kind, order 0, by its power series (converges fast here). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; term > sum * 1e-12; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
