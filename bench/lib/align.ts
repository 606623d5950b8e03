/**
 * Time alignment of two recordings of the same audio that started a few hundred milliseconds
 * apart (two recorders started one after the other): STOI compares frame by frame, so a lag of even
 * one 12.8 ms frame would be measured as lost intelligibility.
 */

/** RMS per block of `block` samples. */
function blockRms(x: Float32Array, block: number): Float64Array {
  const out = new Float64Array(Math.floor(x.length / block));
  for (let b = 0; b < out.length; b++) {
    let s = 0;
    for (let i = b * block; i < (b + 1) * block; i++) s += x[i]! * x[i]!;
    out[b] = Math.sqrt(s / block);
  }
  return out;
}

/** Normalised correlation of `a[i]` with `b[i + lag]` over their overlap. */
function correlationAt(a: ArrayLike<number>, b: ArrayLike<number>, lag: number, from = 0, to = a.length): number {
  let num = 0;
  let ea = 0;
  let eb = 0;
  for (let i = Math.max(from, -lag); i < Math.min(to, b.length - lag); i++) {
    const x = a[i]!;
    const y = b[i + lag]!;
    num += x * y;
    ea += x * x;
    eb += y * y;
  }
  return ea === 0 || eb === 0 ? 0 : num / Math.sqrt(ea * eb);
}

/**
 * The lag (in samples) at which `b` best matches `a` — `b[i + lag]` ≈ `a[i]` — searched within
 * ±`maxLag`: first on 10 ms energy envelopes (cheap over a wide range), then sample by sample
 * within ±2 blocks of the coarse answer.
 */
function bestLag(a: Float32Array, b: Float32Array, sampleRate: number, maxLag: number): number {
  const block = Math.round(sampleRate / 100);
  const ea = blockRms(a, block);
  const eb = blockRms(b, block);
  const maxBlocks = Math.ceil(maxLag / block);
  let coarse = 0;
  let best = -Infinity;
  for (let l = -maxBlocks; l <= maxBlocks; l++) {
    const c = correlationAt(ea, eb, l);
    if (c > best) [best, coarse] = [c, l];
  }
  // Fine search on a few seconds from the middle, enough to pin the lag to one sample.
  const mid = Math.floor(a.length / 2);
  const span = Math.min(mid, 3 * sampleRate);
  let lag = coarse * block;
  best = -Infinity;
  for (let l = coarse * block - 2 * block; l <= coarse * block + 2 * block; l++) {
    const c = correlationAt(a, b, l, mid - span, mid + span);
    if (c > best) [best, lag] = [c, l];
  }
  return lag;
}

/**
 * `a` and `b` aligned block by block: each `blockSeconds` stretch of `a` with the stretch of `b`
 * that matches it best within ±`slack` samples of the overall lag, the pairs joined again. Two
 * recorders of one call do not stay sample-locked (each MediaRecorder buffers on its own, and a
 * busy machine makes one of them skip), and a slow slip would be scored as lost speech.
 */
export function alignBlockwise(
  a: Float32Array,
  b: Float32Array,
  sampleRate: number,
  blockSeconds: number,
  maxLag: number,
  slack: number,
): [Float32Array, Float32Array] {
  const lag = bestLag(a, b, sampleRate, maxLag);
  const block = Math.round(blockSeconds * sampleRate);
  const outA: Float32Array[] = [];
  const outB: Float32Array[] = [];
  for (let start = Math.max(slack - lag, 0); start + block + lag + slack <= b.length && start + block <= a.length; start += block) {
    let best = -Infinity;
    let at = lag;
    for (let l = lag - slack; l <= lag + slack; l++) {
      const c = correlationAt(a, b, l, start, start + block);
      if (c > best) [best, at] = [c, l];
    }
    outA.push(a.subarray(start, start + block));
    outB.push(b.subarray(start + at, start + at + block));
  }
  return [concat(outA), concat(outB)];
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
