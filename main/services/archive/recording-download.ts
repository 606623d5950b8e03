import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveOpen } from '../../../shared/sync';
import type { RecordingFs } from '../recording/recording-fs';
import type { ArchiveError } from './archive-centre';
import type { ArchiveQaCentre } from './archive-qa-centre';

/** What fetching one session came to. `local`: it was already on this desk (recorded or fetched before). */
export type FetchOutcome =
  | { readonly kind: 'ok'; readonly source: 'local' | 'centre'; readonly bytes: number }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };
type FetchFailure = Exclude<FetchOutcome, { kind: 'ok' }>;

const PROGRESS_STEP = 256 * 1024;

interface DownloadOptions {
  readonly centre: ArchiveQaCentre;
  readonly fs: RecordingFs;
  readonly onProgress?: (received: number, total: number) => void;
  /** Contiguous bytes on disk so far (at the start: what a resumed download already holds). */
  readonly onArrived?: (received: number) => void;
}

/**
 * Downloads the sealed recording of `id` into `file` from what it holds (resuming by Range), then
 * checks the whole file's SHA-256 against the archived declaration; null when it is complete and
 * sound. A mismatch removes the file's (staging) directory.
 */
export async function downloadRecording(
  o: DownloadOptions,
  id: string,
  file: string,
  rec: NonNullable<ArchiveOpen['recording']>,
): Promise<FetchFailure | null> {
  let have = await sizeOf(file);
  if (have > rec.size) {
    await o.fs.unlink(file);
    have = 0;
  }
  o.onArrived?.(have);
  if (have < rec.size) {
    const fh = await open(file, 'a', 0o600);
    let received = have;
    let reported = have;
    try {
      const r = await o.centre.download(id, have, async (bytes) => {
        if (received + bytes.length > rec.size) throw new Error('more bytes than declared');
        await fh.write(bytes);
        received += bytes.length;
        o.onArrived?.(received);
        if (received - reported >= PROGRESS_STEP || received === rec.size) {
          reported = received;
          o.onProgress?.(received, rec.size);
        }
      });
      await fh.sync();
      if (!r.ok) {
        // The bytes written so far stay for the next try, which resumes after them.
        if (r.error.code === 'conflict') await fh.truncate(0);
        return answerOf(r.error);
      }
    } finally {
      await fh.close();
    }
  }
  const actual = await fileSha256(file);
  if (actual !== rec.sha256 || (await sizeOf(file)) !== rec.size) {
    await o.fs.remove(path.dirname(file));
    return { kind: 'failed', message: `下载的录音校验值不符（${actual.slice(0, 12)}…），已丢弃，请重试。` };
  }
  return null;
}

/** Sealed bytes [start, end) of `id` asked of the centre out of order (a seek past the download). */
export async function downloadRange(centre: ArchiveQaCentre, id: string, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  const r = await centre.download(
    id,
    start,
    async (bytes) => {
      if (got + bytes.length > end - start) throw new Error('more bytes than asked');
      parts.push(Buffer.from(bytes));
      got += bytes.length;
    },
    end,
  );
  if (!r.ok) throw new Error(r.error.message.zh);
  return Buffer.concat(parts);
}

export function answerOf(error: ArchiveError): FetchFailure {
  if (error.code === 'network' || error.code === 'timeout') return { kind: 'offline', message: error.message.zh };
  return { kind: 'refused', code: error.code, message: error.message.zh };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
