/**
 * Opus multistream packets (RFC 7845 §5.1.1, channel mapping family 1): the call recording carries
 * the agent and the customer as two independent mono Opus streams in one stereo track. Coded as
 * one stereo stream, libopus shares bits and stereo parameters between the two sides; below
 * 48 kbit/s that smeared one talker into the other (STOI 0.73–0.89 against a 128 kbit/s recording
 * at 24–32 kbit/s), while two mono streams at 12 kbit/s each kept 0.975 (docs/decisions/0003-recording-two-mono-streams.md;
 * bench/recording.bench.ts).
 */

/** Bytes of an Opus frame-length field (RFC 6716 §3.2.1): one below 252, else two. */
function lengthField(length: number): number[] {
  if (length < 252) return [length];
  const first = 252 + (length & 3);
  return [first, (length - first) >> 2];
}

/** Reads a frame-length field at `at`: the length and the bytes it took. */
function readLength(packet: Uint8Array, at: number): { length: number; size: number } {
  const first = packet[at];
  if (first === undefined) throw new Error('Opus packet truncated in a frame length');
  if (first < 252) return { length: first, size: 1 };
  const second = packet[at + 1];
  if (second === undefined) throw new Error('Opus packet truncated in a frame length');
  return { length: first + 4 * second, size: 2 };
}

/**
 * The packet in self-delimiting framing (RFC 6716 Appendix B): the same frames, with the length
 * of the last frame written out so that another stream's packet can follow it.
 */
export function selfDelimited(packet: Uint8Array): Uint8Array {
  if (packet.length === 0) throw new Error('empty Opus packet');
  const toc = packet[0]!;
  const code = toc & 3;
  let header: number; // bytes kept as they are before the inserted length
  let lastLength: number;
  if (code === 0) {
    header = 1;
    lastLength = packet.length - 1;
  } else if (code === 1) {
    header = 1;
    lastLength = (packet.length - 1) / 2;
    if (!Number.isInteger(lastLength)) throw new Error('Opus code 1 packet with an odd payload');
  } else if (code === 2) {
    const n1 = readLength(packet, 1);
    header = 1 + n1.size;
    lastLength = packet.length - header - n1.length;
  } else {
    const count = packet[1];
    if (count === undefined) throw new Error('Opus code 3 packet without a frame count');
    const frames = count & 0x3f;
    const vbr = (count & 0x80) !== 0;
    let at = 2;
    let padding = 0;
    if (count & 0x40) {
      for (;;) {
        const p = packet[at++];
        if (p === undefined) throw new Error('Opus packet truncated in its padding length');
        padding += p === 255 ? 254 : p;
        if (p !== 255) break;
      }
    }
    let coded = 0;
    if (vbr) {
      for (let i = 0; i < frames - 1; i++) {
        const n = readLength(packet, at);
        at += n.size;
        coded += n.length;
      }
    }
    header = at;
    const data = packet.length - at - padding;
    lastLength = vbr ? data - coded : data / frames;
    if (!Number.isInteger(lastLength)) throw new Error('Opus code 3 CBR packet with uneven frames');
  }
  if (lastLength < 0) throw new Error('Opus packet shorter than its frame lengths');
  const field = lengthField(lastLength);
  const out = new Uint8Array(packet.length + field.length);
  out.set(packet.subarray(0, header), 0);
  out.set(field, header);
  out.set(packet.subarray(header), header + field.length);
  return out;
}

/** One multistream packet: every stream's packet self-delimited except the last (RFC 7845 §5.1.1). */
export function multistreamPacket(packets: readonly Uint8Array[]): Uint8Array {
  const parts = packets.map((p, i) => (i < packets.length - 1 ? selfDelimited(p) : p));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The identification header (RFC 7845 §5.1) of `channels` uncoupled mono streams, channel i from
 * stream i: family 1 (Vorbis order; for two channels, left then right).
 */
export function multistreamOpusHead(channels: number, preSkip: number): Uint8Array {
  const head = new Uint8Array(21 + channels);
  head.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
  const view = new DataView(head.buffer);
  view.setUint8(8, 1); // version
  view.setUint8(9, channels);
  view.setUint16(10, preSkip, true);
  view.setUint32(12, 48000, true); // input sample rate (informational)
  view.setInt16(16, 0, true); // output gain
  view.setUint8(18, 1); // mapping family
  view.setUint8(19, channels); // streams
  view.setUint8(20, 0); // coupled streams
  for (let i = 0; i < channels; i++) view.setUint8(21 + i, i);
  return head;
}

/** The pre-skip of an OpusHead (as an encoder describes its stream), or `fallback` without one. */
export function preSkipOf(head: AllowSharedBufferSource | undefined, fallback = 312): number {
  if (!head) return fallback;
  const bytes = ArrayBuffer.isView(head) ? new Uint8Array(head.buffer, head.byteOffset, head.byteLength) : new Uint8Array(head);
  return bytes.length >= 12 ? bytes[10]! | (bytes[11]! << 8) : fallback;
}
