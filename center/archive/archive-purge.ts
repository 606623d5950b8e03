import type { Kysely, Transaction } from 'kysely';
import type { CenterDatabase } from '../store/db-schema';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import type { BlobStore } from './blob-store';
import { anyHold } from './holds-disputes-repo';
import { recomputeRetention } from './retention-repo';
import { dueDocuments, purgeDocument } from '../visits/document-retention';

/** What one purge run did (or, dry, would do); the CLI prints it as one JSON line. */
export interface PurgeSummary {
  readonly event: 'archive_purge';
  readonly dryRun: boolean;
  readonly today: string;
  /** Past their retention and not purged yet. */
  readonly due: number;
  /** Of those, under a legal hold (the desk's or the centre's): kept. */
  readonly held: number;
  readonly purged: number;
  readonly blobsRemoved: number;
  /** Recordings whose deletion failed after the row was purged (orphaned, named for an operator). */
  readonly blobErrors: readonly { key: string; message: string }[];
  readonly items: readonly { sessionId: string; policyNo: string | null; retainUntil: string }[];
  /** The same for visit documents (signed questionnaires, ID copies; center/visits/document-retention.ts). */
  readonly documents: {
    readonly due: number;
    readonly held: number;
    readonly purged: number;
    readonly items: readonly { documentId: string; visitId: string; policyNo: string; retainUntil: string }[];
  };
}

/** Thrown to roll a dry run back: it computes everything and keeps nothing. */
class DryRunRollback extends Error {}

/**
 * Deletes what is due (README "Evidence archive" → Retention; docs/domain.md §9, §11): each
 * archived session whose last day to keep is before `today` and that is under no legal hold. The
 * sealed record, the wrapped key and the manifest are emptied; the row stays as a tombstone
 * (`purged_at`, `purge_reason`) so the listing says what was purged; the recording blob is
 * removed only when no other row still refers to the same content-addressed key. Every deletion
 * is audited (`archive.session_purged`), and the run itself (`archive.purge_run`).
 *
 * Each candidate's retention is recomputed from the current facts inside its own transaction
 * before anything is deleted, so a dispute or setting recorded a moment ago wins. A dry run does
 * the same in one transaction that is rolled back, and removes no blob.
 */
export async function purgeArchive(
  db: Kysely<CenterDatabase>,
  blobs: BlobStore,
  opts: { readonly today: string; readonly dryRun: boolean; readonly actor: string },
): Promise<PurgeSummary> {
  const run = async (tx: Kysely<CenterDatabase>) => {
    // Rows archived before retention was computed (migration 0012) get their date first.
    const pending = await tx
      .selectFrom('archived_sessions')
      .select('session_id')
      .where('retention_basis', '=', 'pending')
      .where('purged_at', 'is', null)
      .execute();
    for (const p of pending) await recomputeRetention(tx, { sessionId: p.session_id });
    const due = await tx
      .selectFrom('archived_sessions')
      .select((eb) => ['session_id', 'case_id', 'retain_until', anyHold(eb).as('held')])
      .where('purged_at', 'is', null)
      .where('retain_until', 'is not', null)
      .where('retain_until', '<', opts.today)
      .orderBy('retain_until')
      .orderBy('session_id')
      .execute();
    const free = due.filter((d) => !isTrue(d.held));
    const items: PurgeSummary['items'][number][] = [];
    const toRemove: string[] = [];
    for (const d of free) {
      const step = (trx: Kysely<CenterDatabase>) => purgeOne(trx, d.session_id, opts);
      const done = opts.dryRun ? await step(tx) : await tx.transaction().execute(step);
      if (!done) continue;
      items.push({ sessionId: d.session_id, policyNo: d.case_id, retainUntil: done.retainUntil });
      if (done.blobKey) toRemove.push(done.blobKey);
    }
    const docsDue = await dueDocuments(tx, opts.today);
    const docItems: PurgeSummary['documents']['items'][number][] = [];
    for (const d of docsDue.filter((x) => !x.held)) {
      const step = (trx: Kysely<CenterDatabase>) => purgeDocument(trx, d.documentId, opts.today, opts.actor);
      const key = opts.dryRun ? await step(tx) : await tx.transaction().execute(step);
      if (key === null) continue;
      docItems.push({ documentId: d.documentId, visitId: d.visitId, policyNo: d.policyNo, retainUntil: d.retainUntil });
      toRemove.push(key);
    }
    const documents = { due: docsDue.length, held: docsDue.filter((x) => x.held).length, items: docItems };
    return { due: due.length, held: due.length - free.length, items, toRemove, documents };
  };

  let outcome: Awaited<ReturnType<typeof run>>;
  if (opts.dryRun) {
    let kept: typeof outcome | undefined;
    await db
      .transaction()
      .execute(async (trx) => {
        kept = await run(trx);
        throw new DryRunRollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof DryRunRollback)) throw err;
      });
    outcome = kept as typeof outcome;
  } else {
    outcome = await run(db);
  }

  const blobErrors: { key: string; message: string }[] = [];
  let blobsRemoved = 0;
  for (const key of opts.dryRun ? [] : outcome.toRemove) {
    try {
      await blobs.remove(key);
      blobsRemoved++;
    } catch (err) {
      blobErrors.push({ key, message: (err as Error).message });
    }
  }
  const summary: PurgeSummary = {
    event: 'archive_purge',
    dryRun: opts.dryRun,
    today: opts.today,
    due: outcome.due,
    held: outcome.held,
    purged: opts.dryRun ? 0 : outcome.items.length,
    blobsRemoved,
    blobErrors,
    items: outcome.items,
    documents: { ...outcome.documents, purged: opts.dryRun ? 0 : outcome.documents.items.length },
  };
  const { items: _items, documents, ...counts } = summary;
  await audit(db, {
    actor: opts.actor,
    action: 'archive.purge_run',
    detail: {
      ...counts,
      sessions: outcome.items.map((i) => i.sessionId).slice(0, 100),
      documents: { due: documents.due, held: documents.held, purged: documents.purged },
    },
  });
  return summary;
}

/**
 * Purges one session if it is still due and unheld after a fresh recomputation; answers its last
 * day to keep and the blob key to remove once committed (null when another row still uses it).
 */
async function purgeOne(trx: Kysely<CenterDatabase> | Transaction<CenterDatabase>, id: string, opts: { today: string; actor: string }) {
  await recomputeRetention(trx, { sessionId: id });
  const row = await trx
    .selectFrom('archived_sessions')
    .select((eb) => ['case_id', 'retain_until', 'retention_basis', 'blob_key', 'recording_sha256', anyHold(eb).as('held')])
    .where('session_id', '=', id)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.retain_until === null || row.retain_until >= opts.today || isTrue(row.held)) return null;
  const reason = `retention ended ${row.retain_until} (${row.retention_basis})`;
  const updated = await trx
    .updateTable('archived_sessions')
    .set({ session_sealed: '', wrapped_key: '', manifest: null, blob_key: null, purged_at: nowIso(), purge_reason: reason })
    .where('session_id', '=', id)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return null; // another run purged it first
  let blobKey: string | null = null;
  if (row.blob_key) {
    const others = await trx.selectFrom('archived_sessions').select('session_id').where('blob_key', '=', row.blob_key).limit(1).execute();
    blobKey = others.length === 0 ? row.blob_key : null;
  }
  await audit(trx, {
    actor: opts.actor,
    action: 'archive.session_purged',
    target: id,
    detail: {
      policyNo: row.case_id,
      reason,
      recordingSha256: row.recording_sha256,
      blobRemoved: blobKey !== null,
      sharedBlobKept: row.blob_key !== null && blobKey === null,
    },
  });
  return { retainUntil: row.retain_until, blobKey };
}

/** A boolean from SQL: PostgreSQL answers true/false, SQLite 1/0. */
function isTrue(v: unknown): boolean {
  return v === true || Number(v) === 1;
}
