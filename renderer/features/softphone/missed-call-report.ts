import type { HuifangDb } from '../../data/huifang-db';
import { newId } from '../../data/new-id';
import { addToOutbox } from '../../data/outbox-writer';
import { workstationId } from '../../data/workstation-id';
import type { MissedCall, SoftphoneApi } from './softphone-api';

/**
 * Sends every inbound call the desk refused to the centre (a `missed_call` item through the
 * outbox, so an outage loses none), where the team lead sees them: a policyholder ringing back is
 * never left unanswered because one desk was busy. Returns the unsubscribe function.
 */
export function reportMissedCalls(phone: Pick<SoftphoneApi, 'onMissedCall'>, db: HuifangDb, me: string, requestSync: () => void): () => void {
  const record = async (call: MissedCall) => {
    const ws = await workstationId(db);
    await addToOutbox(
      db,
      {
        id: newId(),
        kind: 'missed_call',
        occurredAt: new Date(call.at).toISOString(),
        data: { from: call.from.slice(0, 40), sipCode: call.sipCode, workstationId: ws },
      },
      me,
    );
    requestSync();
  };
  return (
    phone.onMissedCall?.((call) => void record(call).catch((err: unknown) => console.warn('a missed call could not be queued for the centre', err))) ??
    (() => undefined)
  );
}
