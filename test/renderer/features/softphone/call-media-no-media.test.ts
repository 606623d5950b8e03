import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Web } from 'sip.js';
import { CallMedia } from '../../../../renderer/features/softphone/call-media';
import type { NoMediaSpan } from '../../../../renderer/features/softphone/media-flow';
import type { SoftphoneAction } from '../../../../renderer/features/softphone/softphone-state';

/** A peer connection whose getStats reports `received` inbound audio packets. */
function fakeCall(connectionState: RTCPeerConnectionState = 'connected') {
  let received = 0;
  let direction: RTCRtpTransceiverDirection = 'sendrecv';
  const pc = {
    connectionState,
    getTransceivers: () => [{ receiver: { track: { kind: 'audio' } }, currentDirection: direction }],
    iceConnectionState: 'connected',
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    getStats: async () => ({
      forEach: (cb: (s: Record<string, unknown>) => void) => {
        cb({ type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: 0, jitter: 0.001 });
        cb({ type: 'outbound-rtp', kind: 'audio', packetsSent: 500 });
        cb({ type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.001 });
      },
    }),
  };
  const sdh = { peerConnection: pc, remoteMediaStream: new MediaStream(), localMediaStream: new MediaStream() } as unknown as Web.SessionDescriptionHandler;
  const actions: SoftphoneAction[] = [];
  const spans: NoMediaSpan[] = [];
  const media = new CallMedia(
    sdh,
    { dispatch: (a) => actions.push(a), devices: () => ({ microphoneId: 'default', speakerId: 'default', ringerId: 'default' }) as never },
    {
      onIceFailed: () => undefined,
      onNetworkSuspect: () => undefined,
      onNoMedia: (span) => spans.push(span),
    },
    Date.now(),
  );
  return { media, actions, spans, setReceived: (n: number) => (received = n), setDirection: (d: RTCRtpTransceiverDirection) => (direction = d) };
}
const notices = (actions: SoftphoneAction[]) => actions.flatMap((a) => (a.type === 'notice' ? [`${a.level}:${a.text}`] : []));
const qualities = (actions: SoftphoneAction[]) => actions.flatMap((a) => (a.type === 'quality' && a.quality ? [a.quality] : []));

describe('the agent is told at once when the customer cannot be heard (silent calls never pass as good ones)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'MediaStream',
      class {
        getAudioTracks() {
          return [];
        }
        getTracks() {
          return [];
        }
      },
    );
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('no packets after answer with DTLS still connecting: an error notice within 5 s, "no media" instead of a MOS, and a span', async () => {
    const call = fakeCall('connecting');
    call.media.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(notices(call.actions).filter((n) => n.startsWith('error:'))).toEqual([expect.stringMatching(/^error:对方听不到\/无声音：语音通道未建立/)]);
    expect(qualities(call.actions).every((q) => q.noMedia && q.mos === null)).toBe(true);
    expect(call.spans).toHaveLength(1);
    expect(call.media.noMediaSpans()[0]).toMatchObject({ reason: 'not_connected', to: null });
    call.media.stop();
  });

  it('audio that stops mid-call is noticed, and its return closes the span', async () => {
    const call = fakeCall();
    call.media.start();
    call.setReceived(100);
    await vi.advanceTimersByTimeAsync(2000);
    expect(call.spans).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(call.media.noMediaSpans()).toEqual([expect.objectContaining({ reason: 'stopped', to: null })]);
    call.setReceived(200);
    await vi.advanceTimersByTimeAsync(1000);
    expect(call.media.noMediaSpans()[0].to).not.toBeNull();
    expect(notices(call.actions).at(-1)).toBe('info:对方的声音已恢复');
    call.media.stop();
  });

  it('silence while the call is on hold is expected, not a media failure', async () => {
    const call = fakeCall();
    call.media.start();
    call.setReceived(100);
    await vi.advanceTimersByTimeAsync(1000);
    call.media.setHeld(true);
    await vi.advanceTimersByTimeAsync(10_000);
    call.media.setHeld(false);
    call.setReceived(150);
    await vi.advanceTimersByTimeAsync(1000);
    expect(call.spans).toHaveLength(0);
    call.media.stop();
  });

  it('silence while the far end holds the call (its re-INVITE said sendonly or inactive) is not a media failure; after its resume a stall is', async () => {
    // Seen with baresip, a non-browser peer (test/e2e/sip-peer.test.ts): on hold it sends nothing.
    const call = fakeCall();
    call.media.start();
    call.setReceived(100);
    await vi.advanceTimersByTimeAsync(1000);
    call.setDirection('recvonly');
    await vi.advanceTimersByTimeAsync(5000);
    call.setDirection('inactive');
    await vi.advanceTimersByTimeAsync(5000);
    expect(call.spans).toHaveLength(0);
    call.setDirection('sendrecv');
    await vi.advanceTimersByTimeAsync(5000);
    expect(call.media.noMediaSpans()).toEqual([expect.objectContaining({ reason: 'stopped', to: null })]);
    call.media.stop();
  });
});
