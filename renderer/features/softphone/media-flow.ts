/*
 * Whether the customer's audio actually arrives. A call can be "established" in SIP and in ICE while
 * no media flows (DTLS never completes on a candidate pair the far end does not use, a one-way NAT,
 * a far end that stops sending): the agent would talk into silence and the recording would hold a
 * silent customer channel. This watch decides from the received-packet counter and the peer
 * connection's state, sampled about once a second:
 *
 *   waiting ──packets arrive──▶ flowing ──no new packets for STALL_MS──▶ no_media(stopped)
 *      │                           ▲                                        │
 *      └──none within FIRST_MS──▶ no_media(no_rtp | not_connected) ──packets arrive──┘
 *
 * Pure: the controller feeds samples and acts on the transitions it returns.
 */

/** No packet at all this long after answer → no media. */
export const FIRST_PACKET_MS = 3000;
/** Packets stop this long mid-call → no media. */
export const STALL_MS = 3000;

/** Why no media flows: none ever arrived with the connection up, the secure media link never came up, or packets stopped. */
export type NoMediaReason = 'no_rtp' | 'not_connected' | 'stopped';

export type MediaFlow =
  | { readonly phase: 'waiting'; readonly answeredAt: number }
  | { readonly phase: 'flowing'; readonly packets: number; readonly lastPacketAt: number }
  | { readonly phase: 'no_media'; readonly reason: NoMediaReason; readonly since: number; readonly packets: number };

/** One reading: packets received so far and whether the peer connection (ICE + DTLS) is connected. */
export interface FlowSample {
  readonly at: number;
  readonly packetsReceived: number;
  readonly connected: boolean;
}

export function startFlow(answeredAt: number): MediaFlow {
  return { phase: 'waiting', answeredAt };
}

/** The next state after a sample. Returns the same object when nothing changed. */
export function nextFlow(flow: MediaFlow, s: FlowSample): MediaFlow {
  switch (flow.phase) {
    case 'waiting':
      if (s.packetsReceived > 0) return { phase: 'flowing', packets: s.packetsReceived, lastPacketAt: s.at };
      if (s.at - flow.answeredAt >= FIRST_PACKET_MS)
        return { phase: 'no_media', reason: s.connected ? 'no_rtp' : 'not_connected', since: flow.answeredAt, packets: 0 };
      return flow;
    case 'flowing':
      if (s.packetsReceived > flow.packets) return { phase: 'flowing', packets: s.packetsReceived, lastPacketAt: s.at };
      if (s.at - flow.lastPacketAt >= STALL_MS) return { phase: 'no_media', reason: 'stopped', since: flow.lastPacketAt, packets: flow.packets };
      return flow;
    case 'no_media':
      if (s.packetsReceived > flow.packets) return { phase: 'flowing', packets: s.packetsReceived, lastPacketAt: s.at };
      return flow;
    default: {
      const never: never = flow;
      return never;
    }
  }
}

/** A span of the call without the customer's audio (for the session, the recording and QA). */
export interface NoMediaSpan {
  readonly reason: NoMediaReason;
  /** ms epoch: answer (nothing ever came) or the last packet before they stopped. */
  readonly from: number;
  /** ms epoch when audio came back, or null while it is still missing (or the call ended without it). */
  readonly to: number | null;
}
