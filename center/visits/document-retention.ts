import type { Kysely } from 'kysely';
import { retainUntil } from '../../shared/domain/retention';
import type { CenterDatabase } from '../store/db-schema';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { contractEndFromCase, disputesOf, readRetentionRules } from '../archive/retention-repo';

/** A visit document whose retention has ended. */
export interface DueDocument {
  readonly documentId: string;
  readonly visitId: string;
  readonly policyNo: string;
  readonly retainUntil: string;
  /** Under an active centre hold on its policy: kept. */
  readonly held: boolean;
}

/**
 * The visit documents past their retention on `today`. A visit document is evidence of the
 * call-back like a recording (docs/domain.md §4, §9, §11): kept by the same rules, from the day
 * of the visit — the later of visit + the call period and contract end + its period, longer under
 * a dispute, never while one is open — and held by a hold on its policy.
 */
export async function dueDocuments(db: Kysely<CenterDatabase>, today: string, only?: { documentId: string }): Promise<DueDocument[]> {
  const r = await readRetentionRules(db);
  let q = db
    .selectFrom('visit_documents as d')
    .innerJoin('in_person_visits as v', 'v.id', 'd.visit_id')
    .select(['d.id', 'd.visit_id', 'v.policy_no', 'v.visited_on'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('legal_holds as h')
            .select('h.id')
            .where('h.released_at', 'is', null)
            .where('h.scope', '=', 'policy')
            .whereRef('h.target', '=', 'v.policy_no'),
        )
        .as('held'),
    )
    .where('d.purged_at', 'is', null)
    .orderBy('d.id');
  if (only) q = q.where('d.id', '=', only.documentId);
  const rows = await q.execute();
  const facts = new Map<string, Awaited<ReturnType<typeof policyFacts>>>();
  const due: DueDocument[] = [];
  for (const row of rows) {
    let f = facts.get(row.policy_no);
    if (!f) facts.set(row.policy_no, (f = await policyFacts(db, row.policy_no)));
    const kept = retainUntil({ callDate: row.visited_on, contractEnd: f.contractEnd, disputes: f.disputes }, r);
    if (kept.until === null || kept.until >= today) continue;
    due.push({
      documentId: row.id,
      visitId: row.visit_id,
      policyNo: row.policy_no,
      retainUntil: kept.until,
      held: row.held === true || Number(row.held) === 1,
    });
  }
  return due;
}

async function policyFacts(db: Kysely<CenterDatabase>, policyNo: string) {
  return { contractEnd: (await contractEndFromCase(db, policyNo)) ?? null, disputes: await disputesOf(db, policyNo) };
}

/**
 * Purges one document inside the caller's transaction if it is still due and unheld there — its
 * retention is decided again from the current facts, so a dispute or hold recorded since the
 * candidates were listed wins, as for recordings. The row becomes a tombstone and the deletion is
 * audited (`archive.document_purged`). Answers the blob key to remove once committed, or null when
 * it is no longer due or another run purged it first.
 */
export async function purgeDocument(trx: Kysely<CenterDatabase>, documentId: string, today: string, actor: string): Promise<string | null> {
  const [doc] = await dueDocuments(trx, today, { documentId });
  if (!doc || doc.held) return null;
  const row = await trx.selectFrom('visit_documents').select(['blob_key', 'part']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const reason = `retention ended ${doc.retainUntil}`;
  await trx.updateTable('visit_documents').set({ purged_at: nowIso(), purge_reason: reason }).where('id', '=', documentId).execute();
  await audit(trx, {
    actor,
    action: 'archive.document_purged',
    target: documentId,
    detail: { policyNo: doc.policyNo, visitId: doc.visitId, part: row.part, reason },
  });
  return row.blob_key;
}
