import { describe, expect, it } from 'vitest';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneAction, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';

const run = (actions: SoftphoneAction[], from: SoftphoneSnapshot = INITIAL_SOFTPHONE) => actions.reduce(softphoneReducer, from);
const registered = run([{ type: 'registration', state: 'registered' }]);
const established = run(
  [{ type: 'dialStarted', number: '2001', caseId: 'case-1', at: 1000 }, { type: 'progress' }, { type: 'established', callId: 'c1', at: 2000 }],
  registered,
);

describe('softphone snapshot reducer', () => {
  it('goes calling → ringing → established with the timer starting at answer', () => {
    expect(established.call).toMatchObject({ phase: 'established', callId: 'c1', number: '2001', caseId: 'case-1', answeredAt: 2000 });
    expect(established.lastResult).toEqual({ kind: 'connected', callId: 'c1' });
  });

  it('never claims on hold until the re-INVITE was accepted', () => {
    const pending = softphoneReducer(established, { type: 'holdRequested' });
    expect(pending.call.phase).toBe('established');
    expect(pending.call.holdPending).toBe(true);
    const failed = softphoneReducer(pending, { type: 'holdResult', held: false });
    expect(failed.call).toMatchObject({ phase: 'established', holdPending: false });
    const held = softphoneReducer(pending, { type: 'holdResult', held: true });
    expect(held.call.phase).toBe('held');
  });

  it('a failed attempt returns to idle and keeps the result for the agent', () => {
    const s = run(
      [
        { type: 'dialStarted', number: '2999', caseId: null, at: 1 },
        { type: 'callEnded', result: { kind: 'failed', attempt: 'wrong_number', sipCode: 404, reason: '号码不存在 (404)' } },
      ],
      registered,
    );
    expect(s.call.phase).toBe('idle');
    expect(s.lastResult).toMatchObject({ attempt: 'wrong_number', sipCode: 404 });
  });

  it('ignores call events that do not fit the phase (late 18x, answer after the end)', () => {
    expect(softphoneReducer(registered, { type: 'progress' })).toBe(registered);
    expect(softphoneReducer(registered, { type: 'established', callId: 'x', at: 1 })).toBe(registered);
    expect(softphoneReducer(established, { type: 'progress' }).call.phase).toBe('established');
  });

  it('going offline shows 网络断开 and a scheduled retry shows reconnecting; registering resets the count', () => {
    const offline = softphoneReducer(registered, { type: 'online', online: false });
    expect(offline.registration).toBe('offline');
    const retry = run(
      [
        { type: 'online', online: true },
        { type: 'reconnectScheduled', attempt: 3 },
      ],
      offline,
    );
    expect(retry).toMatchObject({ registration: 'reconnecting', reconnectAttempt: 3 });
    expect(softphoneReducer(retry, { type: 'registration', state: 'registered' }).reconnectAttempt).toBe(0);
  });

  it('keeps the last five notices and dismisses by id', () => {
    let s = INITIAL_SOFTPHONE;
    for (let i = 0; i < 7; i++) s = softphoneReducer(s, { type: 'notice', level: 'info', text: `n${i}`, at: i });
    expect(s.notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    const id = s.notices[0]!.id;
    expect(softphoneReducer(s, { type: 'dismissNotice', id }).notices).toHaveLength(4);
  });

  it('the snapshot is serialisable (no SIP.js objects)', () => {
    expect(JSON.parse(JSON.stringify(established))).toEqual(established);
  });
});
