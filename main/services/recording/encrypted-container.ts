import { openFrame, sealFrame } from './chunk-cipher';

const MAGIC = Buffer.from('HFRECv1\0', 'latin1');
/** Plaintext bytes per frame of the finalised container. */
export const CONTAINER_FRAME_BYTES = 64 * 1024;

/**
 * Encrypts a finalised recording as a chunked AEAD container:
 * magic(8) | frames of (u32 length | nonce | tag | ciphertext). Each frame is bound to the session,
 * its index and whether it is the last one, so truncation, reordering and swapping are detected.
 */
export function sealContainer(key: Buffer, sessionId: string, plain: Buffer): Buffer {
  const parts: Buffer[] = [MAGIC];
  const frames = Math.max(1, Math.ceil(plain.length / CONTAINER_FRAME_BYTES));
  for (let index = 0; index < frames; index++) {
    const slice = plain.subarray(index * CONTAINER_FRAME_BYTES, (index + 1) * CONTAINER_FRAME_BYTES);
    const sealed = sealFrame(key, { stream: 'final', sessionId, index, tag: index === frames - 1 ? 1 : 0 }, slice);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(sealed.length, 0);
    parts.push(head, sealed);
  }
  return Buffer.concat(parts);
}

/** Decrypts a container; throws on any alteration, truncation or foreign frame. */
export function openContainer(key: Buffer, sessionId: string, sealed: Buffer): Buffer {
  if (sealed.length < MAGIC.length || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('不是录音加密文件 (not a recording container)');
  }
  const out: Buffer[] = [];
  let pos = MAGIC.length;
  let index = 0;
  let sawLast = false;
  while (pos < sealed.length) {
    if (sawLast) throw new Error('录音文件末尾有多余数据 (data after the last frame)');
    if (pos + 4 > sealed.length) throw new Error('录音文件被截断 (truncated)');
    const length = sealed.readUInt32BE(pos);
    const end = pos + 4 + length;
    if (end > sealed.length) throw new Error('录音文件被截断 (truncated)');
    const isLast = end === sealed.length;
    try {
      out.push(openFrame(key, { stream: 'final', sessionId, index, tag: isLast ? 1 : 0 }, sealed.subarray(pos + 4, end)));
    } catch {
      throw new Error(`录音文件校验失败，可能被篡改 (frame ${index} failed authentication)`);
    }
    sawLast = isLast;
    pos = end;
    index += 1;
  }
  if (!sawLast) throw new Error('录音文件被截断 (truncated)');
  return Buffer.concat(out);
}
