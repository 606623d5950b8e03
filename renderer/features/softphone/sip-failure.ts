import { parsePhone } from '../../../shared/domain/phone';
import type { AttemptResult } from './softphone-api';
import { messages } from '../../i18n/messages';

/** A failed attempt as the softphone reports it: the domain's attempt result and a readable reason. */
export interface AttemptFailure {
  readonly attempt: AttemptResult;
  readonly sipCode?: number;
  readonly reason: string;
}

const BY_CODE: Readonly<Record<number, { attempt: AttemptResult; text: string }>> = {
  404: { attempt: 'wrong_number', text: messages.softphone.failures.numberNotFound },
  484: { attempt: 'wrong_number', text: messages.softphone.failures.numberIncomplete },
  604: { attempt: 'wrong_number', text: messages.softphone.failures.numberNotFound },
  480: { attempt: 'unavailable', text: messages.softphone.failures.unavailable },
  486: { attempt: 'busy', text: messages.softphone.failures.busy },
  600: { attempt: 'busy', text: messages.softphone.failures.busy },
  603: { attempt: 'declined', text: messages.softphone.failures.declined },
  408: { attempt: 'no_answer', text: messages.softphone.failures.noAnswer },
  487: { attempt: 'cancelled', text: messages.softphone.failures.cancelled },
  503: { attempt: 'network', text: messages.softphone.failures.lineUnavailable },
};

/**
 * Maps a final SIP response of an outbound INVITE to the attempt result the domain core records
 * (404/484/604 wrong number, 480 unavailable, 486/600 busy, 603 declined, 408 no answer,
 * 487 cancelled, 503 network). Unlisted codes fall back by class: 4xx/5xx → network, other 6xx
 * (global refusals) → declined.
 */
export function attemptFromSipCode(code: number, reasonPhrase = ''): AttemptFailure {
  const known = BY_CODE[code];
  // A known code speaks for itself in Chinese; the proxy's English phrase only helps with unknown ones.
  if (known) return { attempt: known.attempt, sipCode: code, reason: messages.softphone.failures.withSipCode(known.text, code) };
  const suffix = reasonPhrase ? ` (${code} ${reasonPhrase})` : ` (${code})`;
  if (code >= 600) return { attempt: 'declined', sipCode: code, reason: messages.softphone.failures.refused(suffix) };
  return { attempt: 'network', sipCode: code, reason: messages.softphone.failures.failed(suffix) };
}

/** Failures that happen on our side, before or without a final response. */
export type LocalFailure = 'ring_timeout' | 'not_registered' | 'transport' | 'media' | 'busy_line' | 'blocked' | 'invalid_number';

/** Maps a local failure to an attempt result; `detail` (zh-CN) is appended to the reason. */
export function attemptFromLocalFailure(kind: LocalFailure, detail?: string): AttemptFailure {
  const withDetail = (text: string) => (detail ? messages.softphone.failures.withDetail(text, detail) : text);
  switch (kind) {
    case 'ring_timeout':
      return { attempt: 'no_answer', reason: withDetail(messages.softphone.failures.ringTimeout) };
    case 'not_registered':
      return { attempt: 'network', reason: withDetail(messages.softphone.failures.notRegistered) };
    case 'transport':
      return { attempt: 'network', reason: withDetail(messages.softphone.failures.transport) };
    case 'media':
      return { attempt: 'network', reason: withDetail(messages.softphone.failures.media) };
    case 'busy_line':
      return { attempt: 'network', reason: withDetail(messages.softphone.failures.busyLine) };
    case 'blocked':
      return { attempt: 'network', reason: withDetail(messages.softphone.failures.blocked) };
    case 'invalid_number':
      return { attempt: 'wrong_number', reason: withDetail(messages.softphone.failures.invalidNumber) };
  }
}

/**
 * The SIP user part for a dialled number, after `prefix`. A recognisable mainland number (see
 * `parsePhone`) is dialled as national digits only: a mobile without +86, a landline as area code +
 * local number with any extension left off (it is keyed in as DTMF once connected — appended it
 * would dial a different number). Anything else (an internal extension, a service code typed on the
 * dial pad) keeps its digits, `+`, `*` and `#`; spaces, dashes and brackets are dropped.
 */
export function normaliseDialString(prefix: string, number: string): string | null {
  const parsed = parsePhone(number);
  const digits = parsed.ok ? (parsed.kind === 'mobile' ? parsed.normalized : `${parsed.areaCode}${parsed.local}`) : number.replace(/[\s\-()]/g, '');
  if (!/^\+?[0-9*#]{1,32}$/.test(digits)) return null;
  return `${prefix}${digits}`;
}
