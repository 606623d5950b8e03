import { describe, expect, it } from 'vitest';
import { buildLiveState, type LiveInputs } from '../../../../renderer/features/live/live-snapshot';
import { IDLE_CALL } from '../../../../renderer/features/softphone/softphone-state';
import { liveRecording } from '../../../../renderer/features/live/live-publisher';
import { INITIAL_RECORDING } from '../../../../renderer/features/recording/recording-state';
import { liveStateSchema } from '../../../../shared/sync';

const ctx = { companyName: '某某人寿', staffNo: '1001' };

function inputs(visit: Partial<LiveInputs['visit']>, phone: LiveInputs['phone'] = IDLE_CALL): LiveInputs {
  return {
    status: { status: 'ready', reason: null, since: 0 },
    visit: { screen: 'queue', policyNo: 'P2026000001', kind: 'new', dialling: false, call: null, ...visit },
    wizard: { policy: null, script: null },
    phone,
  };
}

describe('the case the lead sees on the live board', () => {
  it('after an unreached attempt is recorded and the desk is back on the queue with no call, no case is published', () => {
    // confirmUnreached leaves the last policy number in the visit store; the board must not show it.
    expect(buildLiveState(inputs({ screen: 'queue', policyNo: 'P2026000001', call: null }), ctx, 0)?.case).toBeNull();
  });

  it('a case that is open, or still has a call, is published', () => {
    expect(buildLiveState(inputs({ screen: 'case' }), ctx, 0)?.case).toEqual({ policyNo: 'P2026000001', kind: 'new' });
    const ringing = { ...IDLE_CALL, phase: 'ringing' as const, number: '13900002004', caseId: 'P2026000001', dialledAt: 0 };
    expect(buildLiveState(inputs({ screen: 'queue' }, ringing), ctx, 0)?.case).toEqual({ policyNo: 'P2026000001', kind: 'new' });
    expect(buildLiveState(inputs({ screen: 'queue', policyNo: null }), ctx, 0)?.case).toBeNull();
  });

  it('the case’s deadline and the call’s recording travel with the state, for the board’s deadline and recording alerts (README "Team-lead coaching")', () => {
    const state = buildLiveState({ ...inputs({ screen: 'wizard', deadline: '2026-03-12' }), recording: 'failed' }, ctx, 0);
    expect(state?.case).toEqual({ policyNo: 'P2026000001', kind: 'new', deadline: '2026-03-12' });
    expect(state?.recording).toBe('failed');
    expect(liveStateSchema.safeParse(state).success).toBe(true);
    // Nothing recorded: the field is left out, as older desks do.
    expect(buildLiveState(inputs({ screen: 'case' }), ctx, 0)).not.toHaveProperty('recording');
  });

  it('a failed or blocked recording is published as failed; one under way as recording; none otherwise', () => {
    expect(liveRecording({ ...INITIAL_RECORDING, phase: 'failed' })).toBe('failed');
    expect(liveRecording({ ...INITIAL_RECORDING, blockedReason: '磁盘已满' })).toBe('failed');
    expect(liveRecording({ ...INITIAL_RECORDING, phase: 'recording' })).toBe('recording');
    expect(liveRecording({ ...INITIAL_RECORDING, phase: 'finalising' })).toBeUndefined();
    expect(liveRecording(INITIAL_RECORDING)).toBeUndefined();
  });
});
