import { createHash } from 'node:crypto';
import type { RecordingManifest } from '../../../shared/ipc/channels/recording';
import { openFrame } from './chunk-cipher';
import { CONTAINER_FRAME_BYTES, CONTAINER_MAGIC } from './encrypted-container';
import type { SealedSource } from './sealed-source';

/** Nonce and tag in front of every frame's ciphertext (chunk-cipher.ts). */
const FRAME_OVERHEAD = 12 + 16;
/** A full frame in the container: its u32 length, nonce, tag and 64 KiB of ciphertext. */
const SEALED_FRAME = 4 + FRAME_OVERHEAD + CONTAINER_FRAME_BYTES;
/** Frames hashed per read while checking the whole file (1 MiB). */
const VERIFY_FRAMES = 16;
const TRUNCATED = '录音文件被截断 (truncated)';

/** Where the whole-file check stands: the AEAD of each frame is checked on every read regardless. */
type IntegrityState = 'pending' | 'verified' | 'failed';

/**
 * Random access to a sealed container (encrypted-container.ts) without decrypting all of it. Every
 * frame but the last holds exactly 64 KiB of plaintext, so the container's size alone places every
 * frame: a range reads from the source only the frames it covers and opens them (each frame's
 * AES-GCM tag authenticates it and its position, and its length field must be the one expected).
 * The source may still be arriving (a fetch from the centre): reads then wait for their bytes.
 * The SHA-256 of the sealed file and of the plaintext against the manifest is computed in the
 * background (`verify`); until it is done `integrity` is `pending`, and a mismatch fails every later read.
 */
export class ContainerReader {
  private failure: string | null = null;
  private verified = false;
  private readonly frameCount: number;
  /** Total plaintext bytes (the WebM the container holds). */
  readonly totalBytes: number;

  private constructor(
    private readonly key: Buffer,
    private readonly sessionId: string,
    private readonly source: SealedSource,
    private readonly manifest: RecordingManifest,
  ) {
    const body = source.size - CONTAINER_MAGIC.length;
    if (body < 4 + FRAME_OVERHEAD) throw new Error(TRUNCATED);
    this.frameCount = Math.ceil(body / SEALED_FRAME);
    const lastSealed = body - (this.frameCount - 1) * SEALED_FRAME;
    if (lastSealed < 4 + FRAME_OVERHEAD) throw new Error(TRUNCATED);
    this.totalBytes = (this.frameCount - 1) * CONTAINER_FRAME_BYTES + lastSealed - 4 - FRAME_OVERHEAD;
  }

  /** A reader over `source`, once its first bytes say it is a recording container (they may still be arriving). */
  static async open(key: Buffer, sessionId: string, source: SealedSource, manifest: RecordingManifest): Promise<ContainerReader> {
    const reader = new ContainerReader(key, sessionId, source, manifest);
    const magic = await source.read(0, CONTAINER_MAGIC.length);
    if (!magic.equals(CONTAINER_MAGIC)) throw new Error('不是录音加密文件 (not a recording container)');
    return reader;
  }

  get integrity(): IntegrityState {
    return this.failure ? 'failed' : this.verified ? 'verified' : 'pending';
  }

  /** Why the recording failed its check (null while it has not). */
  get failed(): string | null {
    return this.failure;
  }

  /** Plaintext bytes [offset, offset+length), opening only the frames that hold them; rejects on a tampered frame. */
  async read(offset: number, length: number): Promise<Buffer> {
    if (this.failure) throw new Error(this.failure);
    const end = Math.min(this.totalBytes, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    const first = Math.floor(offset / CONTAINER_FRAME_BYTES);
    const last = Math.min(this.frameCount - 1, Math.floor((end - 1) / CONTAINER_FRAME_BYTES));
    const plain = Buffer.concat(await this.frames(first, last));
    const from = offset - first * CONTAINER_FRAME_BYTES;
    return plain.subarray(from, from + (end - offset));
  }

  /**
   * Checks the whole file against the manifest (sealed and plaintext SHA-256), reading it a block at
   * a time (waiting for a source still arriving) so reads are served meanwhile. Resolves with the
   * failure text, or null.
   */
  async verify(stillWanted: () => boolean = () => true): Promise<string | null> {
    const sealedHash = createHash('sha256').update(CONTAINER_MAGIC);
    const hash = createHash('sha256');
    for (let i = 0; i < this.frameCount; i += VERIFY_FRAMES) {
      // Yield first: the open answers, and the first reads are served, before any hashing.
      await new Promise((resolve) => setImmediate(resolve));
      if (!stillWanted() || this.failure) return this.failure;
      const last = Math.min(this.frameCount - 1, i + VERIFY_FRAMES - 1);
      try {
        sealedHash.update(await this.source.read(this.frameStart(i), this.frameEnd(last)));
        for (const plain of await this.frames(i, last)) hash.update(plain);
      } catch (err) {
        return this.fail(err instanceof Error ? err.message : String(err));
      }
    }
    const sealedPart = this.manifest.parts.find((p) => p.name === 'audio.webm.enc');
    if (sealedPart?.sha256 !== sealedHash.digest('hex')) return this.fail('录音文件与清单不符，可能被篡改。');
    if (this.manifest.parts.find((p) => p.name === 'audio.webm')?.sha256 !== hash.digest('hex')) return this.fail('录音内容与清单不符。');
    this.verified = true;
    return null;
  }

  private frameStart(i: number): number {
    return CONTAINER_MAGIC.length + i * SEALED_FRAME;
  }

  private frameEnd(i: number): number {
    return Math.min(this.source.size, this.frameStart(i + 1));
  }

  /** The plaintext of frames first..last, read in one go from the source. */
  private async frames(first: number, last: number): Promise<Buffer[]> {
    let sealed: Buffer;
    try {
      sealed = await this.source.read(this.frameStart(first), this.frameEnd(last));
    } catch (err) {
      // Bytes that have not come (yet): this read fails, the recording is not condemned for it.
      throw new Error(this.failure ?? (err instanceof Error ? err.message : String(err)));
    }
    if (this.failure) throw new Error(this.failure);
    const out: Buffer[] = [];
    let pos = 0;
    for (let i = first; i <= last; i++) {
      const expected = this.frameEnd(i) - this.frameStart(i) - 4;
      if (pos + 4 > sealed.length || sealed.readUInt32BE(pos) !== expected || pos + 4 + expected > sealed.length) {
        throw new Error(this.fail(`录音文件校验失败，可能被篡改（第 ${i} 帧）。`));
      }
      out.push(this.open(i, sealed.subarray(pos + 4, pos + 4 + expected)));
      pos += 4 + expected;
    }
    return out;
  }

  private open(i: number, frame: Buffer): Buffer {
    const last = i === this.frameCount - 1;
    try {
      return openFrame(this.key, { stream: 'final', sessionId: this.sessionId, index: i, tag: last ? 1 : 0 }, frame);
    } catch {
      throw new Error(this.fail(`录音文件校验失败，可能被篡改（第 ${i} 帧）。`));
    }
  }

  private fail(reason: string): string {
    this.failure ??= reason;
    return this.failure;
  }
}
