import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE = 12;
const TAG = 16;

/**
 * What a sealed frame is bound to. Any change — another session, another position in the file,
 * another stream — makes decryption fail, so frames cannot be swapped, reordered or transplanted.
 */
export interface FrameBinding {
  /** Which stream: the in-progress part file or the finalised container. */
  readonly stream: 'part' | 'final';
  readonly sessionId: string;
  /** Position of the frame in its file, counted from 0. */
  readonly index: number;
  /** Extra value bound in (the renderer's chunk sequence number, or 1 for a container's last frame). */
  readonly tag: number;
}

/** Encodes the additional authenticated data for a frame. */
export function frameAad(b: FrameBinding): Buffer {
  const head = Buffer.from(`huifang-rec/v1/${b.stream}/${b.sessionId}/`, 'utf8');
  const nums = Buffer.alloc(16);
  nums.writeBigUInt64BE(BigInt(b.index), 0);
  nums.writeBigUInt64BE(BigInt(b.tag), 8);
  return Buffer.concat([head, nums]);
}

/** AES-256-GCM with a fresh random nonce per frame. Returns nonce | tag | ciphertext. */
export function sealFrame(key: Buffer, binding: FrameBinding, plain: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(frameAad(binding));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Opens a sealed frame; throws when it was altered or does not belong at `binding`. */
export function openFrame(key: Buffer, binding: FrameBinding, sealed: Uint8Array): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error('frame too short');
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE));
  decipher.setAAD(frameAad(binding));
  decipher.setAuthTag(buf.subarray(NONCE, NONCE + TAG));
  const plain = decipher.update(buf.subarray(NONCE + TAG));
  const rest = decipher.final(); // empty for GCM: spares a copy of every frame
  return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
}
