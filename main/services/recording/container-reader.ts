import { createHash } from 'node:crypto';
import type { RecordingManifest } from '../../../shared/ipc/channels/recording';
import { openFrame } from './chunk-cipher';
import { CONTAINER_MAGIC } from './encrypted-container';

/** Nonce and tag in front of every frame's ciphertext (chunk-cipher.ts). */
const FRAME_OVERHEAD = 12 + 16;

interface FrameSpan {
  readonly sealedStart: number;
  readonly sealedEnd: number;
  readonly plainStart: number;
  readonly plainLength: number;
}

/** Where the whole-file check stands: the AEAD of each frame is checked on every read regardless. */
type IntegrityState = 'pending' | 'verified' | 'failed';

/**
 * Random access to a sealed container (encrypted-container.ts) without decrypting all of it: the
 * frame lengths are read once to index plaintext offsets, and a range opens only the frames it
 * covers (each frame's AES-GCM tag authenticates it and its position). The SHA-256 of the sealed
 * file and of the plaintext against the manifest is computed in the background (`verify`); until it
 * is done `integrity` is `pending`, and a mismatch fails every later read.
 */
export class ContainerReader {
  private readonly frames: FrameSpan[] = [];
  private failure: string | null = null;
  private verified = false;
  /** Total plaintext bytes (the WebM the container holds). */
  readonly totalBytes: number;

  constructor(
    private readonly key: Buffer,
    private readonly sessionId: string,
    private readonly sealed: Buffer,
    private readonly manifest: RecordingManifest,
  ) {
    if (sealed.length < CONTAINER_MAGIC.length || !sealed.subarray(0, CONTAINER_MAGIC.length).equals(CONTAINER_MAGIC)) {
      throw new Error('不是录音加密文件 (not a recording container)');
    }
    let pos = CONTAINER_MAGIC.length;
    let plain = 0;
    while (pos < sealed.length) {
      if (pos + 4 > sealed.length) throw new Error('录音文件被截断 (truncated)');
      const length = sealed.readUInt32BE(pos);
      const end = pos + 4 + length;
      if (end > sealed.length || length < FRAME_OVERHEAD) throw new Error('录音文件被截断 (truncated)');
      this.frames.push({ sealedStart: pos + 4, sealedEnd: end, plainStart: plain, plainLength: length - FRAME_OVERHEAD });
      plain += length - FRAME_OVERHEAD;
      pos = end;
    }
    if (this.frames.length === 0) throw new Error('录音文件被截断 (truncated)');
    this.totalBytes = plain;
  }

  get integrity(): IntegrityState {
    return this.failure ? 'failed' : this.verified ? 'verified' : 'pending';
  }

  /** Why the recording failed its check (null while it has not). */
  get failed(): string | null {
    return this.failure;
  }

  /** Plaintext bytes [offset, offset+length), opening only the frames that hold them; throws on a tampered frame. */
  read(offset: number, length: number): Buffer {
    if (this.failure) throw new Error(this.failure);
    const end = Math.min(this.totalBytes, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    for (let i = this.frameAt(offset); i < this.frames.length && this.frames[i]!.plainStart < end; i++) {
      const f = this.frames[i]!;
      const plain = this.open(i);
      parts.push(plain.subarray(Math.max(0, offset - f.plainStart), Math.min(f.plainLength, end - f.plainStart)));
    }
    return Buffer.concat(parts);
  }

  /**
   * Checks the whole file against the manifest (sealed and plaintext SHA-256), yielding to the event
   * loop between frames so reads are served meanwhile. Resolves with the failure text, or null.
   */
  async verify(stillWanted: () => boolean = () => true): Promise<string | null> {
    const sealedHash = createHash('sha256').update(this.sealed.subarray(0, CONTAINER_MAGIC.length));
    const hash = createHash('sha256');
    for (let i = 0; i < this.frames.length; i++) {
      // Yield first: the open answers, and the first reads are served, before any hashing.
      if (i % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (!stillWanted() || this.failure) return this.failure;
      const f = this.frames[i]!;
      sealedHash.update(this.sealed.subarray(f.sealedStart - 4, f.sealedEnd));
      try {
        hash.update(this.open(i));
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

  private open(i: number): Buffer {
    const f = this.frames[i]!;
    const last = i === this.frames.length - 1;
    try {
      return openFrame(this.key, { stream: 'final', sessionId: this.sessionId, index: i, tag: last ? 1 : 0 }, this.sealed.subarray(f.sealedStart, f.sealedEnd));
    } catch {
      throw new Error(this.fail(`录音文件校验失败，可能被篡改（第 ${i} 帧）。`));
    }
  }

  private fail(reason: string): string {
    this.failure ??= reason;
    return this.failure;
  }

  /** Index of the frame holding plaintext byte `offset` (binary search over the frame starts). */
  private frameAt(offset: number): number {
    let lo = 0;
    let hi = this.frames.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.frames[mid]!.plainStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
