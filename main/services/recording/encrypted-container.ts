import { openFrame, sealFrame } from './chunk-cipher';

/** The first bytes of every container. */
export const CONTAINER_MAGIC = Buffer.from('HFRECv1\0', 'latin1');
const MAGIC = CONTAINER_MAGIC;
/** Plaintext bytes per frame of the finalised container. */
export const CONTAINER_FRAME_BYTES = 64 * 1024;

/**
 * Encrypts a finalised recording as a chunked AEAD container:
 * magic(8) | frames of (u32 length | nonce | tag | ciphertext). Each frame is bound to the session,
 * its index and whether it is the last one, so truncation, reordering and swapping are detected.
 */
export function sealContainer(key: Buffer, sessionId: string, plain: Buffer): Buffer {
  const sealer = new ContainerSealer(key, sessionId);
  return Buffer.concat([...sealer.push(plain), ...sealer.finish()]);
}

/**
 * `sealContainer` a piece at a time, holding at most one frame of plaintext. Gives the same
 * container: a full frame is sealed only once more bytes arrive, so the last one gets its tag.
 */
export class ContainerSealer {
  private readonly frame = Buffer.alloc(CONTAINER_FRAME_BYTES);
  private fill = 0;
  private index = 0;
  private started = false;

  constructor(
    private readonly key: Buffer,
    private readonly sessionId: string,
  ) {}

  /** Takes plaintext; returns the container bytes now ready to be written, in order. */
  push(plain: Uint8Array): Buffer[] {
    const out = this.start();
    let pos = 0;
    while (pos < plain.length) {
      if (this.fill === CONTAINER_FRAME_BYTES) out.push(this.seal(false));
      const take = Math.min(CONTAINER_FRAME_BYTES - this.fill, plain.length - pos);
      this.frame.set(plain.subarray(pos, pos + take), this.fill);
      this.fill += take;
      pos += take;
    }
    return out;
  }

  /** Seals what is left as the last frame (an empty one for an empty recording). */
  finish(): Buffer[] {
    const out = this.start();
    out.push(this.seal(true));
    return out;
  }

  private start(): Buffer[] {
    if (this.started) return [];
    this.started = true;
    return [MAGIC];
  }

  private seal(last: boolean): Buffer {
    const binding = { stream: 'final' as const, sessionId: this.sessionId, index: this.index, tag: last ? 1 : 0 };
    const sealed = sealFrame(this.key, binding, this.frame.subarray(0, this.fill));
    this.index += 1;
    this.fill = 0;
    const head = Buffer.alloc(4);
    head.writeUInt32BE(sealed.length, 0);
    return Buffer.concat([head, sealed]);
  }
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
