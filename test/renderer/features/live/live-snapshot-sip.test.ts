import { describe, expect, it } from 'vitest';
import { buildLiveState, type LiveInputs } from '../../../../renderer/features/live/live-snapshot';
import { liveStateSchema } from '../../../../shared/sync';

describe('the desk publishes its SIP address for listen-in', () => {
  const inputs = (sipUri: string | null): LiveInputs => ({
    status: { status: 'in_call', reason: null, since: 0 },
    visit: { screen: 'wizard', policyNo: 'P2026000001', kind: 'new', dialling: false, call: null },
    wizard: { policy: null, script: null },
    phone: null,
    sipUri,
  });
  it('a valid address is published; a malformed one is left out rather than losing the whole state', () => {
    const ctx = { companyName: '某某人寿', staffNo: '1001' };
    const good = buildLiveState(inputs('sip:1002@127.0.0.1'), ctx, 0)!;
    expect(good.sipUri).toBe('sip:1002@127.0.0.1');
    expect(liveStateSchema.safeParse(good).success).toBe(true);
    const bad = buildLiveState(inputs('"坐席" <sip:1002@127.0.0.1>'), ctx, 0)!;
    expect('sipUri' in bad).toBe(false);
    expect(liveStateSchema.safeParse(bad).success).toBe(true);
    expect('sipUri' in buildLiveState(inputs(null), ctx, 0)!).toBe(false);
  });
});
