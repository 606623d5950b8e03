import type { Kysely } from 'kysely';
import type { PhoneCorrectionItem, PushAck } from '../../shared/sync';
import type { CasesTable, CenterDatabase } from '../store/db-schema';
import { appendChange } from '../store/changes-repo';
import { audit } from '../store/audit-repo';
import { QUEUE_STATUSES, TERMINAL_STATUSES } from '../store/case-row';
import { nowIso } from '../store/clock';
import { phoneCorrectionsRepo } from '../store/phone-corrections-repo';

/** Why a correction is refused: it names someone other than the caller. */
const notCaller = (correctedBy: string, staffNo: string) =>
  ({
    code: 'not_caller',
    zh: `更正人工号 ${correctedBy} 与登录工号 ${staffNo} 不符`,
    en: `correctedBy ${correctedBy} is not the signed-in agent ${staffNo}`,
  }) as const;

/**
 * Stores a pushed phone correction inside the push transaction (the caller has checked that the
 * case exists, that it was assigned to `staffNo` at some point and that the client id is new):
 *
 * - attributed to the caller: `data.correctedBy` must be the caller, else `not_caller`;
 * - stored for a finished case too (it is a fact the branch needs), but delivered to nobody;
 * - for an open case the version is bumped and, when someone holds it in their queue, their
 *   change feed gets an `upsert` so their next pull carries the correction (`touched` → notify);
 * - audited as a change of personal data (`case.phone_correction`; the numbers themselves stay
 *   in `phone_corrections`, not in the audit log).
 *
 * Returns the refusal reason, or undefined when stored.
 */
export async function recordPhoneCorrectionInTrx(
  trx: Kysely<CenterDatabase>,
  row: CasesTable,
  staffNo: string,
  item: PhoneCorrectionItem,
  touched: Set<string>,
): Promise<PushAck['reason'] | undefined> {
  if (item.data.correctedBy !== staffNo) return notCaller(item.data.correctedBy, staffNo);
  await phoneCorrectionsRepo.insert(trx, item, staffNo);
  const holder = row.assigned_to && QUEUE_STATUSES.includes(row.status as never) ? row.assigned_to : null;
  await audit(trx, {
    actor: staffNo,
    action: 'case.phone_correction',
    target: row.policy_no,
    detail: { item: item.id, markedWrongOnly: item.data.corrected === null, caseStatus: row.status, deliveredTo: holder },
  });
  if (TERMINAL_STATUSES.includes(row.status as never)) return undefined;
  await trx
    .updateTable('cases')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('policy_no', '=', row.policy_no)
    .execute();
  if (holder) {
    await appendChange(trx, holder, row.policy_no, 'upsert', 'phone_correction');
    touched.add(holder);
  }
  return undefined;
}
