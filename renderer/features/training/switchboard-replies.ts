import type { Core } from 'sip.js';

/*
 * The replies the training switchboard writes itself, as a registrar or a proxy would: sip.js's
 * UserAgent cannot be a registrar, and a number nobody answers has no user agent to say so.
 * RFC 3261 §8.2.6.2: a response copies Via, From, Call-ID and CSeq, and To with a tag added.
 */

/** Registrations the switchboard grants, at most (the desk asks 300 s). */
const MAX_EXPIRES = 3600;

function tag(): string {
  return Math.random().toString(36).slice(2, 12);
}

function response(request: Core.IncomingRequestMessage, status: number, reason: string, extra: readonly string[] = []): string {
  const to = request.getHeader('to') ?? '';
  const lines = [
    `SIP/2.0 ${status} ${reason}`,
    ...request.getHeaders('via').map((v) => `Via: ${v}`),
    `From: ${request.getHeader('from') ?? ''}`,
    `To: ${request.toTag ? to : `${to};tag=${tag()}`}`,
    `Call-ID: ${request.callId}`,
    `CSeq: ${request.getHeader('cseq') ?? ''}`,
    ...extra,
    'Server: Huifang training line',
    'Content-Length: 0',
    '',
    '',
  ];
  return lines.join('\r\n');
}

/**
 * 200 OK to a REGISTER, listing the binding the desk asked for with its expiry (sip.js's
 * Registerer drops a 200 that does not list its own Contact with an `expires`). An unregister
 * (expires 0, or `Contact: *`) gets a 200 with no binding.
 */
export function registerAccepted(request: Core.IncomingRequestMessage): string {
  const asked = Number(request.getHeader('expires') ?? MAX_EXPIRES);
  const bindings = request
    .getHeaders('contact')
    .filter((c) => c.trim() !== '*')
    .map((c) => {
      const param = /;\s*expires=(\d+)/i.exec(c);
      const expires = Math.min(param ? Number(param[1]) : Number.isFinite(asked) ? asked : MAX_EXPIRES, MAX_EXPIRES);
      return expires > 0 ? `Contact: ${c.replace(/;\s*expires=\d+/i, '')};expires=${expires}` : null;
    })
    .filter((c): c is string => c !== null);
  return response(request, 200, 'OK', bindings);
}

/** 200 OK to an OPTIONS ping (the line is up). */
export function optionsAccepted(request: Core.IncomingRequestMessage): string {
  return response(request, 200, 'OK', ['Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO', 'Accept: application/sdp']);
}

/** A final refusal: 404 for a number nobody answers (空号), 481 for a call that is already over. */
export function refused(request: Core.IncomingRequestMessage, status: 404 | 481 | 405): string {
  const reason = status === 404 ? 'Not Found' : status === 481 ? 'Call/Transaction Does Not Exist' : 'Method Not Allowed';
  return response(request, status, reason);
}
