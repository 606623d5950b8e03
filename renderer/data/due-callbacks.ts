import { localDay } from './day-figures';
import type { HuifangDb } from './huifang-db';

/** A callback on the agent's agenda. */
export interface DueCallback {
  readonly id: string;
  readonly policyNo: string;
  readonly dueAt: string;
  /** Booked for anyone in the team (null owner) rather than for this agent. */
  readonly forAnyone: boolean;
  /** Due before today began. */
  readonly overdue: boolean;
  /** Masked policyholder name ('' when the case is not cached). */
  readonly holderName: string;
  readonly productName: string;
}

/**
 * The agent's callbacks still to be made (pending or announced) that are due today or overdue,
 * oldest first; tomorrow's wait. Mine: booked for this agent, or for anyone in the team (the centre
 * routes those to the case holder's desk, so one in this cache is the holder's to make). Clear
 * fields only (the note stays sealed): liveQuery-safe.
 */
export async function readDueCallbacks(db: HuifangDb, agent: string, now: Date): Promise<DueCallback[]> {
  const { start, end } = localDay(now);
  const open = await db.callbacks
    .where('state')
    .anyOf('pending', 'notified')
    .filter((c) => (c.owner === agent || c.owner === null) && Date.parse(c.dueAt) < end.getTime())
    .toArray();
  open.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const cases = await db.cases.bulkGet(open.map((c) => c.policyNo));
  // A case finished here already closed its callbacks; one left open on a finished case is not work.
  return open.flatMap((c, i) =>
    cases[i]?.localState === 'done'
      ? []
      : [
          {
            id: c.id,
            policyNo: c.policyNo,
            dueAt: c.dueAt,
            forAnyone: c.owner === null,
            overdue: Date.parse(c.dueAt) < start.getTime(),
            holderName: cases[i]?.summary.holderName ?? '',
            productName: cases[i]?.summary.productName ?? '',
          },
        ],
  );
}
