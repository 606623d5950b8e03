import type { z } from 'zod';
import type { IpcRouter } from '../../ipc/ipc-router';
import type { CenterLinkService } from '../center-link/center-link-service';
import { fetchEnvelope } from '../center/envelope-fetch';
import { callFormSchema, evaluationAnswerSchema } from '../../../shared/sync/qa';
import {
  calibrationAnswerSchema,
  claimAnswerSchema,
  evaluationSchema,
  evaluationsAnswerSchema,
  myCalibrationsAnswerSchema,
  spreadAnswerSchema,
  workListAnswerSchema,
} from '../../../shared/sync/qa-answers';

type Answer<T> = { kind: 'ok'; value: T } | { kind: 'offline'; message: string } | { kind: 'refused'; code: string; message: string };
type Link = Pick<CenterLinkService, 'archiveEndpoint'>;

const enc = encodeURIComponent;

/**
 * Registers `qa:*`: the desk's QA screens go to the centre with the signed-in person's token (the
 * link's archive endpoint: base URL and a fresh access token, never in the renderer). The centre
 * decides who may do what; unreachable is `offline`, a refusal carries the centre's reason.
 */
export function registerQa(router: IpcRouter, link: Link, timeoutMs = 15_000): { ownFailedCall(sessionId: string): Promise<boolean> } {
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
    'qa:form': (req) => call(`/api/qa/sessions/${enc(req.sessionId)}/form`, undefined, callFormSchema),
    'qa:submit': (req) => call('/api/qa/evaluations', req, evaluationAnswerSchema),
    'qa:workList': (req) => {
      const q = new URLSearchParams(Object.entries(req).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return call(`/api/qa/work-list${q.size > 0 ? `?${q}` : ''}`, undefined, workListAnswerSchema);
    },
    'qa:claim': (req) => call('/api/qa/claims', req, claimAnswerSchema),
    'qa:mine': () => call('/api/me/qa-evaluations', undefined, evaluationsAnswerSchema),
    'qa:acknowledge': (req) => call(`/api/me/qa-evaluations/${enc(req.id)}/acknowledge`, {}, evaluationSchema),
    'qa:dispute': (req) => call(`/api/me/qa-evaluations/${enc(req.id)}/dispute`, { reason: req.reason }, evaluationSchema),
    'qa:disputes': () => call('/api/team/qa-disputes', undefined, evaluationsAnswerSchema),
    'qa:resolve': (req) => call(`/api/team/qa-evaluations/${enc(req.id)}/resolve`, req.resolution, evaluationSchema),
    'qa:calibrations': () => call('/api/qa/calibrations', undefined, myCalibrationsAnswerSchema),
    'qa:calibrate': (req) => call('/api/team/qa-calibrations', req, calibrationAnswerSchema),
    'qa:spread': (req) => call(`/api/team/qa-calibrations/${enc(req.id)}/spread`, undefined, spreadAnswerSchema),
  });
  return {
    // The agent's own evaluations, as the centre has them now: the playback policy asks before an
    // agent's replay (the centre checks again on every archived open, download and play).
    async ownFailedCall(sessionId) {
      const r = await call('/api/me/qa-evaluations', undefined, evaluationsAnswerSchema);
      return r.kind === 'ok' && r.value.items.some((e) => e.sessionId === sessionId && e.verdicts.some((v) => v.verdict === 'fail'));
    },
  };
}
