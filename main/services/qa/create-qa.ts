import type { z } from 'zod';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { CenterLinkService } from '../center-link/center-link-service';
import { fetchEnvelope } from '../center/envelope-fetch';
import { callFormSchema, evaluationAnswerSchema } from '../../../shared/sync/qa';

type Answer<T> = { kind: 'ok'; value: T } | { kind: 'offline'; message: string } | { kind: 'refused'; code: string; message: string };

/**
 * Registers `qa:*`: the replay screen's QA form and evaluation go to the centre with the signed-in
 * person's token (the link's archive endpoint: base URL and a fresh access token, never in the
 * renderer). Unreachable is `offline`, a refusal carries the centre's reason.
 */
export function registerQa(router: IpcRouter, link: CenterLinkService, timeoutMs = 15_000): void {
  async function call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<Answer<z.output<S>>> {
    const ep = await link.archiveEndpoint();
    if (ep.kind !== 'ok') return ep;
    const headers = { authorization: `Bearer ${ep.value.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const init = body === undefined ? { method: 'GET', headers } : { method: 'POST', headers, body: JSON.stringify(body) };
    const r = await fetchEnvelope(new URL(path, ep.value.baseUrl), init, schema, timeoutMs);
    if (r.ok) return { kind: 'ok', value: r.value };
    const offline = r.error.code === 'network' || r.error.code === 'timeout';
    return offline ? { kind: 'offline', message: r.error.message.zh } : { kind: 'refused', code: r.error.code, message: r.error.message.zh };
  }
  router.register({
    'qa:form': (req) => call(`/api/qa/sessions/${encodeURIComponent(req.sessionId)}/form`, undefined, callFormSchema),
    'qa:submit': (req) => call('/api/qa/evaluations', req, evaluationAnswerSchema),
  });
}
