/**
 * Errors are values at the IPC boundary: a handler never throws across it.
 * `code` is stable for programs; `message` is readable by a person (zh-CN first, English after).
 */
export type IpcErrorCode =
  'unknown_channel' | 'invalid_payload' | 'forbidden_sender' | 'handler_failed' | 'invalid_response' | 'not_available' | 'transport_closed' | 'domain_error';

/** A typed error crossing the IPC boundary. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
  /** Per-field problems for `invalid_payload`: path and reason. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/** Result of every IPC call. */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

/** Builds a failed result. */
export function ipcFail(code: IpcErrorCode, message: string, issues?: IpcError['issues']): IpcResult<never> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** Builds a successful result. */
export function ipcOk<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** Thrown by a handler to return a specific, readable domain error instead of `handler_failed`. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: IpcErrorCode = 'domain_error',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
