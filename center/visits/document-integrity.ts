import { createDecipheriv, createHash, type DecipherGCM } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import { toNum } from '../store/to-num';
import { DOCUMENT_HEADER, documentKey, type DocumentArchive } from './visit-documents';

/**
 * What can be wrong with one stored visit document (a signed questionnaire or an ID copy):
 * - `document_missing`: no blob under its key;
 * - `document_unreadable`: the store failed while reading it;
 * - `document_hash_mismatch`: its sealed bytes no longer give the SHA-256 it is stored under;
 * - `document_tampered`: it no longer opens with the archive's document key (GCM tag refused);
 * - `document_size_mismatch`: it opens, but to another length than was uploaded.
 */
export type DocumentProblem = 'document_missing' | 'document_unreadable' | 'document_hash_mismatch' | 'document_tampered' | 'document_size_mismatch';

export interface DocumentFailure {
  readonly documentId: string;
  readonly visitId: string;
  readonly problems: readonly DocumentProblem[];
}

const PAGE = 200;

/**
 * Checks every stored visit document in one read of its blob: the sealed bytes are hashed against
 * the blob key (content addressing) and deciphered, so that the GCM tag proves the content is what
 * was uploaded, and the plaintext length is compared with the upload's. Nothing is kept in memory
 * beyond one chunk. `onFailure` is called for each failing document (the caller audits it); an
 * aborted run returns null.
 */
export async function checkVisitDocuments(
  db: Kysely<CenterDatabase>,
  archive: DocumentArchive,
  onFailure: (failure: DocumentFailure) => Promise<void>,
  signal?: AbortSignal,
): Promise<{ documents: number; bytes: number } | null> {
  let documents = 0;
  let bytes = 0;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('visit_documents')
      .select(['id', 'visit_id', 'size', 'blob_key'])
      .where('id', '>', after)
      .where('purged_at', 'is', null)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      if (signal?.aborted) return null;
      const checked = await checkDocument(archive, row.blob_key, toNum(row.size));
      documents++;
      bytes += checked.bytes;
      if (checked.problems.length > 0) await onFailure({ documentId: row.id, visitId: row.visit_id, problems: checked.problems });
      after = row.id;
    }
    if (page.length < PAGE) return { documents, bytes };
  }
}

async function checkDocument(archive: DocumentArchive, key: string, uploaded: number): Promise<{ problems: DocumentProblem[]; bytes: number }> {
  const size = await archive.blobs.size(key);
  if (size === null) return { problems: ['document_missing'], bytes: 0 };
  if (size < DOCUMENT_HEADER) return { problems: ['document_tampered'], bytes: size };
  const hash = createHash('sha256');
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  let plain = 0;
  try {
    for await (const chunk of archive.blobs.read(key, 0, size - 1)) {
      const buf = chunk as Buffer;
      hash.update(buf);
      let body = buf;
      if (decipher === null) {
        header = Buffer.concat([header, buf]);
        if (header.length < DOCUMENT_HEADER) continue;
        decipher = createDecipheriv('aes-256-gcm', documentKey(archive), header.subarray(0, 12));
        decipher.setAuthTag(header.subarray(12, DOCUMENT_HEADER));
        body = header.subarray(DOCUMENT_HEADER);
      }
      plain += decipher.update(body).length;
    }
  } catch {
    return { problems: ['document_unreadable'], bytes: size };
  }
  const problems: DocumentProblem[] = [];
  if (hash.digest('hex') !== key) problems.push('document_hash_mismatch');
  try {
    plain += decipher!.final().length;
    if (plain !== uploaded) problems.push('document_size_mismatch');
  } catch {
    problems.push('document_tampered');
  }
  return { problems, bytes: size };
}
