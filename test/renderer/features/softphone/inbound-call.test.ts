import type { Invitation } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboundCalls } from '../../../../renderer/features/softphone/inbound-call';
import type { IncomingCall, MissedCall } from '../../../../renderer/features/softphone/softphone-api';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneAction } from '../../../../renderer/features/softphone/softphone-state';

// An inbound call to an idle desk rings for its case and can be answered; every
// call the desk does not take is refused with 486/480 and kept as a missed call — never swallowed.

let n = 0;
function invitation(user: string) {
  const rejected: { statusCode?: number }[] = [];
  const inv = {
    remoteIdentity: { uri: { user } },
    request: { callId: `inbound-${++n}` },
    delegate: undefined as { onCancel?: () => void } | undefined,
    reject: async (o: { statusCode?: number }) => void rejected.push(o),
  };
  return { inv: inv as unknown as Invitation, raw: inv, rejected };
}

function rig() {
  const actions: SoftphoneAction[] = [];
  const missed: MissedCall[] = [];
  const offered: IncomingCall[] = [];
  const calls = new InboundCalls({ dispatch: (a) => actions.push(a), ringerId: () => 'default', ringTimeoutMs: () => 30_000 });
  calls.onMissed((m) => missed.push(m));
  const state = () => actions.reduce(softphoneReducer, INITIAL_SOFTPHONE);
  return { calls, actions, missed, offered, state, listen: () => calls.onIncoming((c) => offered.push(c)) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a customer calling the desk back is never swallowed', () => {
  it('while the agent is on a call: 486 Busy Here, and a missed call with the masked number', async () => {
    const r = rig();
    r.listen();
    const { inv, rejected } = invitation('13812345678');
    r.calls.offer(inv, true);
    await vi.runAllTimersAsync();
    expect(rejected).toEqual([expect.objectContaining({ statusCode: 486 })]);
    expect(r.state().missedCalls).toEqual([{ from: '138****5678', at: expect.any(Number) }]);
    expect(r.state().notices.at(-1)?.text).toMatch(/^未接来电：138\*\*\*\*5678/);
    expect(r.missed).toEqual([expect.objectContaining({ from: '13812345678', sipCode: 486 })]);
  });

  it('idle, but nobody decides (no case found, no workflow listening): 480 Temporarily Unavailable and a missed call', async () => {
    const r = rig();
    const { inv, rejected } = invitation('075523456789');
    r.calls.offer(inv, false);
    await vi.runAllTimersAsync();
    expect(rejected).toEqual([expect.objectContaining({ statusCode: 480 })]);
    expect(r.missed).toEqual([expect.objectContaining({ sipCode: 480 })]);
  });

  it('idle and the workflow rings it for a case: the desk shows the masked caller and case until the agent takes the call', () => {
    const r = rig();
    r.listen();
    const { inv, rejected } = invitation('13812345678');
    r.calls.offer(inv, false);
    expect(r.offered).toEqual([expect.objectContaining({ from: '13812345678' })]);
    expect(r.calls.ring(r.offered[0].callId, 'P0001')).toBe(true);
    expect(r.state().incoming).toMatchObject({ from: '138****5678', caseId: 'P0001' });
    expect(r.calls.take(r.offered[0].callId)?.invitation).toBe(inv);
    expect(r.state().incoming).toBeNull();
    expect(rejected).toEqual([]);
    expect(r.missed).toEqual([]);
  });

  it('the caller gives up while it rings, or nobody answers within the ring time: a missed call, and the ringing stops', async () => {
    const r = rig();
    r.listen();
    const a = invitation('13812345678');
    r.calls.offer(a.inv, false);
    r.calls.ring(a.raw.request.callId, 'P0001');
    a.raw.delegate?.onCancel?.();
    expect(r.state().incoming).toBeNull();
    expect(a.rejected).toEqual([]);
    const b = invitation('13900001111');
    r.calls.offer(b.inv, false);
    r.calls.ring(b.raw.request.callId, 'P0002');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(b.rejected).toEqual([expect.objectContaining({ statusCode: 480 })]);
    expect(r.missed.map((m) => m.from)).toEqual(['13812345678', '13900001111']);
  });

  it('a second call while one rings hears busy', async () => {
    const r = rig();
    r.listen();
    r.calls.offer(invitation('13812345678').inv, false);
    const second = invitation('13900001111');
    r.calls.offer(second.inv, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.rejected).toEqual([expect.objectContaining({ statusCode: 486 })]);
  });
});
