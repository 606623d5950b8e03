import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { syncError, type CenterResult, type SyncError } from '../../shared/sync';
import { nextVisitStatus, type InPersonVisitStatus, type VisitDocumentRow } from '../../shared/sync/visits';
import { DEFAULT_SCRIPT } from '../../shared/domain/script';
import { categoryOf } from '../../shared/domain/outcome';
import { resultFromAnswers } from '../../shared/domain/outcome/rederive';
import type { PolicyCase } from '../../shared/domain/case';
import { requireBranch } from '../auth/branch-scope';
import type { ArchiveService } from '../archive/archive-service';
import { centreCalendar } from '../calendar/calendar-years-repo';
import { audit } from '../store/audit-repo';
import { getCaseRow } from '../store/cases-repo';
import { changeFeedTransaction } from '../store/changes-repo';
import type { CenterDatabase } from '../store/db-schema';
import type { Store } from '../store/open-store';
import type { StoredUser } from '../store/users-repo';
import type { UploadedFile } from '../server/route';
import { applyResultInTrx } from '../sync/push-service';
import type { RaiseContext } from '../work-orders/work-orders-repo';
import { dropSealed, sealDocument, sniffDocumentType, type SealedDocument } from './visit-documents';
import { DOCUMENT_COLUMNS, documentRow } from './visit-list';

const fail = (code: SyncError['code'], zh: string, en: string) => ({ ok: false as const, error: syncError(code, { zh, en }) });
/** As for letters (letters-repo.ts): only a case whose phone attempts are exhausted is visited. */
const EXHAUSTED_STATUS = 'awaiting_branch';

export interface VisitView {
  readonly id: string;
  readonly status: InPersonVisitStatus;
  readonly version: number;
  readonly classification: string | null;
  readonly kinds: readonly string[];
  readonly documents: readonly VisitDocumentRow[];
  /** Why a visit is invalid, for the console to say (docs/domain.md §4). */
  readonly invalidReason: string | null;
  readonly touched: string[];
}

interface Ctx {
  readonly store: Store;
  readonly archive: ArchiveService | null;
  readonly today: string;
}

type Checked = { part: 'questionnaire' | 'id_copy'; file: UploadedFile; mediaType: string };

/** Refuses an empty file or one whose first bytes are not JPEG, PNG or PDF, naming the part and file. */
function checkFile(part: Checked['part'], file: UploadedFile | undefined): CenterResult<Checked | null> {
  if (!file) return { ok: true, value: null };
  const label = part === 'id_copy' ? 'idCopy' : 'questionnaire';
  if (file.size === 0) return fail('invalid_request', `上传的文件 ${file.filename} 是空的`, `${label}: ${file.filename} is empty`);
  const mediaType = sniffDocumentType(file.head);
  if (!mediaType)
    return fail(
      'unsupported_media_type',
      `文件 ${file.filename} 不是 JPEG、PNG 图片或 PDF，请上传扫描件或照片`,
      `${label}: ${file.filename} is not a JPEG, PNG or PDF (by its first bytes; declared ${file.declaredType})`,
    );
  return { ok: true, value: { part, file, mediaType } };
}

/** Seals and adopts the files, then runs `work`; on any failure the adopted blobs are removed again: no orphan blob. */
async function withStoredDocuments<T>(
  archive: ArchiveService,
  files: readonly Checked[],
  work: (docs: { part: Checked['part']; mediaType: string; size: number; key: string }[]) => Promise<T>,
): Promise<T> {
  const sealed: SealedDocument[] = [];
  const adopted: string[] = [];
  try {
    for (const f of files) sealed.push(await sealDocument(archive, f.file.open()));
    for (const s of sealed) {
      await archive.blobs.adopt(s.file, s.key);
      adopted.push(s.key);
    }
    return await work(files.map((f, i) => ({ part: f.part, mediaType: f.mediaType, size: f.file.size, key: sealed[i].key })));
  } catch (err) {
    // Each sealed blob has a fresh IV, so no other row can refer to its key.
    await Promise.all(adopted.map((k) => archive.blobs.remove(k).catch(() => undefined)));
    throw err;
  } finally {
    await dropSealed(sealed.filter((s) => !adopted.includes(s.key)));
  }
}

async function insertDocuments(
  trx: Transaction<CenterDatabase>,
  visitId: string,
  staffNo: string,
  at: string,
  docs: { part: string; mediaType: string; size: number; key: string }[],
) {
  const rows = docs.map((d) => ({
    id: randomUUID(),
    visit_id: visitId,
    part: d.part,
    media_type: d.mediaType,
    size: d.size,
    blob_key: d.key,
    uploaded_by: staffNo,
    uploaded_at: at,
  }));
  if (rows.length > 0) await trx.insertInto('visit_documents').values(rows).execute();
  return rows.map((r) => ({ id: r.id, part: r.part as VisitDocumentRow['part'], mediaType: r.media_type, size: r.size, purgedAt: null }));
}

/** Counts a valid visit's answers like a call result (push-service.ts): same case update, same work orders. */
async function countResult(
  trx: Transaction<CenterDatabase>,
  raise: RaiseContext,
  policyNo: string,
  result: { category: string; kinds: string[] },
  staffNo: string,
  touched: Set<string>,
) {
  const row = await getCaseRow(trx, policyNo);
  if (!row || row.status !== EXHAUSTED_STATUS) throw new CaseMovedOn();
  const at = new Date().toISOString();
  const item = {
    id: randomUUID(),
    kind: 'result' as const,
    policyNo,
    occurredAt: at,
    data: { classification: result.category as 'problem', kinds: result.kinds },
  };
  await applyResultInTrx(trx, row, item, staffNo, raise, touched, at);
}

class CaseMovedOn extends Error {}
class StaleVisit extends Error {}

const movedOn = () =>
  fail(
    'conflict',
    '该保单已有回访结果（例如信函已寄回），无需上门回访',
    'the case already has a result (e.g. a returned letter): it is no longer waiting for a visit',
  );
const noArchive = () => fail('internal', '中心未配置加密存档，无法保存上门回访材料', 'the centre has no archive configured: visit documents cannot be stored');
const invalidReason = 'no ID copy: an in-person visit without a copy of the ID document is invalid (docs/domain.md §4)';

/**
 * Records an in-person visit from its uploaded documents. With the ID copy the visit is valid and
 * its answers are counted; without it the visit is kept as invalid and nothing is counted.
 */
export async function recordVisit(
  ctx: Ctx,
  user: StoredUser,
  input: { policyNo: string; visitedOn: string; answers: Record<string, string>; questionnaire?: UploadedFile; idCopy?: UploadedFile },
): Promise<CenterResult<VisitView>> {
  if (!ctx.archive) return noArchive();
  if (!input.questionnaire)
    return fail('invalid_request', '缺少投保人签名的问卷（questionnaire）', 'the signed questionnaire (file field questionnaire) is missing');
  const q = checkFile('questionnaire', input.questionnaire);
  if (!q.ok) return q;
  const id = checkFile('id_copy', input.idCopy);
  if (!id.ok) return id;
  const caseRow = await getCaseRow(ctx.store.db, input.policyNo);
  if (!caseRow) return fail('unknown_case', `没有保单 ${input.policyNo}`, `no case ${input.policyNo}`);
  const branchCode = (JSON.parse(caseRow.data) as PolicyCase).branch.code;
  const denied = requireBranch(user, branchCode);
  if (denied) return { ok: false, error: denied };
  if (caseRow.status !== EXHAUSTED_STATUS)
    return fail(
      'conflict',
      `保单 ${input.policyNo} 当前不需要上门回访`,
      `case ${input.policyNo} is ${caseRow.status}: visits only after the phone attempts are exhausted (awaiting_branch)`,
    );
  const open = await ctx.store.db
    .selectFrom('in_person_visits')
    .select('id')
    .where('policy_no', '=', input.policyNo)
    .where('status', '=', 'invalid')
    .executeTakeFirst();
  if (open)
    return fail(
      'conflict',
      '该保单已有一次待补身份证件的上门回访，请在该记录上补传，勿重复提交',
      `case ${input.policyNo} already has an invalid visit ${open.id} waiting for its ID copy; add the copy to it`,
    );
  const rebuilt = resultFromAnswers(DEFAULT_SCRIPT, input.answers);
  if (!rebuilt.ok) return { ok: false, error: syncError('invalid_request', { zh: '问卷答案不合规', en: rebuilt.problem }) };
  const result = categoryOf(rebuilt.result);
  const status: InPersonVisitStatus = id.value ? 'valid' : 'invalid';
  const visitId = randomUUID();
  const touched = new Set<string>();
  // Read before the transaction: on SQLite a read outside it would wait for the transaction's lock.
  const raise = { today: ctx.today, calendar: await centreCalendar(ctx.store) };
  try {
    const documents = await withStoredDocuments(
      ctx.archive,
      [q.value, ...(id.value ? [id.value] : [])].filter((x) => x !== null),
      (docs) =>
        changeFeedTransaction(ctx.store, async (trx) => {
          const at = new Date().toISOString();
          await trx
            .insertInto('in_person_visits')
            .values({
              id: visitId,
              policy_no: input.policyNo,
              branch_code: branchCode,
              status,
              visited_on: input.visitedOn,
              answers: JSON.stringify(input.answers),
              result_class: status === 'valid' ? result.category : null,
              result_kinds: status === 'valid' ? JSON.stringify(result.kinds) : null,
              recorded_by: user.staffNo,
              recorded_at: at,
              version: 1,
            })
            .execute();
          const rows = await insertDocuments(trx, visitId, user.staffNo, at, docs);
          if (status === 'valid') await countResult(trx, raise, input.policyNo, result, user.staffNo, touched);
          await audit(trx, {
            actor: user.staffNo,
            action: 'visits.in_person_recorded',
            target: input.policyNo,
            detail: { visitId, status, ...(status === 'valid' ? result : {}) },
          });
          return rows;
        }),
    );
    return { ok: true, value: view(visitId, status, 1, status === 'valid' ? result : null, documents, touched) };
  } catch (err) {
    if (err instanceof CaseMovedOn) return movedOn();
    throw err;
  }
}

/** Adds the missing ID copy to an invalid visit (read at `version`): the visit becomes valid and its answers count. */
export async function addIdCopy(
  ctx: Ctx,
  user: StoredUser,
  visitId: string,
  version: number,
  idCopy: UploadedFile | undefined,
): Promise<CenterResult<VisitView>> {
  if (!ctx.archive) return noArchive();
  const visit = await ctx.store.db.selectFrom('in_person_visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  if (!visit) return fail('not_found', '没有这条上门回访记录', `no in-person visit ${visitId}`);
  const denied = requireBranch(user, visit.branch_code);
  if (denied) return { ok: false, error: denied };
  const next = nextVisitStatus(visit.status as InPersonVisitStatus, 'id_copy_added');
  if (!next) return fail('conflict', '该上门回访已有效办结，不能再修改', `visit ${visitId} is closed (${visit.status}); it cannot be edited`);
  if (Number(visit.version) !== version)
    return fail('conflict', '表单已过期，请刷新后重试', `stale form: visit is at version ${visit.version}, the form was read at ${version}`);
  if (!idCopy) return fail('invalid_request', '缺少身份证件复印件（idCopy）', 'the ID copy (file field idCopy) is missing');
  const id = checkFile('id_copy', idCopy);
  if (!id.ok || !id.value) return id.ok ? fail('invalid_request', '缺少身份证件复印件', 'idCopy missing') : id;
  const rebuilt = resultFromAnswers(DEFAULT_SCRIPT, JSON.parse(visit.answers) as Record<string, string>);
  if (!rebuilt.ok) return { ok: false, error: syncError('invalid_request', { zh: '问卷答案不合规', en: rebuilt.problem }) };
  const result = categoryOf(rebuilt.result);
  const touched = new Set<string>();
  const raise = { today: ctx.today, calendar: await centreCalendar(ctx.store) };
  try {
    await withStoredDocuments(ctx.archive, [id.value], (docs) =>
      changeFeedTransaction(ctx.store, async (trx) => {
        const r = await trx
          .updateTable('in_person_visits')
          .set({ status: next, version: version + 1, result_class: result.category, result_kinds: JSON.stringify(result.kinds) })
          .where('id', '=', visitId)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new StaleVisit();
        await insertDocuments(trx, visitId, user.staffNo, new Date().toISOString(), docs);
        await countResult(trx, raise, visit.policy_no, result, user.staffNo, touched);
        await audit(trx, { actor: user.staffNo, action: 'visits.in_person_id_copy_added', target: visit.policy_no, detail: { visitId, ...result } });
      }),
    );
  } catch (err) {
    if (err instanceof StaleVisit) return fail('conflict', '表单已过期，请刷新后重试', 'stale form: the visit changed meanwhile');
    if (err instanceof CaseMovedOn) return movedOn();
    throw err;
  }
  const documents = await ctx.store.db.selectFrom('visit_documents').select(DOCUMENT_COLUMNS).where('visit_id', '=', visitId).execute();
  return { ok: true, value: view(visitId, next, version + 1, result, documents.map(documentRow), touched) };
}

function view(
  id: string,
  status: InPersonVisitStatus,
  version: number,
  result: { category: string; kinds: string[] } | null,
  documents: VisitDocumentRow[],
  touched: Set<string>,
): VisitView {
  return {
    id,
    status,
    version,
    classification: result?.category ?? null,
    kinds: result?.kinds ?? [],
    documents,
    invalidReason: status === 'invalid' ? invalidReason : null,
    touched: [...touched],
  };
}
