import type { Kysely } from 'kysely';
import type { LiveState } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';

type Db = Kysely<CenterDatabase>;

/** How often a status still held is marked as still heard (`until`): the bound on time counted after a desk vanished. */
const TOUCH_MS = 60_000;
/** Per store: when each agent's current status was last marked as still heard. */
const touched = new WeakMap<Db, Map<string, number>>();

/**
 * Keeps when an agent's desk status began (table desk_status_log, migration 0029): a change —
 * another status, another pause reason or a new `statusSince` — writes a row (a row already there,
 * because another centre process heard it first, is left as it is); the same status heard again
 * moves the row's `until` on, at most once a minute, so the desk's routine republishing costs the
 * database little.
 */
export async function noteStatus(db: Db, staffNo: string, previous: LiveState | undefined, next: LiveState, now = new Date()): Promise<void> {
  const since = new Date(next.statusSince).toISOString();
  const marks = touched.get(db) ?? new Map<string, number>();
  touched.set(db, marks);
  const same = previous && previous.status === next.status && previous.statusSince === next.statusSince && previous.pauseReason === next.pauseReason;
  if (!same) {
    await db
      .insertInto('desk_status_log')
      .values({ staff_no: staffNo, since, status: next.status, pause_reason: next.pauseReason, until: now.toISOString() })
      .onConflict((oc) => oc.columns(['staff_no', 'since', 'status']).doNothing())
      .execute();
    marks.set(staffNo, now.getTime());
    return;
  }
  if (now.getTime() - (marks.get(staffNo) ?? 0) < TOUCH_MS) return;
  marks.set(staffNo, now.getTime());
  await db
    .updateTable('desk_status_log')
    .set({ until: now.toISOString() })
    .where('staff_no', '=', staffNo)
    .where('since', '=', since)
    .where('status', '=', next.status)
    .execute();
}

/** Keeps an agent's sign-out at `at`: the status they were in ends there. */
export async function noteSignOut(db: Db, staffNo: string, at: Date): Promise<void> {
  await db
    .insertInto('desk_status_log')
    .values({ staff_no: staffNo, since: at.toISOString(), status: 'signed_out', pause_reason: null, until: null })
    .onConflict((oc) => oc.columns(['staff_no', 'since', 'status']).doNothing())
    .execute();
}
