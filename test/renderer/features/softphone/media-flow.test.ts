import { describe, expect, it } from 'vitest';
import { FIRST_PACKET_MS, STALL_MS, nextFlow, startFlow, type FlowSample, type MediaFlow } from '../../../../renderer/features/softphone/media-flow';

/** Runs samples from an answer at t=0 and returns the phases (and reasons) seen after each. */
function run(samples: readonly Omit<FlowSample, 'connected'>[] & readonly Partial<FlowSample>[], connected = true): string[] {
  let flow: MediaFlow = startFlow(0);
  return samples.map((s) => {
    flow = nextFlow(flow, { connected, ...s } as FlowSample);
    return flow.phase === 'no_media' ? `no_media:${flow.reason}@${flow.since}` : flow.phase;
  });
}

describe('a connected call whose audio never flows is noticed within seconds, never passed as a good call', () => {
  it.each([
    ['audio arrives at once', [{ at: 1000, packetsReceived: 50 }], true, ['flowing']],
    [
      'nothing arrives with the connection up → no RTP',
      [
        { at: 1000, packetsReceived: 0 },
        { at: FIRST_PACKET_MS, packetsReceived: 0 },
      ],
      true,
      ['waiting', 'no_media:no_rtp@0'],
    ],
    ['nothing arrives and DTLS never connected → not connected', [{ at: FIRST_PACKET_MS, packetsReceived: 0 }], false, ['no_media:not_connected@0']],
    [
      'packets stop mid-call → stopped, from the last packet',
      [
        { at: 1000, packetsReceived: 50 },
        { at: 2000, packetsReceived: 100 },
        { at: 2000 + STALL_MS - 1, packetsReceived: 100 },
        { at: 2000 + STALL_MS, packetsReceived: 100 },
      ],
      true,
      ['flowing', 'flowing', 'flowing', 'no_media:stopped@2000'],
    ],
    [
      'audio coming back ends the no-media span',
      [
        { at: FIRST_PACKET_MS, packetsReceived: 0 },
        { at: FIRST_PACKET_MS + 1000, packetsReceived: 10 },
      ],
      true,
      ['no_media:no_rtp@0', 'flowing'],
    ],
  ])('%s', (_name, samples, connected, phases) => {
    expect(run(samples, connected)).toEqual(phases);
  });

  it('a sample that changes nothing returns the same state (the caller acts only on transitions)', () => {
    const waiting = startFlow(0);
    expect(nextFlow(waiting, { at: 500, packetsReceived: 0, connected: true })).toBe(waiting);
    const silent = nextFlow(waiting, { at: FIRST_PACKET_MS, packetsReceived: 0, connected: true });
    expect(nextFlow(silent, { at: FIRST_PACKET_MS + 1000, packetsReceived: 0, connected: true })).toBe(silent);
  });
});
