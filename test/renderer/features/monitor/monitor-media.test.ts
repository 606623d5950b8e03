import { describe, expect, it, vi } from 'vitest';
import type { Web } from 'sip.js';
import { monitorAwareMediaStreamFactory } from '../../../../renderer/features/monitor/monitor-media';
import { mixCallAudio } from '../../../../renderer/audio/call-audio-mix';
import { FakeMixContext, fakeStream } from './support/monitor-sip';

/** A handler whose peer connection records transceivers added. */
function handler() {
  const transceivers: { receiver: { track: { kind: string } }; direction: string }[] = [];
  const pc = {
    getTransceivers: () => transceivers,
    addTransceiver: (kind: string, init: { direction: string }) => transceivers.push({ receiver: { track: { kind } }, direction: init.direction }),
  };
  return { sdh: { peerConnection: pc } as unknown as Web.SessionDescriptionHandler, transceivers };
}

describe('the softphone’s media stream factory (listen-in legs)', () => {
  it('ordinary calls open the microphone through the fallback, with the constraints given', async () => {
    const mic = fakeStream('mic');
    const fallback = vi.fn(async () => mic);
    const { sdh } = handler();
    expect(await monitorAwareMediaStreamFactory(fallback)({ audio: true }, sdh, { constraints: { audio: true } })).toBe(mic);
    expect(fallback).toHaveBeenCalledWith({ audio: true }, sdh, { constraints: { audio: true } });
  });

  it('the agent desk’s leg sends the mix it is given and never opens the microphone', async () => {
    const mix = fakeStream('mix');
    const fallback = vi.fn();
    const { sdh } = handler();
    expect(await monitorAwareMediaStreamFactory(fallback)({ audio: true }, sdh, { monitorMedia: { send: mix } } as Web.SessionDescriptionHandlerOptions)).toBe(
      mix,
    );
    expect(fallback).not.toHaveBeenCalled();
  });

  it('the lead’s leg adds one send-receive audio transceiver with no track (even when asked twice): nothing is sent and no microphone opens', async () => {
    const fallback = vi.fn();
    const { sdh, transceivers } = handler();
    class FakeStream {}
    vi.stubGlobal('MediaStream', FakeStream);
    const factory = monitorAwareMediaStreamFactory(fallback);
    const options = { monitorMedia: { coach: true } } as Web.SessionDescriptionHandlerOptions;
    expect(await factory({ audio: false, video: false }, sdh, options)).toBeInstanceOf(FakeStream);
    await factory({ audio: false, video: false }, sdh, options);
    expect(transceivers).toEqual([{ receiver: { track: { kind: 'audio' } }, direction: 'sendrecv' }]);
    expect(fallback).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});

describe('mixing a call’s two sides (shared by the recorder and listen-in)', () => {
  it('stereo: agent left, customer right; mono: both summed into one channel', () => {
    const stereo = new FakeMixContext();
    mixCallAudio(stereo as unknown as AudioContext, fakeStream('agent'), fakeStream('customer'), 'stereo');
    expect(stereo.wiring).toEqual(['agent→merger:0', 'customer→merger:1', 'merger→destination']);
    expect(stereo.destination.channelCount).toBe(2);
    const mono = new FakeMixContext();
    const node = mixCallAudio(mono as unknown as AudioContext, fakeStream('agent'), fakeStream('customer'), 'mono');
    expect(mono.wiring).toEqual(['agent→destination', 'customer→destination']);
    expect(node.channelCount).toBe(1);
  });

  it('a barging lead’s voice joins the recording’s agent channel (left), never the customer’s', () => {
    const stereo = new FakeMixContext();
    let connect: ((s: MediaStream) => () => void) | null = null;
    mixCallAudio(stereo as unknown as AudioContext, fakeStream('agent'), fakeStream('customer'), 'stereo', (c) => (connect = c));
    connect!(fakeStream('lead'));
    expect(stereo.wiring).toEqual(['agent→merger:0', 'customer→merger:1', 'merger→destination', 'lead→merger:0']);
  });
});
