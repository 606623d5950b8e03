import { describe, expect, it } from 'vitest';
import { followDevice } from '../../../../renderer/audio/audio-devices';
import { rmsLevel, SilenceDetector } from '../../../../renderer/features/softphone/mic-level-meter';

describe('device fallback on devicechange', () => {
  const list = [
    { id: 'default', label: '默认' },
    { id: 'headset', label: '耳麦' },
  ];
  it('keeps a device that is still there and falls back (and says so) when it is gone', () => {
    expect(followDevice('headset', list)).toEqual({ id: 'headset', changed: false });
    expect(followDevice('headset', list.slice(0, 1))).toEqual({ id: 'default', changed: true });
    expect(followDevice('default', [])).toEqual({ id: 'default', changed: false });
  });
});

describe('silent microphone detection', () => {
  it('measures RMS level', () => {
    expect(rmsLevel(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5);
    expect(rmsLevel(new Float32Array(0))).toBe(0);
  });

  it('calls a mic silent only after the whole window is quiet; speech pauses are not silence', () => {
    const d = new SilenceDetector(0.01, 5000);
    expect(d.push(0.001, 0)).toBe(false);
    expect(d.push(0.001, 4000)).toBe(false);
    expect(d.push(0.2, 4500)).toBe(false);
    expect(d.push(0.001, 9000)).toBe(false);
    expect(d.push(0.001, 14_500)).toBe(true);
  });
});
