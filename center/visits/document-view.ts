import type { Readable } from 'node:stream';
import { syncError, type CenterResult } from '../../shared/sync';
import { requireBranch } from '../auth/branch-scope';
import type { ArchiveService } from '../archive/archive-service';
import { audit } from '../store/audit-repo';
import type { Store } from '../store/open-store';
import type { StoredUser } from '../store/users-repo';
import { openDocument } from './visit-documents';

/**
 * One uploaded visit document, decrypted, for a user of its branch. The view is audited before a
 * byte leaves (README "Letter and in-person visits": every view is audited, like a recording's).
 */
export async function viewDocument(
  store: Store,
  archive: ArchiveService | null,
  user: StoredUser,
  documentId: string,
): Promise<CenterResult<{ stream: Readable; mediaType: string; size: number; part: string }>> {
  const doc = await store.db
    .selectFrom('visit_documents')
    .innerJoin('in_person_visits', 'in_person_visits.id', 'visit_documents.visit_id')
    .select([
      'visit_documents.blob_key',
      'visit_documents.media_type',
      'visit_documents.size',
      'visit_documents.part',
      'in_person_visits.branch_code',
      'in_person_visits.policy_no',
      'visit_documents.visit_id',
      'visit_documents.purged_at',
    ])
    .where('visit_documents.id', '=', documentId)
    .executeTakeFirst();
  if (!doc) return { ok: false, error: syncError('not_found', { zh: '没有这份上门回访材料', en: `no visit document ${documentId}` }) };
  const denied = requireBranch(user, doc.branch_code);
  if (denied) return { ok: false, error: denied };
  if (doc.purged_at)
    return {
      ok: false,
      error: syncError('not_found', {
        zh: `这份材料已于 ${doc.purged_at.slice(0, 10)} 按保存期限删除`,
        en: `document ${documentId} was purged on ${doc.purged_at} (retention ended)`,
      }),
    };
  const stream = archive ? await openDocument(archive, doc.blob_key) : null;
  if (!stream)
    return {
      ok: false,
      error: syncError('internal', { zh: '材料文件缺失，请联系管理员', en: `the blob of document ${documentId} is missing from the archive` }),
    };
  await audit(store.db, {
    actor: user.staffNo,
    action: 'visits.document_viewed',
    target: doc.policy_no,
    detail: { documentId, visitId: doc.visit_id, part: doc.part },
  });
  return { ok: true, value: { stream, mediaType: doc.media_type, size: Number(doc.size), part: doc.part } };
}
