import { describe, expect, it } from 'vitest';
import { multistreamOpusHead, multistreamPacket, preSkipOf, selfDelimited } from '../../../../renderer/features/recording/opus-multistream';

const bytes = (...b: number[]) => Uint8Array.from(b);
const TOC = 0x78; // config 15 (hybrid, fullband, 20 ms), mono, code 0; each case sets its own code in the low bits

describe('Opus self-delimiting framing (RFC 6716 Appendix B)', () => {
  it('code 0: the single frame’s length is written after the TOC byte', () => {
    expect([...selfDelimited(bytes(TOC, 1, 2, 3))]).toEqual([TOC, 3, 1, 2, 3]);
  });

  it('code 1: the length of one of the two equal frames is written after the TOC byte', () => {
    expect([...selfDelimited(bytes(TOC | 1, 9, 8, 7, 6))]).toEqual([TOC | 1, 2, 9, 8, 7, 6]);
  });

  it('code 2: after the first frame’s length comes the second’s', () => {
    expect([...selfDelimited(bytes(TOC | 2, 1, 0xaa, 0xbb, 0xcc))]).toEqual([TOC | 2, 1, 2, 0xaa, 0xbb, 0xcc]);
  });

  it('code 3 CBR: after the frame count comes the length of each frame', () => {
    expect([...selfDelimited(bytes(TOC | 3, 2, 1, 2, 3, 4))]).toEqual([TOC | 3, 2, 2, 1, 2, 3, 4]);
  });

  it('code 3 VBR with padding: the last frame’s length follows the coded ones; the padding is not counted', () => {
    const count = 0x80 | 0x40 | 2; // VBR, padded, 2 frames
    const packet = bytes(TOC | 3, count, 2, 1, 0xaa, 0xbb, 0xcc, 0, 0);
    expect([...selfDelimited(packet)]).toEqual([TOC | 3, count, 2, 1, 2, 0xaa, 0xbb, 0xcc, 0, 0]);
  });

  it('a frame of 252 bytes or more takes a two-byte length (RFC 6716 §3.2.1): 300 = 252 + 4 × 12', () => {
    const frame = new Uint8Array(300).fill(7);
    const out = selfDelimited(Uint8Array.from([TOC, ...frame]));
    expect([...out.subarray(0, 3)]).toEqual([TOC, 252, 12]);
    expect(out.length).toBe(303);
  });

  it('malformed packets are refused with a reason, not framed wrongly', () => {
    expect(() => selfDelimited(new Uint8Array(0))).toThrow(/empty Opus packet/);
    expect(() => selfDelimited(bytes(TOC | 1, 1, 2, 3))).toThrow(/odd payload/);
    expect(() => selfDelimited(bytes(TOC | 3))).toThrow(/frame count/);
    expect(() => selfDelimited(bytes(TOC | 2, 9, 1))).toThrow(/shorter than its frame lengths/);
  });
});

describe('Opus multistream packets and header (RFC 7845 §5.1, §5.1.1)', () => {
  it('all but the last stream’s packet are self-delimited, the last is kept as it is', () => {
    expect([...multistreamPacket([bytes(TOC, 1, 2), bytes(TOC, 5, 6, 7)])]).toEqual([TOC, 2, 1, 2, TOC, 5, 6, 7]);
  });

  it('the header for the call recording: 2 channels, family 1, 2 streams, none coupled, agent = stream 0 (left), customer = stream 1 (right)', () => {
    const head = multistreamOpusHead(2, 312);
    expect(new TextDecoder().decode(head.subarray(0, 8))).toBe('OpusHead');
    expect([...head.subarray(8, 12)]).toEqual([1, 2, 312 & 0xff, 312 >> 8]);
    expect(new DataView(head.buffer).getUint32(12, true)).toBe(48000);
    expect([...head.subarray(16)]).toEqual([0, 0, 1, 2, 0, 0, 1]);
  });

  it('the pre-skip comes from the encoder’s own header, 312 samples when there is none', () => {
    expect(preSkipOf(multistreamOpusHead(1, 120))).toBe(120);
    expect(preSkipOf(undefined)).toBe(312);
  });
});
