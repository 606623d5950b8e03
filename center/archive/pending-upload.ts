import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDir, mkdirLevels, writeFileAtomic } from './blob-store';

/** What begin declared, kept beside the partial recording until complete. */
export interface PendingMeta {
  readonly agentId: string;
  readonly team: string;
  /** The session JSON, already sealed with the centre's session key. */
  readonly sessionSealed: string;
  readonly manifest: string | null;
  readonly recording: { readonly size: number; readonly sha256: string } | null;
  readonly wrappedKey: string;
}

/**
 * One upload in progress: `<scratch>/<id>/begin.json` (no personal data in clear) and
 * `recording.part`, appended only at its end and fsynced before each answer, so the size on disk is
 * always what the centre has acknowledged.
 */
export class PendingUpload {
  private readonly dir: string;
  private readonly metaFile: string;
  readonly partFile: string;

  constructor(scratchDir: string, sessionId: string) {
    this.dir = join(scratchDir, sessionId);
    this.metaFile = join(this.dir, 'begin.json');
    this.partFile = join(this.dir, 'recording.part');
  }

  async meta(): Promise<PendingMeta | null> {
    try {
      return JSON.parse(await readFile(this.metaFile, 'utf8')) as PendingMeta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async start(meta: PendingMeta): Promise<void> {
    await this.discard();
    try {
      await mkdirLevels(dirname(dirname(this.dir)), this.dir);
      await writeFileAtomic(this.metaFile, this.dir, JSON.stringify(meta));
    } catch (err) {
      // A begin that could not be written (a full disk) leaves nothing behind.
      await this.discard().catch(() => undefined);
      throw err;
    }
  }

  /** Bytes received so far. */
  async received(): Promise<number> {
    try {
      return (await stat(this.partFile)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }

  /**
   * Appends at the end and flushes to disk before returning the new size. All of the chunk or none
   * of it: when the write fails (a full disk takes part of a chunk, then refuses), the file is cut
   * back to the size before, which is what the centre had acknowledged.
   */
  async append(bytes: Buffer): Promise<number> {
    const before = await this.received();
    try {
      const fh = await open(this.partFile, 'a', 0o600);
      try {
        // A write may take only part of the bytes (a disk filling up); the next one then fails.
        for (let done = 0; done < bytes.length;) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
        await fh.sync();
      } finally {
        await fh.close();
      }
      if (bytes.length > 0) await fsyncDir(this.dir);
    } catch (err) {
      await truncate(this.partFile, before).catch(() => undefined);
      throw err;
    }
    return this.received();
  }

  /** True when the bytes at `offset` are exactly `bytes` (a replayed chunk). */
  async holds(offset: number, bytes: Buffer): Promise<boolean> {
    const fh = await open(this.partFile, 'r');
    try {
      const here = Buffer.alloc(bytes.length);
      const { bytesRead } = await fh.read(here, 0, bytes.length, offset);
      return bytesRead === bytes.length && here.equals(bytes);
    } finally {
      await fh.close();
    }
  }

  /** SHA-256 (hex) of the partial file, streamed. */
  async sha256(): Promise<string> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.partFile)) hash.update(chunk as Buffer);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return hash.digest('hex');
  }

  /** Forgets the partial recording only: the desk starts again from 0. */
  async dropPart(): Promise<void> {
    await rm(this.partFile, { force: true });
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
