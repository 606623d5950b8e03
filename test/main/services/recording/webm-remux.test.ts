import { describe, expect, it } from 'vitest';
import { remuxWebm } from '../../../../main/services/recording/webm-remux';
import { decodedSeconds, liveWebm, probe, splitChunks } from './support';

// A Chrome-like recording: ffmpeg `-live 1` to a pipe writes unknown sizes and no Duration, as
// Chrome's MediaRecorder does (INFRA.md).
const SECONDS = 6;
const source = liveWebm(SECONDS);

describe('WebM duration fix-up (remux of MediaRecorder chunks)', () => {
  it('the fixture really lacks a duration', () => {
    expect(probe(source).duration).toBeNull();
  });

  it('writes the real duration into Segment Info; ffprobe reads it and the file decodes as stereo Opus', async () => {
    const pieces = splitChunks(source, 977).map((data) => ({ data, afterLoss: false }));
    const { webm, durationMs } = await remuxWebm(pieces);
    const p = probe(webm);
    expect(p.codec).toBe('opus');
    expect(p.channels).toBe(2);
    expect(p.duration).not.toBeNull();
    expect(Math.abs(p.duration! - SECONDS)).toBeLessThan(0.1);
    expect(Math.abs(durationMs / 1000 - SECONDS)).toBeLessThan(0.1);
    expect(Math.abs(decodedSeconds(webm) - SECONDS)).toBeLessThan(0.1);
  });

  it('a torn tail (crash mid-chunk) is cut at the last complete block and the rest still plays', async () => {
    const cut = source.subarray(0, Math.floor(source.length * 0.7));
    const { webm, durationMs } = await remuxWebm([{ data: cut, afterLoss: false }]);
    const p = probe(webm);
    expect(p.duration).toBeGreaterThan(SECONDS * 0.6);
    expect(p.duration).toBeLessThan(SECONDS * 0.8);
    expect(Math.abs(decodedSeconds(webm) - durationMs / 1000)).toBeLessThan(0.1);
  });

  it('a lost chunk in the middle is skipped up to the next cluster; later audio keeps its time', async () => {
    const chunks = splitChunks(source, 2000);
    const lost = Math.floor(chunks.length / 2);
    const pieces = chunks.filter((_, i) => i !== lost).map((data, i) => ({ data, afterLoss: i === lost }));
    const { webm, durationMs } = await remuxWebm(pieces);
    expect(Math.abs(durationMs / 1000 - SECONDS)).toBeLessThan(0.1);
    expect(probe(webm).duration).toBeCloseTo(durationMs / 1000, 1);
    // Some audio around the loss is gone, but what remains decodes without errors.
    // (A 2000-byte chunk is ≈ 0.33 s; resynchronising on the next cluster may cost up to one cluster.)
    const decoded = decodedSeconds(webm);
    expect(decoded).toBeGreaterThan(SECONDS - 2);
    expect(decoded).toBeLessThan(SECONDS - 0.2);
  });

  it('streaming: the output does not depend on where the chunk boundaries fall (1 byte to 64 KiB pieces)', async () => {
    const whole = (await remuxWebm([{ data: source, afterLoss: false }])).webm;
    for (const size of [1, 13, 977, 64 * 1024]) {
      const pieces = splitChunks(source, size).map((data) => ({ data, afterLoss: false }));
      expect((await remuxWebm(pieces)).webm.equals(whole)).toBe(true);
    }
  });

  it('rejects bytes that are not WebM', async () => {
    await expect(remuxWebm([{ data: Buffer.from('hello world'), afterLoss: false }])).rejects.toThrow(/WebM/);
  });
});
