import type { Session, Web } from 'sip.js';
import type { ActiveCall } from './active-call';
import { dtmfMethodFor } from './dtmf-method';

/*
 * Requests inside an established call, each resolving to what the far end did (never rejecting):
 * a re-INVITE (hold, resume, ICE restart), a keypad tone, a BYE.
 */

/** Re-INVITEs with `options` merged into the session's; true when the far end accepted (2xx) within 10 s. */
export async function reinviteWith(inviter: Session, options: Web.SessionDescriptionHandlerOptions): Promise<boolean> {
  const before = inviter.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions;
  const next: Web.SessionDescriptionHandlerOptions = { ...before, ...options };
  inviter.sessionDescriptionHandlerOptionsReInvite = next;
  const ok = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    const done = (value: boolean) => {
      clearTimeout(timer);
      resolve(value);
    };
    inviter.invite({ requestDelegate: { onAccept: () => done(true), onReject: () => done(false) } }).catch(() => done(false));
  });
  // ICE restart is one-off; hold stays what the far end accepted.
  const after: Web.SessionDescriptionHandlerOptions = { ...before, hold: ok ? (options.hold ?? before.hold) : before.hold };
  inviter.sessionDescriptionHandlerOptionsReInvite = after;
  return ok;
}

/** Re-INVITEs a call, marking it busy with the re-INVITE meanwhile (a second one waits its turn). */
export async function reinviteCall(call: ActiveCall, options: Web.SessionDescriptionHandlerOptions): Promise<boolean> {
  call.reinvitePending = true;
  const ok = await reinviteWith(call.session, options);
  call.reinvitePending = false;
  return ok;
}

/**
 * Sends one keypad tone: RFC 4733 through RTCDTMFSender when the answer's telephone-event suits the
 * codec in use (`dtmf-method.ts`), else SIP INFO (application/dtmf-relay), also when Chrome refuses
 * to insert tones. 'info' means the far end accepted the INFO (2xx), not merely that it was sent.
 */
export function sendDtmfTone(inviter: Session, tone: string): Promise<'rfc4733' | 'info' | 'failed'> {
  const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  // insertDTMF *replaces* the sender's tone buffer, so keys pressed faster than a tone plays
  // (120 ms + 70 ms gap) would drop the ones still queued: append to what is still waiting.
  const queued = sdh?.peerConnection?.getSenders()[0]?.dtmf?.toneBuffer ?? '';
  const method = dtmfMethodFor(sdh?.peerConnection?.remoteDescription?.sdp);
  if (method === 'rfc4733' && sdh?.sendDtmf(queued + tone, { duration: 120, interToneGap: 70 })) return Promise.resolve('rfc4733');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('failed'), 5000);
    const done = (result: 'info' | 'failed') => {
      clearTimeout(timer);
      resolve(result);
    };
    inviter
      .info({
        requestDelegate: { onAccept: () => done('info'), onReject: () => done('failed') },
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=120` } },
      })
      .catch(() => done('failed'));
  });
}

/** Sends BYE; false when it could not go out within `ms` (the proxy is gone). */
export function byeWithin(inviter: Session, ms: number): Promise<boolean> {
  return Promise.race([
    inviter.bye().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);
}
