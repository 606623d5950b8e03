import Ajv2020 from 'ajv/dist/2020';
import WebSocket from 'ws';
import { CHANNEL_PATH } from '../../shared/sync';
import { centreRoutes } from '../../center/server/http-server';
import { isMultipartSpec } from '../../center/server/route';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';

/**
 * The centre's HTTP layer (center/README.md "HTTP layer"): the OpenAPI document generated from the
 * routes' zod schemas, sign-in rate limiting, security headers, and bodies refused before any
 * handler runs.
 */
let center: TestCenter;

beforeAll(async () => {
  center = await startTestCenter({ limits: { signInPerMinute: 3 } });
});
afterAll(async () => center.close());

describe('the OpenAPI document (center/README.md "HTTP layer")', () => {
  let doc: Json;
  beforeAll(async () => {
    const res = await fetch(`${center.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = await res.json();
  });

  it('is OpenAPI 3.1 and public (no token needed)', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.version).toBeTruthy();
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it('lists every route with its method, roles and path parameters', () => {
    expect(centreRoutes.length).toBeGreaterThan(50);
    for (const r of centreRoutes) {
      const path = r.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op['x-roles']).toEqual(r.roles === 'public' ? [] : [...r.roles]);
      expect(op.security).toEqual(r.roles === 'public' ? [] : [{ bearer: [] }]);
      const names = [...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
      expect((op.parameters ?? []).map((p: { name: string }) => p.name)).toEqual(names);
    }
    expect(doc.paths['/api/health'].get['x-roles']).toEqual([]);
    expect(doc.paths['/api/openapi.json'].get).toBeDefined();
  });

  it('every JSON request body schema compiles as JSON Schema 2020-12; the sign-in body accepts and refuses as its zod schema does', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const ids = new Set<string>();
    let bodies = 0;
    for (const r of centreRoutes) {
      const op = doc.paths[r.path.replace(/:([a-zA-Z]+)/g, '{$1}')][r.method.toLowerCase()];
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      if (r.body === undefined) {
        expect(op.requestBody).toBeUndefined();
        continue;
      }
      if (r.body === 'bytes') {
        expect(Object.keys(op.requestBody.content)).toEqual(['application/octet-stream']);
        continue;
      }
      if (isMultipartSpec(r.body)) {
        // A multipart body: its text fields and one binary property per file field.
        const form = op.requestBody.content['multipart/form-data'].schema;
        expect(() => ajv.compile(form), `${r.method} ${r.path}`).not.toThrow();
        expect(Object.keys(form.properties)).toEqual(expect.arrayContaining([...r.body.files]));
        continue;
      }
      bodies++;
      const schema = op.requestBody.content['application/json'].schema;
      expect(() => ajv.compile(schema), `${r.method} ${r.path}`).not.toThrow();
    }
    expect(bodies).toBeGreaterThan(20);
    // The sign-in body as documented: both fields required, nothing else.
    const login = ajv.compile(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema);
    expect(login({ staffNo: '1001', password: 'secret-pass-1' })).toBe(true);
    expect(login({ staffNo: '1001' })).toBe(false);
  });
});

describe('sign-in rate limiting (center/README.md "HTTP layer"; --sign-in-per-minute)', () => {
  it('past the limit one address and staff number gets 429 rate_limited, even with the right password; another staff number still signs in', async () => {
    for (let i = 0; i < 3; i++) expect((await post(`${center.url}/api/auth/login`, { staffNo: '1002', password: 'wrong-wrong' })).status).toBe(401);
    const blocked = await post(`${center.url}/api/auth/login`, { staffNo: '1002', password: 'secret-pass-1' });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('rate_limited');
    expect(blocked.json.error.message.en).toMatch(/too many sign-in attempts; retry in \d+ s/);
    expect((await post(`${center.url}/api/auth/login`, { staffNo: '1001', password: 'secret-pass-1' })).status).toBe(200);
  });
});

describe('security headers and bodies (center/README.md "HTTP layer")', () => {
  it('answers carry helmet headers and are never cached', async () => {
    const res = await fetch(`${center.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('authentication comes before the body: no token and a broken body is 401, not 400', async () => {
    const r = await post(`${center.url}/api/sync/push`, '{"items": [');
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('unauthenticated');
  });

  it('a JSON route with no body at all is refused as the wrong media type; an empty JSON body as malformed', async () => {
    const none = await fetch(`${center.url}/api/auth/login`, { method: 'POST' });
    expect(none.status).toBe(415);
    expect(((await none.json()) as Json).error.code).toBe('unsupported_media_type');
    const empty = await post(`${center.url}/api/auth/login`, '');
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBe('malformed_json');
  });

  it('an unknown path is 404 not_found, a known path with another method 405 (HEAD and OPTIONS included)', async () => {
    expect((await get(`${center.url}/api/health/`)).json.error.code).toBe('not_found');
    for (const method of ['HEAD', 'OPTIONS', 'DELETE']) {
      expect((await fetch(`${center.url}/api/health`, { method })).status).toBe(405);
    }
  });
});

describe('the push channel on @fastify/websocket (center/README.md "HTTP layer")', () => {
  /** The first thing the socket says, or the status the upgrade was refused with. */
  const first = (token?: string) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(`${center.url.replace('http', 'ws')}${CHANNEL_PATH}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      ws.on('unexpected-response', (_req, res) => {
        resolve(`status ${res.statusCode}`);
        ws.terminate();
      });
      ws.on('message', (d) => {
        resolve(String(d));
        ws.close();
      });
      ws.on('error', (e) => resolve(`error ${e.message}`));
    });

  it('refuses the upgrade without a token (401) and for a role without a queue (403); an agent gets hello', async () => {
    expect(await first()).toBe('status 401');
    expect(await first(await loginAs(center.url, '3001'))).toBe('status 403');
    expect(JSON.parse(await first(await loginAs(center.url, '1001')))).toEqual({ type: 'hello', staffNo: '1001' });
  });
});
