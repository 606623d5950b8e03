import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How many leading bytes a handler gets in memory: enough to tell a file's type by its magic number. */
const HEAD_BYTES = 16;

/**
 * An uploaded file held on disk while its request is handled. Uploads are personal data (an ID
 * copy, a signed questionnaire): the spool file is sealed with AES-256-GCM under a key that exists
 * only in this object, so a spool left behind by a crash is unreadable noise, and it is deleted when
 * the request ends. Holding uploads on disk instead of in memory keeps the centre's memory flat
 * however many arrive at once.
 */
export interface SpooledFile {
  /** Bytes of the file as uploaded. */
  readonly size: number;
  /** Its first bytes (at most 16). */
  readonly head: Buffer;
  /** The file's bytes again; the stream fails if the spool was altered on disk. */
  open(): Readable;
  /** Deletes the spool; safe to call more than once. */
  discard(): Promise<void>;
}

/**
 * Writes `source` sealed into a new file under `dir`. When writing fails (the source errors or is
 * cut short, the disk is full) the partial spool is deleted and the error rethrown.
 */
export async function spoolUpload(source: Readable, dir: string): Promise<SpooledFile> {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const file = join(dir, `upload-${randomUUID()}.spool`);
  let size = 0;
  let head = Buffer.alloc(0);
  const measure = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const discard = () => unlink(file).catch(() => undefined);
  try {
    await mkdir(dir, { recursive: true });
    await pipeline(source, measure, cipher, createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await discard();
    throw err;
  }
  const tag = cipher.getAuthTag();
  return {
    size,
    head,
    open() {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      const out = new PassThrough();
      pipeline(createReadStream(file), decipher, out).catch((err: Error) => out.destroy(err));
      return out;
    },
    discard,
  };
}
