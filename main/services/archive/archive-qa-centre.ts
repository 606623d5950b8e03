import type { z } from 'zod';
import {
  archiveListSchema,
  archiveOpenSchema,
  WORKSTATION_HEADER,
  type ArchiveListQuery,
  type ArchiveOpen,
  type ArchivePlaybackEvent,
  type ArchivedSessionRow,
  type SyncError,
} from '../../../shared/sync';
import { transportMessages } from '../center/client-error';
import { fetchEnvelope } from '../center/envelope-fetch';
import type { ArchiveEndpoint, ArchiveResult } from './archive-centre';
import type { ClientResult } from '../center/client-error';
import { z as zod } from 'zod';

/** Receives the bytes of a download as they arrive; the download stops when it rejects. */
export type ChunkSink = (bytes: Uint8Array) => Promise<void>;

/** The centre's QA endpoints as the desk's fetch service uses them (tests may pass another). */
export interface ArchiveQaCentre {
  list(query: ArchiveListQuery): Promise<ArchiveResult<ArchivedSessionRow[]>>;
  open(sessionId: string, publicKeyPem: string): Promise<ArchiveResult<ArchiveOpen>>;
  /** Streams the sealed recording from byte `from` (up to `to`, exclusive, when given) into `sink`; answers the total size. */
  download(sessionId: string, from: number, sink: ChunkSink, to?: number): Promise<ArchiveResult<{ size: number }>>;
  events(sessionId: string, events: readonly ArchivePlaybackEvent[]): Promise<ArchiveResult<unknown>>;
}

export interface HttpArchiveQaCentreOptions {
  readonly endpoint: () => Promise<ClientResult<ArchiveEndpoint>>;
  /** This desk's name in the centre's audit log. */
  readonly workstation: string;
  readonly fetch?: typeof fetch;
  /** Per request, and per pause between two chunks of a download (ms). */
  readonly timeoutMs?: number;
}

/** The centre's QA archive endpoints over HTTP (README "Evidence archive"). Never throws. */
export function httpArchiveQaCentre(o: HttpArchiveQaCentreOptions): ArchiveQaCentre {
  const doFetch = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const at = (id: string) => `/api/archive/sessions/${encodeURIComponent(id)}`;
  const headers = (ep: ArchiveEndpoint, json: boolean) => ({
    authorization: `Bearer ${ep.accessToken}`,
    [WORKSTATION_HEADER]: o.workstation,
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  async function call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<ArchiveResult<z.output<S>>> {
    const ep = await o.endpoint();
    if (!ep.ok) return ep;
    const init =
      body === undefined
        ? { method: 'GET', headers: headers(ep.value, false) }
        : { method: 'POST', headers: headers(ep.value, true), body: JSON.stringify(body) };
    return fetchEnvelope(new URL(path, ep.value.baseUrl), init, schema, timeoutMs, doFetch);
  }
  return {
    async list(query) {
      const params = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
      const r = await call(`/api/archive/sessions?${params}`, undefined, archiveListSchema);
      return r.ok ? { ok: true, value: r.value.items } : r;
    },
    open: (id, publicKeyPem) => call(`${at(id)}/open`, { publicKeyPem }, archiveOpenSchema),
    events: (id, events) => call(`${at(id)}/events`, { events }, zod.unknown()),
    async download(id, from, sink, to) {
      const ep = await o.endpoint();
      if (!ep.ok) return ep;
      const ctrl = new AbortController();
      let timer = setTimeout(() => ctrl.abort(), timeoutMs);
      try {
        const res = await doFetch(new URL(`${at(id)}/recording`, ep.value.baseUrl), {
          headers: { ...headers(ep.value, false), ...(from > 0 || to !== undefined ? { range: `bytes=${from}-${to === undefined ? '' : to - 1}` } : {}) },
          signal: ctrl.signal,
        });
        if (res.status !== 200 && res.status !== 206) {
          const env = (await res.json().catch(() => null)) as { error?: SyncError } | null;
          return { ok: false, error: env?.error ?? { code: 'bad_response', message: transportMessages.bad_response } };
        }
        // A 200 to a ranged request is the whole file: the caller must start again from 0.
        const start = res.status === 206 ? from : 0;
        const size = res.status === 206 ? Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]) : Number(res.headers.get('content-length'));
        if (!Number.isFinite(size) || !res.body) return { ok: false, error: { code: 'bad_response', message: transportMessages.bad_response } };
        if (start !== from)
          return { ok: false, error: { code: 'conflict', message: { zh: '中心未按断点续传', en: 'the centre ignored the range: start again' } } };
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          clearTimeout(timer);
          await sink(chunk);
          timer = setTimeout(() => ctrl.abort(), timeoutMs);
        }
        return { ok: true, value: { size } };
      } catch (err) {
        const code = ctrl.signal.aborted ? 'timeout' : 'network';
        return {
          ok: false,
          error: {
            code,
            message:
              err instanceof Error && !ctrl.signal.aborted
                ? { ...transportMessages.network, en: `${transportMessages.network.en}: ${err.message}` }
                : transportMessages[code],
          },
        };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
