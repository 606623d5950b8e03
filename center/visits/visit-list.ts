import type { LetterStatus, InPersonVisitRow, InPersonVisitStatus, LetterRow, VisitCaseRow, VisitDocumentRow, VisitWorkList } from '../../shared/sync/visits';
import type { PolicyCase } from '../../shared/domain/case';
import { maskName } from '../../shared/domain/masking';
import { branchCovers } from '../auth/branch-scope';
import type { Store } from '../store/open-store';
import type { StoredUser } from '../store/users-repo';

/** Enough for a branch's backlog of exhausted cases; the console's table scrolls virtually. */
const MAX_ROWS = 2000;

/**
 * The branch's visit work: cases whose phone attempts are exhausted (docs/domain.md §4) and that
 * have no letter on its way nor a visit waiting for its ID copy, then its letters and visits,
 * newest first. Branch scope as for work orders: the user's code prefixes its sub-branches'.
 */
export async function visitWorkList(store: Store, user: StoredUser): Promise<VisitWorkList> {
  const scoped = <T extends { branch_code: string }>(rows: T[]) => rows.filter((r) => branchCovers(user, r.branch_code));
  const prefix = user.role === 'admin' ? '' : (user.branchCode ?? '\u0000');
  const letters = await store.db
    .selectFrom('visit_letters')
    .selectAll()
    .where('branch_code', 'like', `${prefix}%`)
    .orderBy('printed_at', 'desc')
    .orderBy('policy_no')
    .limit(MAX_ROWS)
    .execute();
  const visits = await store.db
    .selectFrom('in_person_visits')
    .selectAll()
    .where('branch_code', 'like', `${prefix}%`)
    .orderBy('recorded_at', 'desc')
    .limit(MAX_ROWS)
    .execute();
  const docs = visits.length
    ? await store.db
        .selectFrom('visit_documents')
        .select([...DOCUMENT_COLUMNS, 'visit_id'])
        .where(
          'visit_id',
          'in',
          visits.map((v) => v.id),
        )
        .orderBy('uploaded_at')
        .execute()
    : [];
  const busy = new Set([
    ...letters.filter((l) => l.status === 'printed' || l.status === 'mailed').map((l) => l.policy_no),
    ...visits.filter((v) => v.status === 'invalid').map((v) => v.policy_no),
  ]);
  const exhausted = await store.db
    .selectFrom('cases')
    .select(['policy_no', 'data', 'attempt_count'])
    .where('status', '=', 'awaiting_branch')
    .orderBy('updated_at')
    .execute();
  const eligible: VisitCaseRow[] = [];
  for (const c of exhausted) {
    if (eligible.length >= MAX_ROWS) break;
    if (busy.has(c.policy_no)) continue;
    const data = JSON.parse(c.data) as PolicyCase;
    if (!branchCovers(user, data.branch.code)) continue;
    eligible.push({
      policyNo: c.policy_no,
      holderName: maskName(data.policyholder.name),
      branchCode: data.branch.code,
      productName: data.product.name,
      attempts: Number(c.attempt_count),
    });
  }
  const docsOf = (id: string): VisitDocumentRow[] => docs.filter((d) => d.visit_id === id).map(documentRow);
  return {
    eligible,
    letters: scoped(letters).map((l): LetterRow => ({
      batchId: l.batch_id,
      policyNo: l.policy_no,
      status: l.status as LetterStatus,
      version: Number(l.version),
      printedAt: l.printed_at,
      mailedOn: l.mailed_on,
      classification: l.result_class,
    })),
    visits: scoped(visits).map((v): InPersonVisitRow => ({
      id: v.id,
      policyNo: v.policy_no,
      status: v.status as InPersonVisitStatus,
      version: Number(v.version),
      visitedOn: v.visited_on,
      classification: v.result_class,
      documents: docsOf(v.id),
    })),
  };
}

/** The columns `documentRow` reads. */
export const DOCUMENT_COLUMNS = ['id', 'part', 'media_type', 'size', 'purged_at'] as const;

/** A visit document as the console lists it. */
export function documentRow(d: { id: string; part: string; media_type: string; size: number | string; purged_at: string | null }): VisitDocumentRow {
  return { id: d.id, part: d.part as VisitDocumentRow['part'], mediaType: d.media_type, size: Number(d.size), purgedAt: d.purged_at };
}
