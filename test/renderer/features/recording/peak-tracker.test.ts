import { describe, expect, it } from 'vitest';
import { PeakTracker } from '../../../../renderer/features/recording/peak-tracker';
import { manifestPeaks } from '../../../../renderer/features/review/waveform-peaks';

const bytes = (b64: string) => [...atob(b64)].map((c) => c.charCodeAt(0));

describe('the waveform taken while recording (shared/ipc/channels/recording.ts recordingPeaksSchema)', () => {
  it('keeps the largest absolute sample of each 250 ms per side, across frames of any size', () => {
    const t = new PeakTracker();
    // 8 kHz: a bucket is 2000 samples. Agent: 0.5 then a −1 spike in the second bucket, fed in
    // frames of 160 and 1000 samples that straddle the bucket edge.
    const agent = new Float32Array(4000).fill(0.5);
    agent[2500] = -1;
    t.add(0, agent.subarray(0, 160), 8000);
    t.add(0, agent.subarray(160, 1160), 8000);
    t.add(0, agent.subarray(1160), 8000);
    t.add(1, new Float32Array(4000).fill(0.25), 8000);
    const p = t.encode();
    expect(p.bucketMs).toBe(250);
    expect(bytes(p.agent)).toEqual([128, 255]);
    expect(bytes(p.customer)).toEqual([64, 64]);
  });

  it('the player reads it back on one scale for both lanes, the loudest bucket at 1', () => {
    const t = new PeakTracker();
    t.add(0, new Float32Array(2000).fill(0.5), 8000);
    t.add(1, new Float32Array(2000).fill(0.25), 8000);
    const [agent, customer] = manifestPeaks(t.encode());
    expect([...agent!]).toEqual([1]);
    expect(customer![0]).toBeCloseTo(64 / 128, 5);
  });

  it('a silent call is all zeros, not NaN', () => {
    const t = new PeakTracker();
    t.add(0, new Float32Array(100), 48000);
    t.add(1, new Float32Array(100), 48000);
    expect(manifestPeaks(t.encode()).map((c) => [...c])).toEqual([[0], [0]]);
  });
});
