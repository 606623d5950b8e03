import type { z } from 'zod';
import { createHash } from 'node:crypto';
import { CHUNK_SHA256_HEADER, archiveKeySchema, archiveStateSchema, type ArchiveBegin, type ArchiveState, type SyncError } from '../../../shared/sync';
import type { ClientError, ClientResult } from '../center/client-error';
import { fetchEnvelope } from '../center/envelope-fetch';

/** Where and as whom the desk uploads: the centre's base URL and a current access token. */
export interface ArchiveEndpoint {
  readonly baseUrl: string;
  readonly accessToken: string;
}

/** A refusal of a chunk at the wrong offset carries the bytes the centre holds. */
export type ArchiveError = ClientError & { readonly received?: number };
export type ArchiveResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ArchiveError };

/** The centre's archive endpoints as the uploader uses them (tests may pass another). */
export interface ArchiveCentre {
  publicKey(): Promise<ArchiveResult<string>>;
  begin(sessionId: string, body: ArchiveBegin): Promise<ArchiveResult<ArchiveState>>;
  put(sessionId: string, offset: number, bytes: Uint8Array): Promise<ArchiveResult<ArchiveState>>;
  complete(sessionId: string): Promise<ArchiveResult<ArchiveState>>;
}

export interface HttpArchiveCentreOptions {
  /** The signed-in session's endpoint, or a transport/session error (offline, signed out). */
  readonly endpoint: () => Promise<ClientResult<ArchiveEndpoint>>;
  readonly fetch?: typeof fetch;
  /** Per request (ms); a 1 MiB chunk on a slow branch line needs its time. */
  readonly timeoutMs?: number;
}

/** The archive endpoints over HTTP (README "Evidence archive"). Never throws. */
export function httpArchiveCentre(o: HttpArchiveCentreOptions): ArchiveCentre {
  const doFetch = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 60_000;
  async function call<S extends z.ZodType>(
    path: string,
    init: { method: string; type?: string; body?: string | Uint8Array; headers?: Record<string, string> },
    schema: S,
  ): Promise<ArchiveResult<z.output<S>>> {
    const ep = await o.endpoint();
    if (!ep.ok) return ep;
    return fetchEnvelope<S, SyncError & { received?: number }>(
      new URL(path, ep.value.baseUrl),
      {
        method: init.method,
        headers: { authorization: `Bearer ${ep.value.accessToken}`, ...(init.type ? { 'content-type': init.type } : {}), ...init.headers },
        body: init.body as BodyInit | undefined,
      },
      schema,
      timeoutMs,
      doFetch,
    );
  }
  const at = (id: string) => `/api/archive/sessions/${encodeURIComponent(id)}`;
  return {
    async publicKey() {
      const r = await call('/api/archive/key', { method: 'GET' }, archiveKeySchema);
      return r.ok ? { ok: true, value: r.value.publicKeyPem } : r;
    },
    begin: (id, body) => call(at(id), { method: 'POST', type: 'application/json', body: JSON.stringify(body) }, archiveStateSchema),
    put: (id, offset, bytes) =>
      call(
        `${at(id)}/recording?offset=${offset}`,
        // The chunk's hash travels with it: the centre refuses bytes damaged on the way.
        { method: 'PUT', type: 'application/octet-stream', body: bytes, headers: { [CHUNK_SHA256_HEADER]: createHash('sha256').update(bytes).digest('hex') } },
        archiveStateSchema,
      ),
    complete: (id) => call(`${at(id)}/complete`, { method: 'POST', type: 'application/json', body: '{}' }, archiveStateSchema),
  };
}
