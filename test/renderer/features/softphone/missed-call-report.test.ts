import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { reportMissedCalls } from '../../../../renderer/features/softphone/missed-call-report';
import type { MissedCall } from '../../../../renderer/features/softphone/softphone-api';
import { freshDb, readOutbox } from '../../data/test-db';

// A refused inbound call is kept as a missed call the agent sees and the centre reports.

describe('missed calls reach the centre through the outbox', () => {
  it('each refused inbound call becomes one missed_call item with the caller, the SIP answer and the time; a sync is asked for', async () => {
    const db = freshDb();
    let deliver: ((c: MissedCall) => void) | null = null;
    const sync = vi.fn();
    const stop = reportMissedCalls({ onMissedCall: (l) => ((deliver = l), () => (deliver = null)) }, db, '1001', sync);
    deliver!({ from: '13800138000', at: Date.parse('2026-03-10T01:00:00Z'), sipCode: 486 });
    await vi.waitFor(async () => expect(await readOutbox(db)).toHaveLength(1));
    const [entry] = await readOutbox(db);
    expect(entry.author).toBe('1001');
    expect(entry.item).toMatchObject({ kind: 'missed_call', occurredAt: '2026-03-10T01:00:00.000Z', data: { from: '13800138000', sipCode: 486 } });
    expect(sync).toHaveBeenCalledTimes(1);
    stop();
    expect(deliver).toBeNull();
  });
});
