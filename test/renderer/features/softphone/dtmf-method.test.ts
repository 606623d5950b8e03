import { describe, expect, it } from 'vitest';
import { dtmfMethodFor } from '../../../../renderer/features/softphone/dtmf-method';

const answer = (mline: string, rtpmaps: string[]) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', mline, 'c=IN IP4 127.0.0.1', ...rtpmaps.map((r) => `a=rtpmap:${r}`), ''].join('\r\n');

describe('keypad tones reach the far end whatever telephone-event rate it accepts (RFC 4733 §2.1: events use the audio clock)', () => {
  it('a gateway answering Opus/48000 with telephone-event/8000 only gets SIP INFO (RFC 4733 there sends end packets only)', () => {
    expect(dtmfMethodFor(answer('m=audio 9 UDP/TLS/RTP/SAVPF 111 126', ['111 opus/48000/2', '126 telephone-event/8000']))).toBe('info');
  });

  it('a browser answering Opus/48000 with telephone-event/48000 gets RFC 4733', () => {
    expect(
      dtmfMethodFor(answer('m=audio 9 UDP/TLS/RTP/SAVPF 111 110 126', ['111 opus/48000/2', '110 telephone-event/48000', '126 telephone-event/8000'])),
    ).toBe('rfc4733');
  });

  it('a G.711 gateway with telephone-event/8000 gets RFC 4733', () => {
    expect(dtmfMethodFor(answer('m=audio 9 UDP/TLS/RTP/SAVPF 0 101', ['0 PCMU/8000', '101 telephone-event/8000']))).toBe('rfc4733');
  });

  it('no telephone-event, no audio section or no answer yet → SIP INFO', () => {
    expect(dtmfMethodFor(answer('m=audio 9 UDP/TLS/RTP/SAVPF 8', ['8 PCMA/8000']))).toBe('info');
    expect(dtmfMethodFor('v=0\r\nm=video 9 RTP/AVP 96\r\n')).toBe('info');
    expect(dtmfMethodFor(undefined)).toBe('info');
  });
});
