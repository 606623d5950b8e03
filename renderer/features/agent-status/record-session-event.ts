import type { HuifangDb } from '../../data/huifang-db';
import { newId } from '../../data/new-id';
import { addToOutbox } from '../../data/outbox-writer';
import { workstationId } from '../../data/workstation-id';

/** Workstation session events the centre keeps (sign-in/out, breaks). */
export type SessionEvent = 'sign_in' | 'sign_out' | 'break_start' | 'break_end';

/** Queues a workstation session event for the centre. */
export async function recordSessionEvent(db: HuifangDb, author: string, event: SessionEvent, appVersion?: string): Promise<void> {
  const ws = await workstationId(db);
  await addToOutbox(
    db,
    {
      id: newId(),
      kind: 'session',
      occurredAt: new Date().toISOString(),
      data: { event, workstationId: ws, ...(appVersion ? { appVersion } : {}) },
    },
    author,
  );
}
