import { z } from 'zod';
import { exportRowSchema, WORKSTATION_HEADER, type ExportRow, type SyncError } from '../../../shared/sync';
import { transportMessages, type ClientResult } from '../center/client-error';
import { fetchEnvelope } from '../center/envelope-fetch';
import type { ArchiveEndpoint } from '../archive/archive-centre';

const list = z.object({ items: z.array(exportRowSchema) });

/** The centre's export endpoints as the desk uses them (README "Recording exports"; tests may pass another). */
export interface ExportCentre {
  request(sessionId: string, reason: string): Promise<ClientResult<ExportRow>>;
  mine(): Promise<ClientResult<ExportRow[]>>;
  pending(): Promise<ClientResult<ExportRow[]>>;
  decide(id: string, decision: 'approve' | 'refuse', comment: string): Promise<ClientResult<ExportRow>>;
  /** The watermarked copy's bytes and the file name the centre proposes. */
  download(id: string): Promise<ClientResult<{ fileName: string; bytes: Buffer }>>;
}

export interface HttpExportCentreOptions {
  readonly endpoint: () => Promise<ClientResult<ArchiveEndpoint>>;
  /** This desk's name in the centre's audit log. */
  readonly workstation: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** The export endpoints over HTTP. Never throws. */
export function httpExportCentre(o: HttpExportCentreOptions): ExportCentre {
  const doFetch = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const headers = (ep: ArchiveEndpoint) => ({ authorization: `Bearer ${ep.accessToken}`, [WORKSTATION_HEADER]: o.workstation });
  async function call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<ClientResult<z.output<S>>> {
    const ep = await o.endpoint();
    if (!ep.ok) return ep;
    const init =
      body === undefined
        ? { method: 'GET', headers: headers(ep.value) }
        : { method: 'POST', headers: { ...headers(ep.value), 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return fetchEnvelope(new URL(path, ep.value.baseUrl), init, schema, timeoutMs, doFetch);
  }
  const at = (id: string) => `/api/exports/${encodeURIComponent(id)}`;
  return {
    request: (sessionId, reason) => call('/api/exports', { sessionId, reason }, exportRowSchema),
    mine: async () => {
      const r = await call('/api/exports/mine', undefined, list);
      return r.ok ? { ok: true, value: r.value.items } : r;
    },
    pending: async () => {
      const r = await call('/api/exports/pending', undefined, list);
      return r.ok ? { ok: true, value: r.value.items } : r;
    },
    decide: (id, decision, comment) => call(`${at(id)}/${decision}`, { comment }, exportRowSchema),
    async download(id) {
      const ep = await o.endpoint();
      if (!ep.ok) return ep;
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), timeoutMs);
      try {
        const res = await doFetch(new URL(`${at(id)}/download`, ep.value.baseUrl), { headers: headers(ep.value), signal: ctrl.signal });
        if (res.status !== 200) {
          const env = (await res.json().catch(() => null)) as { error?: SyncError } | null;
          return { ok: false, error: env?.error ?? { code: 'bad_response', message: transportMessages.bad_response } };
        }
        const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
        return { ok: true, value: { fileName: named ?? `huifang-${id}.webm`, bytes: Buffer.from(await res.arrayBuffer()) } };
      } catch {
        const code = ctrl.signal.aborted ? 'timeout' : 'network';
        return { ok: false, error: { code, message: transportMessages[code] } };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
