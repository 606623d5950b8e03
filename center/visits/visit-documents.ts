import { createDecipheriv, createCipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { VISIT_DOCUMENT_TYPES } from '../../shared/sync/visits';
import type { ArchiveService } from '../archive/archive-service';

type DocumentType = (typeof VISIT_DOCUMENT_TYPES)[number];

/** The type a document's first bytes prove; a name or a declared type proves nothing. */
export function sniffDocumentType(head: Buffer): DocumentType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** iv(12) ‖ tag(16) ahead of the ciphertext, as archive-keys.ts seals text. */
export const DOCUMENT_HEADER = 28;
const HEADER = DOCUMENT_HEADER;

/** What sealing and opening a document need of the archive: its keys and blob store. */
export type DocumentArchive = Pick<ArchiveService, 'keys' | 'blobs'>;

/**
 * A key of its own for visit documents, derived from the archive's session key: the documents hold
 * personal data like the session records, and a key per purpose keeps one use from opening another.
 */
export function documentKey(archive: DocumentArchive): Buffer {
  return Buffer.from(hkdfSync('sha256', archive.keys.sessionKey, Buffer.alloc(0), 'huifang visit documents v1', 32));
}

/** A sealed document in the blob store's scratch area, ready to adopt under `key`. */
export interface SealedDocument {
  readonly file: string;
  readonly key: string;
}

/**
 * Seals a document with AES-256-GCM into a scratch file as it streams in (never whole in memory);
 * the blob key is the SHA-256 of the sealed bytes. The tag is known only at the end, so its place in
 * the header is written last. A failure deletes the scratch file.
 */
export async function sealDocument(archive: DocumentArchive, data: Readable): Promise<SealedDocument> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', documentKey(archive), iv);
  await mkdir(archive.blobs.scratchDir, { recursive: true });
  const file = join(archive.blobs.scratchDir, `visit-${randomUUID()}.sealed`);
  try {
    const out = createWriteStream(file, { mode: 0o600 });
    out.write(Buffer.concat([iv, Buffer.alloc(HEADER - 12)]));
    await pipeline(data, cipher, out);
    const fh = await open(file, 'r+');
    try {
      await fh.write(cipher.getAuthTag(), 0, 16, 12);
    } finally {
      await fh.close();
    }
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), hash);
    return { file, key: hash.digest('hex') };
  } catch (err) {
    await unlink(file).catch(() => undefined);
    throw err;
  }
}

/** Drops sealed scratch files that were never adopted (a refused or failed upload). */
export async function dropSealed(sealed: readonly SealedDocument[]): Promise<void> {
  await Promise.all(sealed.map((s) => unlink(s.file).catch(() => undefined)));
}

/**
 * The document decrypted as a stream. GCM's tag is checked when the stream ends: a blob altered
 * at rest ends the stream with an error instead of a clean end, so the download is seen as broken.
 */
export async function openDocument(archive: DocumentArchive, key: string): Promise<Readable | null> {
  const size = await archive.blobs.size(key);
  if (size === null || size < HEADER) return null;
  const header = await readAll(archive.blobs.read(key, 0, HEADER - 1));
  const decipher = createDecipheriv('aes-256-gcm', documentKey(archive), header.subarray(0, 12));
  decipher.setAuthTag(header.subarray(12, HEADER));
  const out = new PassThrough();
  const source = size > HEADER ? archive.blobs.read(key, HEADER, size - 1) : emptyStream();
  pipeline(source, decipher, out).catch((err: Error) => out.destroy(err));
  return out;
}

function emptyStream(): Readable {
  const s = new PassThrough();
  s.end();
  return s;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
