import { CONSOLE_CSRF_HEADER, type ConsoleSession } from '../../shared/sync/branch-console';
import type { SyncError } from '../../shared/sync/errors';
import { messages } from '../i18n/zh';

/** A refusal from the centre (its own zh message) or the network, shown as is. */
export class ConsoleApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The CSRF token lives in this module's memory only: never in localStorage or sessionStorage,
 * where a script injected into the page could read it after the tab closed. A reload asks the
 * centre for it again (GET /api/console/session, authenticated by the HttpOnly cookie).
 */
let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

/** The app shell's hook: the centre said the session is gone (expired, revoked). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export function rememberSession(session: ConsoleSession | null): void {
  csrfToken = session?.csrfToken ?? null;
}

/** The CSRF header for a request this module does not send itself (an upload through XMLHttpRequest, for its progress events). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { [CONSOLE_CSRF_HEADER]: csrfToken } : {};
}

type Envelope<T> = { ok: true; value: T } | { ok: false; error: SyncError };

/** One call to the centre's API; answers the value or throws a ConsoleApiError with a readable message. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CONSOLE_CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ConsoleApiError('network', messages.errors.network, 0);
  }
  let envelope: Envelope<T>;
  try {
    envelope = (await response.json()) as Envelope<T>;
  } catch {
    throw new ConsoleApiError('bad_answer', messages.errors.badAnswer(response.status), response.status);
  }
  if (envelope.ok) return envelope.value;
  const { code, message, issues } = envelope.error;
  if (code === 'unauthenticated' || code === 'invalid_token' || code === 'token_expired') {
    csrfToken = null;
    if (!path.endsWith('/api/console/session')) onSignedOut();
  }
  const text = issues?.length
    ? messages.errors.withIssues(
        message.zh,
        issues.map((i) => `${i.path}: ${i.message}`),
      )
    : message.zh;
  throw new ConsoleApiError(code, text, response.status);
}

/**
 * A call whose body or answer is not JSON (a multipart upload, a PDF download): answers the response
 * when the centre accepted it, else throws the centre's refusal like `api` does.
 */
export async function apiRaw(method: 'POST', path: string, body: FormData | { json: unknown }): Promise<Response> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers[CONSOLE_CSRF_HEADER] = csrfToken;
  if (!(body instanceof FormData)) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body instanceof FormData ? body : JSON.stringify(body.json) });
  } catch {
    throw new ConsoleApiError('network', messages.errors.network, 0);
  }
  if (response.ok && !/json/.test(response.headers.get('content-type') ?? '')) return response;
  // An envelope: the refusal is thrown, or (ok) it is handed back as is for `response.json()`.
  const envelope = (await response.clone().json()) as Envelope<unknown>;
  if (envelope.ok) return response;
  throw new ConsoleApiError(envelope.error.code, envelope.error.message.zh, response.status);
}
