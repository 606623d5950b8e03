import type { RecordingFs } from '../recording/recording-fs';
import { readSpan, type SealedSource } from '../recording/sealed-source';

/** Asks the centre for sealed bytes [start, end) out of order (each such download is audited there). */
type RangeFetch = (start: number, end: number) => Promise<Buffer>;

interface PartialContainerOptions {
  readonly fs: RecordingFs;
  /** The file the download appends to. */
  readonly file: string;
  /** The container's size as the centre declared it. */
  readonly size: number;
  /** Bytes already on disk (a resumed download). */
  readonly received: number;
  readonly fetchRange: RangeFetch;
  /** A read starting this far past the bytes on disk asks the centre for its range instead of waiting (bytes). */
  readonly aheadBytes?: number;
  /** Out-of-order ranges are asked for in blocks of this size (bytes). */
  readonly blockBytes?: number;
  /** Out-of-order blocks kept in memory at most: the download soon brings them to disk anyway. */
  readonly cachedBlocks?: number;
  /** How long a read waits for bytes still to come before it gives up (ms). */
  readonly waitMs?: number;
}

interface Waiter {
  readonly end: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * A sealed container while QA's fetch of it from the centre is still running (README "Evidence
 * archive": the call plays within half a second). The download appends to `file` front to back
 * and says how far it got (`arrived`); a read of bytes already on disk is served from it, a read
 * just ahead of the download waits for it, and a read far ahead (a seek) asks the centre for that
 * range out of order and keeps it in a small in-memory cache, so no whole recording is ever held
 * in memory. A download that fails (network, checksum) fails every waiting and later read with its
 * reason. The file may move (staging → the session's directory) while reads go on: `relocate`
 * waits for reads in flight, moves it and serves later reads from the new path.
 */
export class PartialContainer implements SealedSource {
  readonly size: number;
  private file: string;
  private received: number;
  private failure: string | null = null;
  private waiters: Waiter[] = [];
  private readonly blocks = new Map<number, Promise<Buffer>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private moving: Promise<void> | null = null;

  constructor(private readonly o: PartialContainerOptions) {
    this.size = o.size;
    this.file = o.file;
    this.received = Math.min(o.received, o.size);
  }

  /** The download has `total` contiguous bytes on disk now. */
  arrived(total: number): void {
    this.received = Math.max(this.received, Math.min(total, this.size));
    for (const start of [...this.blocks.keys()]) if (start + this.block <= this.received) this.blocks.delete(start);
    const ready = this.waiters.filter((w) => w.end <= this.received);
    this.waiters = this.waiters.filter((w) => w.end > this.received);
    for (const w of ready) w.resolve();
  }

  /** The download stopped for good (network, checksum): every waiting and later read fails with `reason`. */
  fail(reason: string): void {
    this.failure ??= reason;
    for (const w of this.waiters) w.reject(new Error(this.failure));
    this.waiters = [];
    this.blocks.clear();
  }

  /** Moves the file with `move` once no read is in flight; later reads use `to`. */
  async relocate(to: string, move: () => Promise<void>): Promise<void> {
    const moving = (async () => {
      await Promise.allSettled([...this.inFlight]);
      await move();
      this.file = to;
    })();
    this.moving = moving.catch(() => undefined);
    try {
      await moving;
    } finally {
      this.moving = null;
    }
  }

  async read(start: number, end: number): Promise<Buffer> {
    end = Math.min(end, this.size);
    if (start >= end) return Buffer.alloc(0);
    if (this.failure) throw new Error(this.failure);
    if (end > this.received) {
      if (start >= this.received + (this.o.aheadBytes ?? 1024 * 1024)) return this.outOfOrder(start, end);
      await this.arrival(end);
    }
    if (this.moving) await this.moving;
    const read = readSpan(this.o.fs, this.file, start, end);
    this.inFlight.add(read);
    try {
      return await read;
    } finally {
      this.inFlight.delete(read);
    }
  }

  private get block(): number {
    return this.o.blockBytes ?? 1024 * 1024;
  }

  private arrival(end: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error('录音下载停滞，等待超时，请重新打开。'));
      }, this.o.waitMs ?? 60_000);
      timer.unref?.();
      const waiter: Waiter = {
        end,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Bytes far past the download: the blocks holding them, from the cache or the centre. */
  private async outOfOrder(start: number, end: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    const first = Math.floor(start / this.block) * this.block;
    for (let b = first; b < end; b += this.block) parts.push(await this.blockAt(b));
    return Buffer.concat(parts).subarray(start - first, end - first);
  }

  private blockAt(start: number): Promise<Buffer> {
    const cached = this.blocks.get(start);
    if (cached) {
      // Most recently used last: the oldest goes first when the cache is full.
      this.blocks.delete(start);
      this.blocks.set(start, cached);
      return cached;
    }
    const end = Math.min(this.size, start + this.block);
    const got = this.o.fetchRange(start, end).then((bytes) => {
      if (bytes.length !== end - start) throw new Error(`中心返回的录音片段长度不符（${bytes.length}/${end - start}）。`);
      return bytes;
    });
    this.blocks.set(start, got);
    got.catch(() => this.blocks.get(start) === got && this.blocks.delete(start));
    while (this.blocks.size > (this.o.cachedBlocks ?? 8)) this.blocks.delete(this.blocks.keys().next().value!);
    return got;
  }
}
