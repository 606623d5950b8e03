import type { Kysely } from 'kysely';
import type { CallbackItem, PushAck } from '../../shared/sync';
import type { CasesTable, CenterDatabase } from '../store/db-schema';
import { assignInTrx } from '../store/cases-repo';
import { appendChange } from '../store/changes-repo';
import { audit } from '../store/audit-repo';
import { TERMINAL_STATUSES } from '../store/case-row';
import { nowIso } from '../store/clock';

/** Why a booking is refused. */
const badAssignee = (assignee: string) =>
  ({
    code: 'bad_assignee',
    zh: `工号 ${assignee} 不是本组在岗坐席，不能为其预约回呼`,
    en: `${assignee} is not an active agent of the case's team`,
  }) as const;

/**
 * Stores a pushed callback inside the push transaction (the caller has checked that the booker
 * worked the case and that the client id is new) and routes it to its assignee's pull:
 *
 * - assignee must be an active agent or team lead of the case's team, else `bad_assignee`;
 * - assignee null → delivered to whoever holds the case (the booker when nobody does);
 * - assignee not the holder of an open case → the case is handed over to the assignee (the
 *   previous holder's workstation drops it), audited as `case.callback_handover`;
 * - the assignee's change feed gets an `upsert` so their next pull carries case and callback;
 * - a callback on a finished case is kept as a fact but delivered to nobody.
 *
 * Returns the refusal reason, or undefined when stored.
 */
export async function bookCallbackInTrx(
  trx: Kysely<CenterDatabase>,
  row: CasesTable,
  staffNo: string,
  item: CallbackItem,
  touched: Set<string>,
): Promise<PushAck['reason'] | undefined> {
  const assignee = item.data.assignee;
  if (assignee !== null) {
    const user = await trx.selectFrom('users').select(['role', 'team', 'active']).where('staff_no', '=', assignee).executeTakeFirst();
    const ok = user && Number(user.active) === 1 && (user.role === 'agent' || user.role === 'team_lead') && user.team === row.team;
    if (!ok) return badAssignee(assignee);
  }
  const deliverTo = assignee ?? row.assigned_to ?? staffNo;
  await trx
    .insertInto('callbacks')
    .values({
      id: item.id,
      policy_no: item.policyNo,
      assignee,
      deliver_to: deliverTo,
      booked_by: staffNo,
      booked_at: item.occurredAt,
      due_at: item.data.dueAt,
      note: item.data.note,
      override_reason: item.data.overrideReason ?? null,
    })
    .execute();
  if (TERMINAL_STATUSES.includes(row.status as never)) return undefined;
  if (row.assigned_to !== deliverTo) {
    for (const s of await assignInTrx(trx, row, deliverTo, staffNo)) touched.add(s);
    await audit(trx, {
      actor: staffNo,
      action: 'case.callback_handover',
      target: row.policy_no,
      detail: { from: row.assigned_to, to: deliverTo, callback: item.id },
    });
    return undefined;
  }
  await trx
    .updateTable('cases')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('policy_no', '=', row.policy_no)
    .execute();
  await appendChange(trx, deliverTo, row.policy_no, 'upsert', 'callback');
  touched.add(deliverTo);
  return undefined;
}
