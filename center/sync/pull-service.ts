import { decodeCursor, encodeCursor, syncError, type CenterResult, type DropReason, type PullResponse, type PulledCallback } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { beyondFeed, changesSince, maxChangeSeq } from '../store/changes-repo';
import { QUEUE_STATUSES, toAssignedCase } from '../store/case-row';
import type { CasesTable } from '../store/db-schema';
import { phoneCorrectionsRepo } from '../store/phone-corrections-repo';

function dropReason(row: CasesTable | undefined, staffNo: string): DropReason {
  if (!row || row.status === 'closed') return 'closed';
  if (row.status === 'completed' || row.status === 'awaiting_branch') return 'completed';
  if (row.assigned_to !== staffNo) return 'reassigned';
  return 'closed';
}

/**
 * Callbacks routed to `staffNo` for cases in `keep`; `policyNos` narrows the query (null: all of
 * the agent's). Redelivering one is harmless: the workstation stores each id once.
 */
async function callbacksFor(store: Store, staffNo: string, policyNos: readonly string[] | null, keep: ReadonlySet<string>): Promise<PulledCallback[]> {
  let q = store.db.selectFrom('callbacks').selectAll().where('deliver_to', '=', staffNo);
  if (policyNos) q = q.where('policy_no', 'in', policyNos);
  const rows = await q.orderBy('due_at').execute();
  return rows
    .filter((r) => keep.has(r.policy_no))
    .map((r) => ({
      id: r.id,
      policyNo: r.policy_no,
      dueAt: r.due_at,
      assignee: r.assignee,
      bookedBy: r.booked_by,
      bookedAt: r.booked_at,
      note: r.note,
      overrideReason: r.override_reason,
    }));
}

/**
 * Answers a pull (callbacks routed to the agent, and every phone correction of the case from any
 * desk, ride along with the cases they belong to). `cursor === null` → snapshot of the agent's
 * queue (cursor read first, so a change racing the snapshot is delivered again next time —
 * harmless, upserts are idempotent).
 * Otherwise the agent's changes after the cursor, collapsed per case to its *current* state.
 */
export async function pullChanges(store: Store, staffNo: string, cursor: string | null, limit: number): Promise<CenterResult<PullResponse>> {
  const db = store.db;
  if (cursor === null) {
    const seq = await maxChangeSeq(db);
    const rows = await db
      .selectFrom('cases')
      .selectAll()
      .where('assigned_to', '=', staffNo)
      .where('status', 'in', QUEUE_STATUSES)
      .orderBy('priority')
      .orderBy('deadline')
      .execute();
    const upserts = rows.map(toAssignedCase);
    const callbacks = await callbacksFor(store, staffNo, null, new Set(upserts.map((c) => c.policyNo)));
    const phoneCorrections = await phoneCorrectionsRepo.forCases(
      db,
      upserts.map((c) => c.policyNo),
    );
    return { ok: true, value: { cursor: encodeCursor(seq), hasMore: false, snapshot: true, upserts, drops: [], callbacks, phoneCorrections } };
  }

  const after = decodeCursor(cursor);
  if (after === undefined) return { ok: false, error: syncError('invalid_cursor') };
  const changes = await changesSince(store, staffNo, after, limit + 1);
  const hasMore = changes.length > limit;
  const page = hasMore ? changes.slice(0, limit) : changes;
  if (page.length === 0) {
    // A cursor from the future belongs to another centre or a reset database: start over.
    if (await beyondFeed(db, after)) return { ok: false, error: syncError('invalid_cursor', { en: 'cursor is ahead of this centre; pull a snapshot' }) };
    return { ok: true, value: { cursor, hasMore: false, snapshot: false, upserts: [], drops: [] } };
  }
  const policyNos = [...new Set(page.map((c) => c.policyNo))];
  const rows = await db.selectFrom('cases').selectAll().where('policy_no', 'in', policyNos).execute();
  const byNo = new Map(rows.map((r) => [r.policy_no, r]));
  const value: PullResponse = { cursor: encodeCursor(page[page.length - 1].seq), hasMore, snapshot: false, upserts: [], drops: [] };
  for (const no of policyNos) {
    const row = byNo.get(no);
    if (row && row.assigned_to === staffNo && QUEUE_STATUSES.includes(row.status as never)) value.upserts.push(toAssignedCase(row));
    else value.drops.push({ policyNo: no, reason: dropReason(row, staffNo) });
  }
  const upserted = value.upserts.map((c) => c.policyNo);
  if (upserted.length > 0) {
    value.callbacks = await callbacksFor(store, staffNo, upserted, new Set(upserted));
    value.phoneCorrections = await phoneCorrectionsRepo.forCases(db, upserted);
  }
  return { ok: true, value };
}
