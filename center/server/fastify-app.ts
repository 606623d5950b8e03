import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import multipartPlugin from '@fastify/multipart';
import { syncError, type SyncError } from '../../shared/sync';
import { CONSOLE_CSRF_HEADER, CONSOLE_SESSION_COOKIE } from '../../shared/sync/branch-console';
import type { StoredUser } from '../store/users-repo';
import type { CenterContext } from '../center-context';
import { requireRole } from '../auth/roles';
import { isMultipartSpec, type Route } from './route';
import { readMultipart } from './multipart-body';
import { EnvelopeError, errorEnvelope, invalidRequest, sendResult, unsupportedMediaType } from './reply-envelope';
import { registerPushChannel } from './push-channel';
import { registerConsole } from './console-static';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
/** Routes whose abuse costs the centre or a person: guessing passwords. */
const RATE_LIMITED = new Set(['POST /api/auth/login', 'POST /api/console/session']);
/** Methods that change nothing: a cookie-authenticated request needs no CSRF token for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The caller each authenticated request was made by (set in `onRequest`, read by the handler). */
const callers = new WeakMap<FastifyRequest, StoredUser>();
/** Deletes a request's spooled uploads once its handler is done (multipart-body.ts). */
const spools = new WeakMap<FastifyRequest, () => Promise<void>>();

/**
 * The centre's HTTP application: every route, the push channel, security headers and sign-in
 * rate limiting. Authentication and the role check run on `onRequest` — before any body is read —
 * so an unauthenticated caller learns nothing about a body's shape. JSON bodies are parsed by
 * fastify (within the route's `bodyLimit`) and validated by the route's zod schema; `'bytes'`
 * routes get the raw body as a Buffer; fastify refuses a body shorter than its Content-Length.
 */
export async function buildCentreApp(center: CenterContext, routes: readonly Route[], server: FastifyServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ ...server, logger: false, exposeHeadRoutes: false, routerOptions: { maxParamLength: 1000 }, forceCloseConnections: true });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const error = errorEnvelope(err, request);
    if (error) return sendResult(reply, { ok: false, error });
    process.stderr.write(`centre: request ${request.method} ${request.url} failed: ${err?.stack ?? String(err)}\n`);
    if (reply.sent || reply.raw.headersSent) return void reply.raw.end();
    return sendResult(reply, { ok: false, error: syncError('internal') });
  });
  app.setNotFoundHandler((_request, reply) => sendResult(reply, { ok: false, error: syncError('not_found') }));
  // A JSON API: no page, no script, no frame — helmet's defaults forbid them all.
  await app.register(helmet, { global: true });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, ctx) =>
      new EnvelopeError(
        syncError('rate_limited', {
          zh: `登录尝试过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
          en: `too many sign-in attempts; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        }),
      ),
  });
  await app.register(websocket, {
    options: { maxPayload: 4096 },
    // Closing the centre ends every socket at once (a desk reconnects to the next centre).
    preClose(done) {
      center.wallboard.end(); // ends the wallboards' event streams, which would hold the close
      for (const ws of app.websocketServer.clients) ws.terminate();
      app.websocketServer.close();
      done();
    },
  });
  registerPushChannel(app, center);
  await registerConsole(app);

  // Bodies of routes that take none (and of unknown paths) are drained unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', drain);
  for (const r of routes.filter((x) => x.body === undefined)) app.route(routeOptions(center, r));
  await app.register(async (json) => {
    json.removeAllContentTypeParsers();
    json.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
      try {
        done(null, JSON.parse(text as string));
      } catch (err) {
        done(new EnvelopeError(syncError('malformed_json', { en: `the body is not valid JSON: ${(err as Error).message}` })), undefined);
      }
    });
    for (const r of routes.filter((x) => x.body !== undefined && x.body !== 'bytes' && !isMultipartSpec(x.body))) json.route(routeOptions(center, r));
  });
  await app.register(async (bytes) => {
    bytes.removeAllContentTypeParsers();
    bytes.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    for (const r of routes.filter((x) => x.body === 'bytes')) bytes.route(routeOptions(center, r));
  });
  await app.register(async (form) => {
    form.removeAllContentTypeParsers();
    // Limits are per route (readMultipart); these defaults only bound a route that forgot its own.
    await form.register(multipartPlugin, { limits: { fileSize: 1024 * 1024, files: 1, fields: 20 } });
    form.addContentTypeParser('*', (request, _payload, done) => done(new EnvelopeError(unsupportedMediaType(request, 'multipart/form-data'))));
    for (const r of routes.filter((x) => isMultipartSpec(x.body))) form.route(routeOptions(center, r));
  });
  for (const [path, methods] of methodsByPath(routes)) {
    const others = ALL_METHODS.filter((m) => !methods.has(m));
    app.route({ method: [...others], url: path, handler: (_q, reply) => sendResult(reply, { ok: false, error: syncError('method_not_allowed') }) });
  }
  return app;
}

function methodsByPath(routes: readonly Route[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const r of routes) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
  return byPath;
}

function drain(_req: FastifyRequest, payload: IncomingMessage, done: (err: Error | null, body?: unknown) => void): void {
  payload.on('error', () => undefined);
  payload.on('end', () => done(null, undefined));
  payload.resume();
}

function routeOptions(center: CenterContext, r: Route): RouteOptions {
  const form = isMultipartSpec(r.body) ? r.body : null;
  const schema = r.body === undefined || r.body === 'bytes' || isMultipartSpec(r.body) ? null : r.body;
  const limit = r.bodyLimit ?? (r.body === 'bytes' || form ? center.limits.maxUploadBytes : center.limits.maxJsonBytes);
  const rateLimited = RATE_LIMITED.has(`${r.method} ${r.path}`);
  return {
    method: r.method,
    url: r.path,
    bodyLimit: limit,
    config: rateLimited ? { rateLimit: { max: center.limits.signInPerMinute, timeWindow: 60_000, hook: 'preHandler', keyGenerator: signInKey } } : {},
    onRequest: r.roles === 'public' ? undefined : authenticate(center, r.roles),
    preValidation: schema
      ? async (request: FastifyRequest, reply: FastifyReply) => {
          if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
            return sendResult(reply, { ok: false, error: unsupportedMediaType(request, 'application/json') });
          }
          const checked = schema.safeParse(request.body);
          if (!checked.success) return sendResult(reply, { ok: false, error: invalidRequest(checked.error) });
          request.body = checked.data;
        }
      : form
        ? async (request: FastifyRequest, reply: FastifyReply) => {
            const read = await readMultipart(request, form, center.archive?.blobs.scratchDir ?? tmpdir());
            if (!read.ok) return sendResult(reply, { ok: false, error: read.error });
            spools.set(request, read.discard);
            request.body = read.body;
          }
        : undefined,
    handler: async (request, reply) => {
      let result: Awaited<ReturnType<Route['handle']>>;
      try {
        result = await r.handle({
          req: request.raw,
          reply,
          url: new URL(request.raw.url ?? '/', 'http://centre.invalid'),
          params: request.params as Record<string, string>,
          center,
          user: callers.get(request) as StoredUser,
          body: request.body,
        });
      } finally {
        // Before the answer goes out: a client that has its answer finds no spool of its upload left.
        await spools.get(request)?.();
      }
      return result === 'handled' ? reply : sendResult(reply, result);
    },
  };
}

function authenticate(center: CenterContext, roles: Exclude<Route['roles'], 'public'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = await callerOf(center, request);
    if (!auth.ok) return sendResult(reply, { ok: false, error: auth.error });
    const denied = requireRole(auth.user, roles);
    if (denied) return sendResult(reply, { ok: false, error: denied });
    callers.set(request, auth.user);
  };
}

/**
 * The caller: a Bearer token (the desk) or, without one, the console's session cookie — then every
 * unsafe method must echo the session's CSRF token in `x-csrf-token` (a page of another site can
 * make the browser send the cookie, but cannot read the token).
 */
async function callerOf(center: CenterContext, request: FastifyRequest): Promise<{ ok: true; user: StoredUser } | { ok: false; error: SyncError }> {
  const sessionId = request.cookies[CONSOLE_SESSION_COOKIE];
  if (request.headers.authorization !== undefined || !sessionId) return center.auth.authenticate(request.headers.authorization);
  const header = request.headers[CONSOLE_CSRF_HEADER];
  const csrf = SAFE_METHODS.has(request.method) ? null : typeof header === 'string' ? header : undefined;
  return center.auth.authenticateConsole(sessionId, csrf);
}

/** Sign-in attempts count per address and staff number: one desk's typo does not lock out its neighbours. */
function signInKey(request: FastifyRequest): string {
  const staffNo = (request.body as { staffNo?: unknown } | undefined)?.staffNo;
  return `${request.ip} ${typeof staffNo === 'string' ? staffNo : ''}`;
}
