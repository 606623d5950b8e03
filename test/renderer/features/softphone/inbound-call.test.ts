import type { Invitation } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { refuseInbound } from '../../../../renderer/features/softphone/inbound-call';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneAction } from '../../../../renderer/features/softphone/softphone-state';

function invitation(user: string) {
  const rejected: { statusCode?: number }[] = [];
  const inv = { remoteIdentity: { uri: { user } }, reject: async (o: { statusCode?: number }) => void rejected.push(o) } as unknown as Invitation;
  return { inv, rejected };
}

describe('a customer calling the desk back is never swallowed: they hear busy or unavailable, the agent sees a missed call', () => {
  it('while the agent is on a call: 486 Busy Here, and a missed call with the masked number', async () => {
    const { inv, rejected } = invitation('13812345678');
    const actions: SoftphoneAction[] = [];
    await refuseInbound(inv, true, (a) => actions.push(a));
    expect(rejected).toEqual([expect.objectContaining({ statusCode: 486 })]);
    const state = actions.reduce(softphoneReducer, INITIAL_SOFTPHONE);
    expect(state.missedCalls).toEqual([{ from: '138****5678', at: expect.any(Number) }]);
    expect(state.notices.at(-1)?.text).toMatch(/^未接来电：138\*\*\*\*5678/);
  });

  it('while idle: 480 Temporarily Unavailable (the desk takes no inbound calls yet)', async () => {
    const { inv, rejected } = invitation('075523456789');
    await refuseInbound(inv, false, () => undefined);
    expect(rejected).toEqual([expect.objectContaining({ statusCode: 480 })]);
  });
});
