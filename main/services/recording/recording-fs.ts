import { constants } from 'node:fs';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The file operations recording and session storage need. Injected so tests can simulate a full
 * disk or a read-only directory; the default is node:fs with fsync after every write that matters.
 */
export interface RecordingFs {
  mkdirp(dir: string): Promise<void>;
  /** Appends and fsyncs; resolves only when the bytes are on disk. */
  appendDurable(file: string, bytes: Uint8Array): Promise<void>;
  /** Cuts a file back to `size` bytes (removes a torn frame after a failed append). */
  truncate(file: string, size: number): Promise<void>;
  /** Writes `tmp`, fsyncs it, renames over `file`, fsyncs the directory. */
  writeAtomic(file: string, bytes: Uint8Array): Promise<void>;
  /** `writeAtomic` in pieces: nothing appears at `file` until `commit`; `abort` removes the temp file. */
  createAtomic(file: string): Promise<AtomicFile>;
  /** Opens a file for reads at given positions, so a large file is read a piece at a time. */
  openRead(file: string): Promise<RandomAccessFile>;
  /** Appends a line (access log); opened in append-only mode and fsynced. */
  appendLine(file: string, line: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  exists(file: string): Promise<boolean>;
  listDirs(dir: string): Promise<string[]>;
  remove(target: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

/** A file being written in pieces under a temporary name. */
export interface AtomicFile {
  write(bytes: Uint8Array): Promise<void>;
  /** fsyncs, renames over the target, fsyncs the directory. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file (after a failure); never throws. */
  abort(): Promise<void>;
}

/** A file open for positional reads. */
export interface RandomAccessFile {
  readonly size: number;
  /** Reads up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** node:fs implementation. */
export function nodeRecordingFs(): RecordingFs {
  return {
    async mkdirp(dir) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    },
    async appendDurable(file, bytes) {
      const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
      try {
        await handle.write(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    truncate: (file, size) => truncate(file, size),
    async writeAtomic(file, bytes) {
      const out = await createAtomic(file);
      try {
        await out.write(bytes);
        await out.commit();
      } catch (err) {
        await out.abort();
        throw err;
      }
    },
    createAtomic,
    async openRead(file) {
      const handle = await open(file, 'r');
      const { size } = await handle.stat();
      return {
        size,
        async read(position, length) {
          const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
          const { bytesRead } = await handle.read(buf, 0, buf.length, position);
          return buf.subarray(0, bytesRead);
        },
        close: () => handle.close(),
      };
    },
    async appendLine(file, line) {
      await appendFile(file, `${line}\n`, { flag: 'a', mode: 0o600 });
      const handle = await open(file, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    readFile: (file) => readFile(file),
    async exists(file) {
      try {
        await stat(file);
        return true;
      } catch {
        return false;
      }
    },
    async listDirs(dir) {
      try {
        const entries = await readdir(dir, { withFileTypes: true });
        return entries.filter((e) => e.isDirectory()).map((e) => e.name);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
    remove: (target) => rm(target, { recursive: true, force: true }),
    unlink: (file) => unlink(file),
  };
}

async function createAtomic(file: string): Promise<AtomicFile> {
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', 0o600);
  let isOpen = true;
  const close = async () => {
    if (isOpen) {
      isOpen = false;
      await handle.close();
    }
  };
  return {
    async write(bytes) {
      await handle.write(bytes);
    },
    async commit() {
      await handle.sync();
      await close();
      await rename(tmp, file);
      await syncDir(path.dirname(file));
    },
    async abort() {
      await close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
    },
  };
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; some file systems refuse fsync on directories.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
