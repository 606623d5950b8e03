import { describe, expect, it } from 'vitest';
import { bucketCount, peaksOf } from '../../../../renderer/features/review/waveform-peaks';

describe('waveform peaks (README "Evidence archive": the QA player)', () => {
  it('each bucket is the loudest sample of its slice, both channels on one scale (a quiet customer looks quiet)', async () => {
    const agent = Float32Array.from([0.125, -0.5, 0.25, 0.25, 0, 0]);
    const customer = Float32Array.from([0, 0.0625, -0.125, 0, 0.25, 0]);
    const [a, c] = await peaksOf([agent, customer], 3);
    expect([...a!]).toEqual([1, 0.5, 0]);
    expect([...c!]).toEqual([0.125, 0.25, 0.5]);
  });

  it('a long recording is scanned in slices that give the event loop back between them', async () => {
    const long = new Float32Array(3 * (1 << 20)).fill(0.5);
    long[long.length - 1] = -1;
    let yields = 0;
    const [p] = await peaksOf([long], 4, async () => void yields++);
    expect(yields).toBe(2);
    expect([...p!]).toEqual([0.5, 0.5, 0.5, 1]);
  });

  it('about four buckets a second, between 600 and 8000', () => {
    expect(bucketCount(95_000)).toBe(600);
    expect(bucketCount(10 * 60_000)).toBe(2400);
    expect(bucketCount(60 * 60_000)).toBe(8000);
  });
});
