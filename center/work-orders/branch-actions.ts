import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PHONE_PROBLEM_TEXT, maskPhone, parsePhone, type PolicyCase } from '../../shared/domain';
import type { BranchCloseResolution, BranchFollowUpAction } from '../../shared/sync/branch-console';
import { syncError, type CenterResult } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import type { Store } from '../store/open-store';
import type { StoredUser } from '../store/users-repo';
import { requireBranch } from '../auth/branch-scope';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import { closeRefusal, getWorkOrder, type WorkOrderRow } from './work-orders-repo';
import { returnCaseInTrx } from './revisit-loop';
import { changeFeedTransaction } from '../store/changes-repo';

type Db = Kysely<CenterDatabase>;
type Done = CenterResult<null>;

const ok: Done = { ok: true, value: null };

/**
 * Runs one branch write on an order in a transaction, after the checks every write shares: the
 * order exists, the user covers its branch (403), it is still open (409 `order_closed`) and the
 * form was made against its current version (409 `stale_version` — also what a form submitted
 * twice gets). The version is bumped with a compare-and-set, so two writers racing on one version
 * cannot both succeed.
 */
async function writeOrder(store: Store, user: StoredUser, id: number, version: number, apply: (trx: Db, row: WorkOrderRow) => Promise<Done>): Promise<Done> {
  // A feed transaction: a returned case may go straight back to its agent's desk.
  return changeFeedTransaction(store, async (trx): Promise<Done> => {
    const row = await getWorkOrder(trx, id);
    if (!row) return { ok: false, error: syncError('not_found', { zh: '没有这个工单', en: 'no such work order' }) };
    const denied = requireBranch(user, row.branch_code);
    if (denied) return { ok: false, error: denied };
    if (row.status === 'done') return { ok: false, error: syncError('order_closed') };
    const bumped = await trx
      .updateTable('work_orders')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) {
      return { ok: false, error: syncError('stale_version', { en: `the order is at version ${Number(row.version)}, the form was made at ${version}` }) };
    }
    const done = await apply(trx, row);
    // A refusal inside `apply` must undo the bump: throwing rolls the transaction back.
    if (!done.ok) throw new Refused(done);
    return done;
  }).catch((err: unknown) => {
    if (err instanceof Refused) return err.result;
    throw err;
  });
}

class Refused extends Error {
  constructor(readonly result: Done) {
    super('refused');
  }
}

async function addEvent(trx: Db, id: number, by: string, type: string, action: string | null, note: string | null): Promise<void> {
  await trx.insertInto('work_order_events').values({ work_order_id: id, at: nowIso(), by_staff: by, type, action, note }).execute();
}

/** Records what the branch did (已联系客户并解释 …). */
export async function recordFollowUp(
  store: Store,
  user: StoredUser,
  id: number,
  body: { action: BranchFollowUpAction; note: string; version: number },
): Promise<Done> {
  return writeOrder(store, user, id, body.version, async (trx, row) => {
    await addEvent(trx, id, user.staffNo, 'follow_up', body.action, body.note);
    await audit(trx, { actor: user.staffNo, action: 'work_order.follow_up', target: row.policy_no, detail: { workOrderId: id, followUp: body.action } });
    return ok;
  });
}

/**
 * Corrects the policyholder's phone (checked like an imported number), kept as a phone correction
 * with the original, and sends the case back to the call centre for a revisit on the new number.
 */
export async function correctPhone(
  store: Store,
  user: StoredUser,
  id: number,
  body: { phone: string; note?: string; version: number },
  today: string,
  /** Filled with the desks whose queues changed (a returned case), for the caller to notify after commit. */
  notify: string[] = [],
): Promise<Done> {
  const parsed = parsePhone(body.phone);
  if (!parsed.ok) {
    const text = PHONE_PROBLEM_TEXT[parsed.problem];
    return { ok: false, error: syncError('invalid_request', { zh: `电话号码不可用：${text.zh}`, en: `the phone number is not usable: ${text.en}` }) };
  }
  return writeOrder(store, user, id, body.version, async (trx, row) => {
    const c = await trx.selectFrom('cases').select(['data', 'holder_phone']).where('policy_no', '=', row.policy_no).executeTakeFirstOrThrow();
    const original = (JSON.parse(c.data) as PolicyCase).policyholder.phones[0] ?? c.holder_phone ?? '-';
    const at = nowIso();
    await trx
      .insertInto('phone_corrections')
      .values({
        id: randomUUID(),
        policy_no: row.policy_no,
        original: original.trim() === '' ? '-' : original,
        corrected: parsed.normalized,
        reason: body.note ?? 'corrected by the branch',
        corrected_by: user.staffNo,
        corrected_at: at,
        received_at: at,
      })
      .execute();
    const { returned, touched } = await returnCaseInTrx(trx, row.policy_no, today, user.staffNo);
    notify.push(...touched);
    if (returned) await trx.updateTable('work_orders').set({ revisit_pending: 1 }).where('id', '=', id).execute();
    await addEvent(trx, id, user.staffNo, 'phone', null, [maskPhone(parsed.normalized), body.note].filter(Boolean).join(' '));
    // The numbers stay in phone_corrections, not in the audit log.
    await audit(trx, { actor: user.staffNo, action: 'work_order.phone', target: row.policy_no, detail: { workOrderId: id, caseReturned: returned } });
    return ok;
  });
}

/**
 * Closes the order (docs/domain.md §7): `resolved` ends it; `revisit` ends the branch's part and
 * sends the case back for a revisit whose result closes or reopens it. The same refusals as the
 * team's close: 第18条 (the seller may not handle a mis-selling order), 逾期说明 past due.
 */
export async function closeBranchOrder(
  store: Store,
  user: StoredUser,
  id: number,
  body: { resolution: BranchCloseResolution; outcome: string; handledBy: string; lateExplanation?: string; version: number },
  today: string,
  /** As `correctPhone`'s. */
  notify: string[] = [],
): Promise<Done> {
  return writeOrder(store, user, id, body.version, async (trx, row) => {
    const refused = closeRefusal(row, body, today);
    if (refused) return { ok: false, error: refused };
    const at = nowIso();
    const explain = body.lateExplanation ? { late_explanation: body.lateExplanation, late_explained_by: user.staffNo, late_explained_at: at } : {};
    if (body.lateExplanation) await addEvent(trx, id, user.staffNo, 'late_explanation', null, body.lateExplanation);
    const { returned, touched } =
      body.resolution === 'revisit' ? await returnCaseInTrx(trx, row.policy_no, today, user.staffNo) : { returned: false, touched: [] };
    notify.push(...touched);
    if (body.resolution === 'revisit' && !returned) {
      return {
        ok: false,
        error: syncError('conflict', {
          zh: '该保单已不在可再次回访的状态（已撤件或仍在坐席队列中）',
          en: 'the case cannot be sent back for a revisit (closed elsewhere or still queued)',
        }),
      };
    }
    await trx
      .updateTable('work_orders')
      .set({
        status: 'done',
        closed_at: at,
        closed_on: today,
        closed_by: user.staffNo,
        handled_by: body.handledBy,
        outcome: body.outcome,
        ...explain,
        revisit_pending: returned ? 1 : 0,
      })
      .where('id', '=', id)
      .execute();
    await addEvent(trx, id, user.staffNo, 'closed', body.resolution, body.outcome);
    await audit(trx, {
      actor: user.staffNo,
      action: 'work_order.close',
      target: row.policy_no,
      detail: { workOrderId: id, resolution: body.resolution, late: today > row.due_date, handledBy: body.handledBy, caseReturned: returned },
    });
    return ok;
  });
}
