import type { Bilingual, SyncError } from '../../../shared/sync';

/** Failures the client itself detects (no answer, an answer that is not ours). */
export type TransportErrorCode = 'network' | 'timeout' | 'bad_response';

/** Any failure of a centre call: the centre's typed error or a transport failure. */
export type ClientError = SyncError | { readonly code: TransportErrorCode; readonly message: Bilingual };

/** Result of every client call. */
export type ClientResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClientError };

/** True when repeating the same request later may succeed (the item ids make it safe). */
export function isRetryable(error: ClientError): boolean {
  return error.code === 'network' || error.code === 'timeout' || error.code === 'internal' || error.code === 'bad_response';
}

export const transportMessages: Readonly<Record<TransportErrorCode, Bilingual>> = {
  network: { zh: '无法连接案件中心', en: 'cannot reach the case centre' },
  timeout: { zh: '案件中心响应超时', en: 'the case centre did not answer in time' },
  bad_response: { zh: '案件中心的应答无法识别', en: 'unrecognised answer from the case centre' },
};
