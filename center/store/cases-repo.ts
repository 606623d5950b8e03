import { syncError, type CenterResult } from '../../shared/sync';
import type { Kysely } from 'kysely';
import type { CenterDatabase, CasesTable } from './db-schema';
import type { Store } from './open-store';
import { appendChange, changeFeedTransaction } from './changes-repo';
import { nowIso } from './clock';
import { QUEUE_STATUSES, TERMINAL_STATUSES } from './case-row';
import { audit } from './audit-repo';

/** Reads one case row. */
export async function getCaseRow(db: Kysely<CenterDatabase>, policyNo: string): Promise<CasesTable | undefined> {
  return db.selectFrom('cases').selectAll().where('policy_no', '=', policyNo).executeTakeFirst();
}

/**
 * Puts a case into an agent's queue inside `trx` (caller holds the change-feed lock).
 * Ends the previous assignment and tells the previous agent to drop it.
 * Returns the staff numbers whose feed changed.
 */
export async function assignInTrx(
  trx: Kysely<CenterDatabase>,
  row: Pick<CasesTable, 'policy_no' | 'status' | 'assigned_to'>,
  staffNo: string,
  by: string,
): Promise<string[]> {
  const at = nowIso();
  const touched = [staffNo];
  if (row.assigned_to && row.assigned_to !== staffNo) {
    await appendChange(trx, row.assigned_to, row.policy_no, 'drop', 'reassigned');
    touched.push(row.assigned_to);
  }
  await trx.updateTable('assignments').set({ ended_at: at }).where('policy_no', '=', row.policy_no).where('ended_at', 'is', null).execute();
  await trx.insertInto('assignments').values({ policy_no: row.policy_no, staff_no: staffNo, assigned_at: at, assigned_by: by, ended_at: null }).execute();
  const status = row.status === 'in_progress' ? 'in_progress' : 'assigned';
  await trx
    .updateTable('cases')
    .set((eb) => ({ assigned_to: staffNo, assigned_at: at, status, updated_at: at, version: eb('version', '+', 1) }))
    .where('policy_no', '=', row.policy_no)
    .execute();
  await appendChange(trx, staffNo, row.policy_no, 'upsert', 'assigned');
  return touched;
}

/** Team-lead / admin reassignment of an open case to another agent. */
export async function reassignCase(store: Store, policyNo: string, toStaffNo: string, actor: string): Promise<CenterResult<{ touched: string[] }>> {
  return changeFeedTransaction(store, async (trx) => {
    const row = await getCaseRow(trx, policyNo);
    if (!row) return { ok: false, error: syncError('unknown_case') };
    if (TERMINAL_STATUSES.includes(row.status as never)) {
      return { ok: false, error: syncError('conflict', { zh: '该件已结束，不能改派', en: `case is ${row.status}; it cannot be reassigned` }) };
    }
    const touched = await assignInTrx(trx, row, toStaffNo, actor);
    await audit(trx, { actor, action: 'case.reassign', target: policyNo, detail: { from: row.assigned_to, to: toStaffNo } });
    return { ok: true, value: { touched } };
  });
}

/** Closes a case elsewhere (surrender, withdrawal…): its agent's workstation is told to drop it. */
export async function closeCase(store: Store, policyNo: string, reason: string, actor: string): Promise<CenterResult<{ touched: string[] }>> {
  return changeFeedTransaction(store, async (trx) => {
    const row = await getCaseRow(trx, policyNo);
    if (!row) return { ok: false, error: syncError('unknown_case') };
    if (row.status === 'closed') return { ok: true, value: { touched: [] } };
    const at = nowIso();
    await trx
      .updateTable('cases')
      .set((eb) => ({ status: 'closed', closed_reason: reason, updated_at: at, version: eb('version', '+', 1) }))
      .where('policy_no', '=', policyNo)
      .execute();
    const touched: string[] = [];
    if (row.assigned_to && QUEUE_STATUSES.includes(row.status as never)) {
      await appendChange(trx, row.assigned_to, policyNo, 'drop', 'closed');
      touched.push(row.assigned_to);
    }
    await audit(trx, { actor, action: 'case.close', target: policyNo, detail: { reason } });
    return { ok: true, value: { touched } };
  });
}
