import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { CentreAddressProblem } from '../../../shared/ipc/channels/center-address';
import { healthSchema } from '../../../shared/sync';
import { centreUrlShape } from './centre-url';

/** Options of the check. */
export interface CheckOptions {
  readonly timeoutMs?: number;
  /**
   * Certificates to trust instead of the runtime's store. Tests only: the desk trusts what Node
   * trusts (plus NODE_EXTRA_CA_CERTS), exactly as the centre client that will use the address.
   */
  readonly ca?: string | Buffer;
}

/** The checked address (its origin), or why it is not kept; `detail` is the technical reason. */
export type CheckResult = { ok: true; url: string } | { ok: false; problem: CentreAddressProblem; detail: string };

/** The health answer is a few dozen bytes; anything much longer is not a centre. */
const MAX_BODY = 64 * 1024;

/**
 * Checks a centre address before the desk keeps it: its shape (see `centreUrlShape`), then
 * `GET /api/health` — reachable, TLS valid for that host, and the answer a Huifang centre gives
 * (`healthSchema`). Every failure is one problem kind; never throws. Redirects are not followed:
 * the client would not follow them either.
 */
export async function checkCentreAddress(raw: string, options: CheckOptions = {}): Promise<CheckResult> {
  const shape = centreUrlShape(raw);
  if (!shape.ok) return shape;
  const target = new URL('/api/health', shape.url);
  const timeoutMs = options.timeoutMs ?? 8000;
  return new Promise<CheckResult>((resolve) => {
    let settled = false;
    const done = (result: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const onResponse = (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY) done({ ok: false, problem: 'not_a_centre', detail: 'answer too long' });
      });
      res.on('end', () => done(judgeHealth(shape.url, res.statusCode ?? 0, body)));
      res.on('error', (err) => done(networkProblem(err)));
    };
    const headers = { accept: 'application/json' };
    const req =
      target.protocol === 'https:'
        ? httpsRequest(target, { method: 'GET', headers, ...(options.ca ? { ca: options.ca } : {}) }, onResponse)
        : httpRequest(target, { method: 'GET', headers }, onResponse);
    req.on('error', (err) => done(networkProblem(err)));
    const timer = setTimeout(() => done({ ok: false, problem: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
    req.end();
  });
}

/** A Huifang centre answers 200 with `{ok:true, value:{status:'ok', product:'huifang-center', apiVersion:1}}`. */
function judgeHealth(url: string, status: number, body: string): CheckResult {
  if (status !== 200) return { ok: false, problem: 'not_a_centre', detail: `HTTP ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'not_a_centre', detail: 'answer is not JSON' };
  }
  const envelope = json as { ok?: unknown; value?: unknown } | null;
  const health = envelope?.ok === true ? healthSchema.safeParse(envelope.value) : null;
  if (!health?.success) return { ok: false, problem: 'not_a_centre', detail: 'GET /api/health does not name huifang-center API 1' };
  return { ok: true, url };
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

/** Maps Node's network and TLS error codes to one problem kind each. */
function networkProblem(err: Error): CheckResult {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const detail = code ? `${code}: ${err.message}` : err.message;
  const problem = ((): CentreAddressProblem => {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return 'dns_failed';
    if (code === 'ECONNREFUSED') return 'connection_refused';
    if (code === 'ETIMEDOUT') return 'timeout';
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'tls_wrong_host';
    if (UNTRUSTED.has(code)) return 'tls_untrusted';
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'tls_expired';
    // `https:` to a plain-HTTP port ends in EPROTO (wrong version number).
    if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('CERT_') || code === 'EPROTO') return 'tls_invalid';
    return 'unreachable';
  })();
  return { ok: false, problem, detail };
}
