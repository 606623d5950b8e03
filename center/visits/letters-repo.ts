import { randomUUID } from 'node:crypto';
import { syncError, type CenterResult } from '../../shared/sync';
import type { LetterStatus } from '../../shared/sync/visits';
import type { PolicyCase } from '../../shared/domain/case';
import { requireBranch } from '../auth/branch-scope';
import { audit } from '../store/audit-repo';
import type { StoredUser } from '../store/users-repo';
import type { Store } from '../store/open-store';

/**
 * A case may go to a letter only once its phone attempts are exhausted: the desk then pushes a
 * 核实件 (verification, not reached) and the case waits for the branch (`awaiting_branch`,
 * center/sync/push-service.ts). docs/domain.md §4: phone first, letter or visit after.
 */
const EXHAUSTED_STATUS = 'awaiting_branch';

/** The cases of a letter batch, in request order, or the first reason one of them may not get a letter. */
export async function lettersCases(store: Store, user: StoredUser, policyNos: readonly string[]): Promise<CenterResult<PolicyCase[]>> {
  const unique = [...new Set(policyNos)];
  if (unique.length !== policyNos.length)
    return { ok: false, error: syncError('invalid_request', { zh: '同一保单在批次中出现多次', en: 'a policy appears more than once in the batch' }) };
  const rows = await store.db.selectFrom('cases').select(['policy_no', 'data', 'status']).where('policy_no', 'in', unique).execute();
  const byNo = new Map(rows.map((r) => [r.policy_no, r]));
  const cases: PolicyCase[] = [];
  for (const no of unique) {
    const row = byNo.get(no);
    if (!row) return { ok: false, error: syncError('unknown_case', { zh: `没有保单 ${no}`, en: `no case ${no}` }) };
    const data = JSON.parse(row.data) as PolicyCase;
    const denied = requireBranch(user, data.branch.code);
    if (denied) return { ok: false, error: denied };
    if (row.status !== EXHAUSTED_STATUS)
      return {
        ok: false,
        error: syncError('conflict', {
          zh: `保单 ${no} 的电话回访尚未穷尽，不能改为信函回访`,
          en: `case ${no} is ${row.status}: letters only after the phone attempts are exhausted (awaiting_branch)`,
        }),
      };
    cases.push(data);
  }
  return { ok: true, value: cases };
}

/** Records one printed letter per case in one transaction, audited; returns the batch id. */
export async function recordLetters(store: Store, user: StoredUser, cases: readonly PolicyCase[], at: string): Promise<string> {
  const batchId = randomUUID();
  const status: LetterStatus = 'printed';
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('visit_letters')
      .values(
        cases.map((c) => ({
          batch_id: batchId,
          policy_no: c.policyNo,
          branch_code: c.branch.code,
          status,
          printed_by: user.staffNo,
          printed_at: at,
          mailed_on: null,
          answers: null,
          result_class: null,
          result_kinds: null,
          version: 1,
        })),
      )
      .execute();
    await audit(trx, { actor: user.staffNo, action: 'visits.letters_printed', target: batchId, detail: { policyNos: cases.map((c) => c.policyNo) } });
  });
  return batchId;
}
