import type { z } from 'zod';
import type { SyncError } from '../../../shared/sync';
import { transportMessages, type ClientError } from './client-error';

/**
 * One request to the centre, answered as its JSON envelope: the value checked against `schema`,
 * the centre's typed error passed on as sent (extra fields kept, e.g. an upload's `received`), or
 * a transport failure (no answer within `timeoutMs`, no connection, an answer that is not ours).
 * Never throws.
 */
export async function fetchEnvelope<S extends z.ZodType, E extends SyncError = SyncError>(
  url: URL,
  init: Omit<RequestInit, 'signal'>,
  schema: S,
  timeoutMs: number,
  doFetch: typeof fetch = fetch,
): Promise<{ readonly ok: true; readonly value: z.output<S> } | { readonly ok: false; readonly error: ClientError | E }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  let json: unknown;
  try {
    const res = await doFetch(url, { ...init, signal: ctrl.signal });
    json = await res.json();
  } catch (err) {
    const code = ctrl.signal.aborted ? 'timeout' : err instanceof SyntaxError ? 'bad_response' : 'network';
    return { ok: false, error: { code, message: transportMessages[code] } };
  } finally {
    clearTimeout(timer);
  }
  const env = json as { ok?: boolean; value?: unknown; error?: E };
  if (env?.ok === false && env.error && typeof env.error.code === 'string') return { ok: false, error: env.error };
  const parsed = env?.ok === true ? schema.safeParse(env.value) : undefined;
  if (!parsed?.success) return { ok: false, error: { code: 'bad_response', message: transportMessages.bad_response } };
  return { ok: true, value: parsed.data };
}
