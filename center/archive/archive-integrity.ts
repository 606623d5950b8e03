import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { toNum } from '../store/to-num';
import { openText, type ArchiveKeys } from './archive-keys';
import { containerHash } from './archive-service';
import type { BlobStore } from './blob-store';
import { checkVisitDocuments, type DocumentFailure } from '../visits/document-integrity';

/**
 * What can be wrong with one archived session (README "Evidence archive", integrity check):
 * - `blob_missing`: no stored recording under its key;
 * - `blob_unreadable`: the store failed while reading it;
 * - `size_mismatch`: the stored recording has another length than was archived;
 * - `hash_mismatch`: its bytes no longer give the SHA-256 it was archived (and is stored) under;
 * - `manifest_mismatch`: the manifest's container part names another SHA-256 (or cannot be read);
 * - `session_unreadable`: the sealed session record no longer opens with the archive key.
 */
export type IntegrityProblem = 'blob_missing' | 'blob_unreadable' | 'size_mismatch' | 'hash_mismatch' | 'manifest_mismatch' | 'session_unreadable';

/** Who started a check. */
export type IntegrityTrigger = 'scheduled' | 'admin' | 'cli';

/** One run's report, kept in `settings` (`archive.integrity_report`) for `GET /api/admin/archive/integrity`. */
export interface IntegrityReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly trigger: IntegrityTrigger;
  readonly actor: string;
  readonly ok: boolean;
  /** Archived sessions checked (each one's sealed record). */
  readonly sessions: number;
  /** Recordings re-hashed, and their bytes. */
  readonly recordings: number;
  readonly bytes: number;
  readonly failureCount: number;
  /** The failing sessions, at most `MAX_LISTED` (every one is in the audit log as `archive.integrity_failed`). */
  readonly failures: readonly { readonly sessionId: string; readonly problems: readonly IntegrityProblem[] }[];
  /** Visit documents (signed questionnaires, ID copies) checked, their sealed bytes, and those failing (at most `MAX_LISTED`). */
  readonly documents: number;
  readonly documentBytes: number;
  readonly documentFailureCount: number;
  readonly documentFailures: readonly DocumentFailure[];
}

/** What a check reads: the archive's keys and blob store (an `ArchiveService` has both). */
export interface ArchiveHoldings {
  readonly keys: ArchiveKeys;
  readonly blobs: BlobStore;
}

const INTEGRITY_REPORT_KEY = 'archive.integrity_report';
const MAX_LISTED = 1000;
const PAGE = 200;

type Row = {
  session_id: string;
  blob_key: string | null;
  recording_sha256: string | null;
  recording_bytes: number | string | null;
  manifest: string | null;
  session_sealed: string;
};

/**
 * Checks every archived session: the sealed record opens, and a stored recording is re-hashed
 * (streamed, never whole in memory) against the SHA-256 it was archived under and the manifest's
 * container part — the same check `ArchiveService.complete` made on arrival. Each failing session
 * is audited (`archive.integrity_failed`), the run as `archive.integrity_checked`; the report is
 * stored and its summary line logged. An aborted run (centre shutting down) stores nothing: null.
 */
export async function checkArchiveIntegrity(
  db: Kysely<CenterDatabase>,
  archive: ArchiveHoldings,
  who: { trigger: IntegrityTrigger; actor: string; log: (line: string) => void; signal?: AbortSignal },
): Promise<IntegrityReport | null> {
  const startedAt = nowIso();
  let sessions = 0;
  let recordings = 0;
  let bytes = 0;
  let failureCount = 0;
  const failures: { sessionId: string; problems: IntegrityProblem[] }[] = [];
  let after = '';
  for (;;) {
    const page: Row[] = await db
      .selectFrom('archived_sessions')
      .select(['session_id', 'blob_key', 'recording_sha256', 'recording_bytes', 'manifest', 'session_sealed'])
      .where('session_id', '>', after)
      .orderBy('session_id')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      if (who.signal?.aborted) {
        who.log(`centre: archive integrity check interrupted after ${sessions} sessions (shutting down)`);
        return null;
      }
      const checked = await checkSession(row, archive);
      sessions++;
      recordings += checked.bytes === null ? 0 : 1;
      bytes += checked.bytes ?? 0;
      if (checked.problems.length > 0) {
        failureCount++;
        if (failures.length < MAX_LISTED) failures.push({ sessionId: row.session_id, problems: checked.problems });
        await audit(db, {
          actor: who.actor,
          action: 'archive.integrity_failed',
          target: row.session_id,
          detail: { problems: checked.problems, trigger: who.trigger },
        });
      }
      after = row.session_id;
    }
    if (page.length < PAGE) break;
  }
  // The visit documents are evidence like the recordings (docs/domain.md §4): checked in the same run.
  const documentFailures: DocumentFailure[] = [];
  let documentFailureCount = 0;
  const docs = await checkVisitDocuments(
    db,
    archive,
    async (failure) => {
      documentFailureCount++;
      if (documentFailures.length < MAX_LISTED) documentFailures.push(failure);
      await audit(db, {
        actor: who.actor,
        action: 'archive.integrity_failed',
        target: failure.documentId,
        detail: { visitDocument: true, visitId: failure.visitId, problems: failure.problems, trigger: who.trigger },
      });
    },
    who.signal,
  );
  if (docs === null) {
    who.log(`centre: archive integrity check interrupted in the visit documents (shutting down)`);
    return null;
  }
  const report: IntegrityReport = {
    startedAt,
    finishedAt: nowIso(),
    trigger: who.trigger,
    actor: who.actor,
    ok: failureCount === 0 && documentFailureCount === 0,
    sessions,
    recordings,
    bytes,
    failureCount,
    failures,
    documents: docs.documents,
    documentBytes: docs.bytes,
    documentFailureCount,
    documentFailures,
  };
  await audit(db, {
    actor: who.actor,
    action: 'archive.integrity_checked',
    detail: { trigger: who.trigger, sessions, recordings, bytes, failures: failureCount, documents: docs.documents, documentFailures: documentFailureCount },
  });
  await db
    .insertInto('settings')
    .values({ key: INTEGRITY_REPORT_KEY, value: JSON.stringify(report) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(report) }))
    .execute();
  who.log(summaryLine(report));
  return report;
}

/** The stored report of the last finished run, or null before the first. */
export async function lastIntegrityReport(db: Kysely<CenterDatabase>): Promise<IntegrityReport | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', INTEGRITY_REPORT_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as IntegrityReport) : null;
}

/** The centre log's line for a run. */
function summaryLine(r: IntegrityReport): string {
  const mb = (r.bytes / 1048576).toFixed(1);
  const head = `centre: archive integrity (${r.trigger}): ${r.sessions} sessions, ${r.recordings} recordings (${mb} MB), ${r.documents} visit documents checked`;
  if (r.ok) return `${head}, all intact`;
  const named = [
    ...r.failures.map((f) => ({ id: f.sessionId, problems: f.problems })),
    ...r.documentFailures.map((f) => ({ id: f.documentId, problems: f.problems })),
  ]
    .slice(0, 10)
    .map((f) => `${f.id} (${f.problems.join(', ')})`)
    .join('; ');
  const count = r.failureCount + r.documentFailureCount;
  return `${head}, ${count} FAILED: ${named}${count > 10 ? '; …' : ''}`;
}

async function checkSession(row: Row, archive: ArchiveHoldings): Promise<{ problems: IntegrityProblem[]; bytes: number | null }> {
  const problems: IntegrityProblem[] = [];
  try {
    JSON.parse(openText(archive.keys.sessionKey, row.session_sealed));
  } catch {
    problems.push('session_unreadable');
  }
  // A row without a blob key was archived without a recording: nothing more to check.
  if (row.blob_key === null) return { problems, bytes: null };
  if (manifestContainer(row.manifest) !== row.recording_sha256) problems.push('manifest_mismatch');
  const size = await archive.blobs.size(row.blob_key);
  if (size === null) return { problems: [...problems, 'blob_missing'], bytes: null };
  if (row.recording_bytes !== null && size !== toNum(row.recording_bytes)) problems.push('size_mismatch');
  let actual: string;
  try {
    actual = await hashBlob(archive.blobs, row.blob_key, size);
  } catch {
    return { problems: [...problems, 'blob_unreadable'], bytes: size };
  }
  if (actual !== row.recording_sha256 || actual !== row.blob_key) problems.push('hash_mismatch');
  return { problems, bytes: size };
}

function manifestContainer(manifest: string | null): string | null {
  if (manifest === null) return null;
  try {
    return containerHash(manifest);
  } catch {
    return null;
  }
}

async function hashBlob(blobs: BlobStore, key: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  if (size > 0) for await (const chunk of blobs.read(key, 0, size - 1)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
