import { describe, expect, it } from 'vitest';
import { estimateMos, isDegraded, qualityBetween, readAudioCounters } from '../../../../renderer/features/softphone/call-quality';

describe('estimated MOS (simplified E-model)', () => {
  it('a clean loopback call scores near the top of the scale', () => {
    expect(estimateMos(1, 1, 0)).toBeGreaterThanOrEqual(4.3);
  });

  it('falls with loss, latency and jitter, and never leaves [1, 4.5]', () => {
    const clean = estimateMos(40, 5, 0);
    expect(estimateMos(40, 5, 3)).toBeLessThan(clean);
    expect(estimateMos(600, 5, 0)).toBeLessThan(clean);
    expect(estimateMos(40, 80, 0)).toBeLessThan(clean);
    expect(estimateMos(5000, 500, 100)).toBe(1);
    expect(estimateMos(0, 0, 0)).toBeLessThanOrEqual(4.5);
  });

  it('10 % loss on a good network is a degraded call', () => {
    const mos = estimateMos(40, 5, 10);
    expect(mos).toBeLessThan(3.6);
    expect(isDegraded({ mos, rttMs: 40, jitterMs: 5, lossPct: 10 })).toBe(true);
    expect(isDegraded({ mos: estimateMos(40, 5, 0), rttMs: 40, jitterMs: 5, lossPct: 0 })).toBe(false);
  });
});

describe('quality from getStats', () => {
  const report = (stats: Record<string, unknown>[]) => ({ forEach: (cb: (s: Record<string, unknown>) => void) => stats.forEach(cb) });

  it('reads audio counters, RTT from remote-inbound-rtp, and ignores video', () => {
    const c = readAudioCounters(
      report([
        { type: 'inbound-rtp', kind: 'audio', packetsReceived: 900, packetsLost: 100, jitter: 0.012 },
        { type: 'inbound-rtp', kind: 'video', packetsReceived: 5000, packetsLost: 0 },
        { type: 'outbound-rtp', kind: 'audio', packetsSent: 950 },
        { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.08 },
      ]),
    );
    expect(c).toEqual({ packetsReceived: 900, packetsLost: 100, packetsSent: 950, jitterS: 0.012, rttS: 0.08 });
  });

  it('computes loss over the interval, not since the call began', () => {
    const first = { packetsReceived: 1000, packetsLost: 0, packetsSent: 1000, jitterS: 0.01, rttS: 0.05 };
    const second = { packetsReceived: 1090, packetsLost: 10, packetsSent: 1100, jitterS: 0.01, rttS: 0.05 };
    const q = qualityBetween(first, second);
    expect(q.lossPct).toBe(10);
    expect(q.rttMs).toBe(50);
    expect(q.jitterMs).toBe(10);
    expect(q.degraded).toBe(true);
    expect(qualityBetween(second, { ...second, packetsReceived: 1190 }).lossPct).toBe(0);
  });

  it('an interval without received audio has no score ("no media"), never a perfect MOS from RTT alone', () => {
    const first = { packetsReceived: 0, packetsLost: 0, packetsSent: 50, jitterS: null, rttS: 0.001 };
    const q = qualityBetween(first, { ...first, packetsSent: 150 });
    expect(q).toMatchObject({ noMedia: true, mos: null, lossPct: null, degraded: true });
    expect(qualityBetween(null, first).noMedia).toBe(true);
  });
});
