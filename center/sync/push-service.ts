import type { Insertable, Kysely } from 'kysely';
import type { ParsedPushItem, PushAck, ResultItem } from '../../shared/sync';
import type { CasesTable, CenterDatabase, SyncItemsTable } from '../store/db-schema';
import type { StoreEngine } from '../store/engine';
import { compiledOnce } from '../store/compiled-once';
import type { Store } from '../store/open-store';
import type { getCaseRow } from '../store/cases-repo';
import { appendChange, changeFeedTransaction } from '../store/changes-repo';
import { TERMINAL_STATUSES } from '../store/case-row';
import { localToday, nowIso } from '../store/clock';
import { raiseWorkOrderInTrx, type RaiseContext } from '../work-orders/work-orders-repo';
import { settleRevisitInTrx } from '../work-orders/revisit-loop';
import { canonicalJson, digestOf } from './canonical-digest';
import { bookCallbackInTrx } from './book-callback';
import { recordPhoneCorrectionInTrx } from './record-phone-correction';
import { centreCalendar } from '../calendar/calendar-years-repo';
import { noteResultInTrx } from '../result-checks/result-checks';

/** Outcome of one push: an ack per item, in request order, and the agents whose feed changed. */
export interface PushOutcome {
  readonly acks: PushAck[];
  readonly touched: string[];
}

/** The centre's date and working calendar, for the work orders a result raises. */
export type PushContext = Partial<RaiseContext>;

const reasons = {
  unknown_case: { code: 'unknown_case', zh: '中心没有这个保单的回访件', en: 'the centre has no case with this policy number' },
  not_assigned: { code: 'not_assigned', zh: '该件从未分配给你', en: 'this case was never assigned to you' },
  id_reused: { code: 'id_reused', zh: '该编号已用于另一条记录', en: 'this id was already used for different content' },
} as const;

/**
 * Applies pushed items exactly once. The whole batch runs in one transaction; each item is
 * inserted under its client id (primary key), and its effects on the case are applied only when
 * that insert actually happened. A repeat after a timeout or a centre restart therefore finds the
 * id and answers `duplicate` without touching anything; a crash mid-batch rolls everything back
 * and the repeat applies it once.
 *
 * Hard cases: the item is attributed to the caller (who made the call) even when the
 * case was reassigned meanwhile, and a result closes the case for whoever holds it now.
 *
 * A result's `override` (the agent changed the computed classification) is kept on the case row
 * (`cases.result_override`, JSON). A phone correction is stored and routed by
 * `recordPhoneCorrectionInTrx`, a callback by `bookCallbackInTrx`.
 *
 * A non-standard result that closes its case raises a work order to the selling branch in the
 * same transaction (docs/domain.md §7), due in working days counted from `ctx.today` (default: the
 * centre's local date) on the centre's calendar (loaded holiday schedules included). A redelivered result is a `duplicate` and raises nothing.
 */
export async function applyPush(store: Store, staffNo: string, items: readonly ParsedPushItem[], ctx: PushContext = {}): Promise<PushOutcome> {
  // Only a result can raise a work order: the calendar (a read of its own) is not needed otherwise.
  const needsCalendar = ctx.calendar === undefined && items.some((i) => i.kind === 'result');
  const raise: RaiseContext = { today: ctx.today ?? localToday(), calendar: needsCalendar ? await centreCalendar(store) : ctx.calendar };
  return changeFeedTransaction(store, async (trx) => {
    const acks: PushAck[] = [];
    const touched = new Set<string>();
    for (const item of items) acks.push(await applyOne(trx, store.engine, staffNo, item, touched, raise));
    return { acks, touched: [...touched] };
  });
}

/** What an item finds before it is applied: its id stored already, and its case (null for sessions and missed calls). */
type Found = { seen: { staff_no: string; digest: string } | undefined; row: CasesTable | undefined; everAssigned: boolean };

const seenItem = compiledOnce((db, p: { id: string }) => db.selectFrom('sync_items').select(['staff_no', 'digest']).where('id', '=', p.id));

const caseAndItem = compiledOnce((db, p: { id: string; policyNo: string; staffNo: string }) =>
  db
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      eb.selectFrom('sync_items').select('staff_no').where('id', '=', p.id).as('seen_staff'),
      eb.selectFrom('sync_items').select('digest').where('id', '=', p.id).as('seen_digest'),
      eb
        .exists(eb.selectFrom('assignments').select('id').where('assignments.policy_no', '=', p.policyNo).where('assignments.staff_no', '=', p.staffNo))
        .as('ever_assigned'),
    ])
    .where('cases.policy_no', '=', p.policyNo),
);

/**
 * The id's earlier use, the case and whether it was ever assigned to `staffNo`, in one statement
 * when the case exists (three round trips per item were most of a push's time on PostgreSQL).
 */
async function lookUp(trx: Kysely<CenterDatabase>, engine: StoreEngine, staffNo: string, item: ParsedPushItem): Promise<Found> {
  const seenAlone = async () => (await seenItem(trx, engine, { id: item.id }))[0];
  if (item.kind === 'session' || item.kind === 'missed_call') return { seen: await seenAlone(), row: undefined, everAssigned: false };
  const [found] = await caseAndItem(trx, engine, { id: item.id, policyNo: item.policyNo, staffNo });
  if (!found) return { seen: await seenAlone(), row: undefined, everAssigned: false };
  const { seen_staff, seen_digest, ever_assigned, ...row } = found;
  const seen = seen_staff === null || seen_digest === null ? undefined : { staff_no: seen_staff, digest: seen_digest };
  // SQLite answers 0/1, PostgreSQL a boolean.
  return { seen, row, everAssigned: Number(ever_assigned) === 1 };
}

/** An attempt on an open case: counted, the case in progress. */
const countAttempt = compiledOnce((db, p: { status: string; at: string; policyNo: string }) =>
  db
    .updateTable('cases')
    .set((eb) => ({ attempt_count: eb('attempt_count', '+', 1), status: p.status, updated_at: p.at, version: eb('version', '+', 1) }))
    .where('policy_no', '=', p.policyNo),
);

const storeItem = compiledOnce((db, p: Insertable<SyncItemsTable>) =>
  db.insertInto('sync_items').values({
    id: p.id,
    kind: p.kind,
    policy_no: p.policy_no,
    staff_no: p.staff_no,
    payload: p.payload,
    digest: p.digest,
    occurred_at: p.occurred_at,
    received_at: p.received_at,
  }),
);

async function applyOne(
  trx: Kysely<CenterDatabase>,
  engine: StoreEngine,
  staffNo: string,
  item: ParsedPushItem,
  touched: Set<string>,
  raise: RaiseContext,
): Promise<PushAck> {
  const digest = digestOf(item);
  const { seen: existing, row, everAssigned } = await lookUp(trx, engine, staffNo, item);
  if (existing) {
    if (existing.digest === digest && existing.staff_no === staffNo) return { id: item.id, status: 'duplicate', attributedTo: staffNo };
    return { id: item.id, status: 'rejected', reason: reasons.id_reused };
  }

  let caseNote: PushAck['caseNote'];
  if (item.kind !== 'session' && item.kind !== 'missed_call') {
    if (!row) return { id: item.id, status: 'rejected', reason: reasons.unknown_case };
    if (!everAssigned) return { id: item.id, status: 'rejected', reason: reasons.not_assigned };

    const terminal = TERMINAL_STATUSES.includes(row.status as never);
    if (terminal) caseNote = 'already_closed';
    else if (row.assigned_to !== staffNo) caseNote = 'reassigned';

    if (item.kind === 'callback') {
      const refused = await bookCallbackInTrx(trx, row, staffNo, item, touched);
      if (refused) return { id: item.id, status: 'rejected', reason: refused };
    } else if (item.kind === 'phone_correction') {
      const refused = await recordPhoneCorrectionInTrx(trx, row, staffNo, item, touched);
      if (refused) return { id: item.id, status: 'rejected', reason: refused };
    } else if (!terminal) {
      const at = nowIso();
      if (item.kind === 'attempt') {
        await countAttempt(trx, engine, { status: row.status === 'assigned' ? 'in_progress' : row.status, at, policyNo: item.policyNo });
        if (row.assigned_to && row.assigned_to !== staffNo) {
          await appendChange(trx, row.assigned_to, item.policyNo, 'upsert', 'attempt_elsewhere');
          touched.add(row.assigned_to);
        }
      } else {
        await applyResultInTrx(trx, row, item, staffNo, raise, touched, at);
      }
    } else if (item.kind === 'attempt') {
      // A late attempt on a finished case is still a fact: count it, change nothing else.
      await trx
        .updateTable('cases')
        .set((eb) => ({ attempt_count: eb('attempt_count', '+', 1) }))
        .where('policy_no', '=', item.policyNo)
        .execute();
    }
  }

  await storeItem(trx, engine, {
    id: item.id,
    kind: item.kind,
    policy_no: item.kind === 'session' || item.kind === 'missed_call' ? null : item.policyNo,
    staff_no: staffNo,
    payload: canonicalJson(item),
    digest,
    occurred_at: item.occurredAt,
    received_at: nowIso(),
  });
  // The centre checks what it is told: re-derived from the archived session (README "Result checks").
  if (item.kind === 'result') await noteResultInTrx(trx, item, staffNo);
  return caseNote ? { id: item.id, status: 'accepted', attributedTo: staffNo, caseNote } : { id: item.id, status: 'accepted', attributedTo: staffNo };
}

/**
 * A result's effect on its case: the classification closes it (核实件 waits for the branch), a
 * non-standard result raises its work order, the holder's feed drops it. Shared by pushed call
 * results and returned letter questionnaires (center/visits/letter-events.ts), so both count alike.
 */
export async function applyResultInTrx(
  trx: Kysely<CenterDatabase>,
  row: NonNullable<Awaited<ReturnType<typeof getCaseRow>>>,
  item: ResultItem,
  staffNo: string,
  raise: RaiseContext,
  touched: Set<string>,
  at: string,
): Promise<void> {
  const status = item.data.classification === 'verification' ? 'awaiting_branch' : 'completed';
  await trx
    .updateTable('cases')
    .set((eb) => ({
      status,
      result_class: item.data.classification,
      result_by: staffNo,
      result_item_id: item.id,
      result_override: item.data.override ? JSON.stringify(item.data.override) : null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('policy_no', '=', item.policyNo)
    .execute();
  // A revisit the branch asked for settles its order; any other result raises one (docs/domain.md §7).
  if (!(await settleRevisitInTrx(trx, row, item, staffNo, raise))) await raiseWorkOrderInTrx(trx, row, item, staffNo, raise);
  if (row.assigned_to) {
    await appendChange(trx, row.assigned_to, item.policyNo, 'drop', 'completed');
    touched.add(row.assigned_to);
  }
}
