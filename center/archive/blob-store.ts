import { constants, createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where archived recordings live: content-addressed by SHA-256 (hex), write-once. The key of a blob
 * is its hash, so a second copy of the same evidence is never stored and a stored blob never changes.
 */
export interface BlobStore {
  /** Bytes of the blob, or null when it is not stored. */
  size(key: string): Promise<number | null>;
  /**
   * Moves a finished, fsynced file from the store's own scratch area into the store under `key`
   * (its SHA-256, already checked by the caller). A blob already stored under `key` is kept and the
   * file is dropped: write-once.
   */
  adopt(file: string, key: string): Promise<void>;
  /** Streams bytes `start`..`end` (inclusive) of a stored blob (the caller checked its size). */
  read(key: string, start: number, end: number): Readable;
  /**
   * Deletes the blob under `key` (retention purge); a blob already gone is not an error. The caller
   * checked that no archived session still refers to it.
   */
  remove(key: string): Promise<void>;
  /** A directory on the same filesystem where callers write files they will `adopt`. */
  readonly scratchDir: string;
}

const KEY = /^[0-9a-f]{64}$/;

/** Filesystem blob store under `root`: `root/blobs/ab/cd/<sha256>`, scratch in `root/incoming`. */
export class FsBlobStore implements BlobStore {
  readonly scratchDir: string;

  constructor(private readonly root: string) {
    this.scratchDir = join(root, 'incoming');
  }

  private pathOf(key: string): { dir: string; file: string } {
    if (!KEY.test(key)) throw new Error(`not a SHA-256 key: ${key}`);
    const dir = join(this.root, 'blobs', key.slice(0, 2), key.slice(2, 4));
    return { dir, file: join(dir, key) };
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key).file)).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  read(key: string, start: number, end: number): Readable {
    return createReadStream(this.pathOf(key).file, { start, end });
  }

  async remove(key: string): Promise<void> {
    const { dir, file } = this.pathOf(key);
    try {
      await unlink(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // As for adopt: only a synced directory makes the deletion survive a power cut.
    await fsyncDir(dir);
  }

  async adopt(file: string, key: string): Promise<void> {
    const { dir, file: target } = this.pathOf(key);
    if ((await this.size(key)) !== null) {
      await unlink(file);
      return;
    }
    await mkdirLevels(this.root, dir);
    // The caller fsynced the file; the rename is atomic on one filesystem, and only a synced
    // directory entry makes the blob survive a power cut.
    await fsyncFile(file);
    await rename(file, target);
    await fsyncDir(dir);
  }
}

/**
 * `mkdir -p` from `root` down to `dir`, one level at a time: Node 20's recursive `mkdir` from
 * fs/promises reports a full disk (ENOSPC) as ENOENT, and the archive must tell a full disk apart.
 */
export async function mkdirLevels(root: string, dir: string): Promise<void> {
  let at = root;
  for (const part of relative(root, dir).split(sep)) {
    at = join(at, part);
    try {
      await mkdir(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Flushes a file's data to disk. */
async function fsyncFile(file: string): Promise<void> {
  const fh = await open(file, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Flushes a directory's entries (new or renamed files) to disk; a no-op where unsupported. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

/** Writes a small file atomically: temp file, fsync, rename, directory fsync. */
export async function writeFileAtomic(file: string, dir: string, data: Buffer | string, mode = 0o600): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const fh = await open(tmp, 'w', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(dir);
}
