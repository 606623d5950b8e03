/** Live quality figures of the current call. */
export interface CallQuality {
  /** Round-trip time in ms (from the far end's RTCP reports). */
  readonly rttMs: number | null;
  /** Interarrival jitter of received audio, ms. */
  readonly jitterMs: number | null;
  /** Share of received packets lost in the last interval, 0–100. */
  readonly lossPct: number | null;
  /** Estimated mean opinion score 1.0–4.5 (E-model approximation). */
  readonly mos: number | null;
  /** True when the agent should be warned (see `isDegraded`). */
  readonly degraded: boolean;
  readonly packetsReceived: number;
  readonly packetsSent: number;
  /** No audio packet arrived in the interval: there is nothing to score (never a perfect MOS). */
  readonly noMedia: boolean;
}

/**
 * Estimates MOS from network figures with a simplified ITU-T G.107 E-model:
 * effective latency = RTT/2 + 2·jitter + 10 ms (codec); R = 93.2 − delay impairment − 2.5·loss%;
 * MOS = 1 + 0.035R + 7·10⁻⁶·R(R−60)(100−R), clamped to [1, 4.5].
 */
export function estimateMos(rttMs: number, jitterMs: number, lossPct: number): number {
  const latency = Math.max(0, rttMs) / 2 + 2 * Math.max(0, jitterMs) + 10;
  let r = latency < 160 ? 93.2 - latency / 40 : 93.2 - (latency - 120) / 10;
  r -= 2.5 * Math.max(0, lossPct);
  r = Math.max(0, Math.min(100, r));
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 100) / 100;
}

/** Thresholds under which the agent sees a quality warning. */
export const QUALITY_LIMITS = { minMos: 3.6, maxLossPct: 5, maxRttMs: 400, maxJitterMs: 50 } as const;

/** True when any figure is past its limit. */
export function isDegraded(q: Pick<CallQuality, 'mos' | 'lossPct' | 'rttMs' | 'jitterMs'>): boolean {
  return (
    (q.mos !== null && q.mos < QUALITY_LIMITS.minMos) ||
    (q.lossPct !== null && q.lossPct > QUALITY_LIMITS.maxLossPct) ||
    (q.rttMs !== null && q.rttMs > QUALITY_LIMITS.maxRttMs) ||
    (q.jitterMs !== null && q.jitterMs > QUALITY_LIMITS.maxJitterMs)
  );
}

/** The audio counters we read from one `getStats()` report. */
export interface AudioCounters {
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly packetsSent: number;
  readonly jitterS: number | null;
  readonly rttS: number | null;
}

/** Extracts audio counters from an RTCStatsReport (inbound-rtp, outbound-rtp, remote-inbound-rtp). */
export function readAudioCounters(report: { forEach(cb: (stat: Record<string, unknown>) => void): void }): AudioCounters {
  let packetsReceived = 0;
  let packetsLost = 0;
  let packetsSent = 0;
  let jitterS: number | null = null;
  let rttS: number | null = null;
  report.forEach((s) => {
    if (s.kind !== undefined && s.kind !== 'audio') return;
    if (s.type === 'inbound-rtp') {
      packetsReceived += num(s.packetsReceived);
      packetsLost += num(s.packetsLost);
      if (typeof s.jitter === 'number') jitterS = s.jitter;
    } else if (s.type === 'outbound-rtp') {
      packetsSent += num(s.packetsSent);
    } else if (s.type === 'remote-inbound-rtp' && typeof s.roundTripTime === 'number') {
      rttS = s.roundTripTime;
    } else if (s.type === 'candidate-pair' && s.nominated === true && rttS === null && typeof s.currentRoundTripTime === 'number') {
      rttS = s.currentRoundTripTime;
    }
  });
  return { packetsReceived, packetsLost, packetsSent, jitterS, rttS };
}

/** Quality over the interval between two counter readings. */
export function qualityBetween(prev: AudioCounters | null, now: AudioCounters): CallQuality {
  const received = now.packetsReceived - (prev?.packetsReceived ?? 0);
  const lost = Math.max(0, now.packetsLost - (prev?.packetsLost ?? 0));
  const lossPct = received + lost > 0 ? Math.round((lost / (received + lost)) * 1000) / 10 : null;
  const rttMs = now.rttS === null ? null : Math.round(now.rttS * 1000);
  const jitterMs = now.jitterS === null ? null : Math.round(now.jitterS * 1000);
  const counts = { packetsReceived: now.packetsReceived, packetsSent: now.packetsSent };
  // Without received packets, RTT and jitter describe nothing the agent hears: no score at all.
  if (received <= 0) return { rttMs, jitterMs: null, lossPct: null, mos: null, degraded: true, noMedia: true, ...counts };
  const mos = rttMs === null && jitterMs === null && lossPct === null ? null : estimateMos(rttMs ?? 0, jitterMs ?? 0, lossPct ?? 0);
  const partial = { rttMs, jitterMs, lossPct, mos };
  return { ...partial, degraded: isDegraded(partial), noMedia: false, ...counts };
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
