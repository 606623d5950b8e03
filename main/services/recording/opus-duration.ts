/**
 * Duration of one Opus packet from its TOC byte (RFC 6716 §3.1), in milliseconds; null when the
 * packet is empty or malformed. Used to end a recording at the end of its last packet.
 */
export function opusPacketDurationMs(packet: Uint8Array): number | null {
  if (packet.length === 0) return null;
  const toc = packet[0]!;
  const config = toc >> 3;
  let frameMs: number;
  if (config < 12) frameMs = [10, 20, 40, 60][config % 4]!;
  else if (config < 16) frameMs = [10, 20][config % 2]!;
  else frameMs = [2.5, 5, 10, 20][config % 4]!;
  const code = toc & 0x03;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code === 3) {
    if (packet.length < 2) return null;
    frames = packet[1]! & 0x3f;
  } else frames = 2;
  return frames === 0 ? null : frameMs * frames;
}
