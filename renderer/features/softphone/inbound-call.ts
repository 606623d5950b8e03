import type { Invitation } from 'sip.js';
import { maskPhone } from '../../../shared/domain/masking';
import { messages } from '../../i18n/messages';
import type { MissedCall } from './softphone-api';
import type { SoftphoneAction } from './softphone-state';

/**
 * A customer calling the desk back (they do ring back the number that called them). The desk does
 * not take inbound calls yet, but the caller is never swallowed: the far end hears busy (486) while
 * the agent is on a call, unavailable (480) otherwise, and the agent sees a missed call with the
 * caller's masked number and the time, to call back from the case.
 */
export async function refuseInbound(invitation: Invitation, busy: boolean, dispatch: (action: SoftphoneAction) => void): Promise<MissedCall> {
  const from = invitation.remoteIdentity.uri.user ?? '';
  const at = Date.now();
  const sipCode = busy ? 486 : 480;
  dispatch({ type: 'missedCall', from: maskPhone(from) || messages.softphone.unknownCaller, at });
  dispatch({
    type: 'notice',
    level: 'warning',
    text: messages.softphone.missedCall(maskPhone(from) || messages.softphone.unknownCaller, messages.common.clock(at)),
    at,
  });
  await invitation
    .reject(busy ? { statusCode: 486, reasonPhrase: 'Busy Here' } : { statusCode: 480, reasonPhrase: 'Temporarily Unavailable' })
    .catch(() => undefined);
  return { from, at, sipCode };
}
