import { z } from 'zod';
import { CENTRE_API_VERSION, CENTRE_PRODUCT } from '../../shared/sync';
import { isMultipartSpec, type MultipartSpec, type Route } from './route';

/** Where the document is served (public: it describes the contract, not data). */
export const OPENAPI_PATH = '/api/openapi.json';

/** Every refusal has this shape (shared/sync/errors.ts); `issues` names the fields of an `invalid_request`. */
const ERROR_ENVELOPE = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
        issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
} as const;

/** A JSON body's schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect); what zod cannot express is left open. */
function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** A multipart body: its text fields' schema plus one binary property per file field. */
function formSchema(spec: MultipartSpec<unknown>): Record<string, unknown> {
  const fields = bodySchema(spec.fields) as { properties?: Record<string, unknown> };
  const files = Object.fromEntries(spec.files.map((f) => [f, { type: 'string', contentMediaType: 'application/octet-stream', maxLength: spec.maxFileBytes }]));
  return { ...fields, properties: { ...fields.properties, ...files } };
}

function operation(r: Route): Record<string, unknown> {
  const params = [...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const body =
    r.body === undefined
      ? {}
      : r.body === 'bytes'
        ? {
            requestBody: {
              required: true,
              content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
            },
          }
        : isMultipartSpec(r.body)
          ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: formSchema(r.body) } } } }
          : { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(r.body) } } } };
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(r.summary ? { summary: r.summary } : {}),
    'x-roles': r.roles === 'public' ? [] : [...r.roles],
    security: r.roles === 'public' ? [] : [{ bearer: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...body,
    responses: {
      '200': { description: 'The result envelope `{ ok: true, value }` (or the stream the route names)' },
      default: { description: 'A refusal', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } },
    },
  };
}

/** The OpenAPI 3.1 document of the given routes, built from their zod schemas (the validation itself). */
export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: operation(r) };
  }
  return {
    openapi: '3.1.1',
    info: { title: CENTRE_PRODUCT, version: String(CENTRE_API_VERSION), description: 'The case centre of Huifang Workstation (center/README.md)' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The access token of POST /api/auth/login' } },
      schemas: { ErrorEnvelope: ERROR_ENVELOPE },
    },
  };
}

/** GET /api/openapi.json: the document of `routes` and of itself, built once. */
export function openApiRoute(routes: readonly Route[]): Route {
  const self: Route = {
    method: 'GET',
    path: OPENAPI_PATH,
    roles: 'public',
    summary: 'This OpenAPI 3.1 document',
    async handle() {
      return 'handled';
    },
  };
  const text = JSON.stringify(openApiDocument([...routes, self]));
  return {
    ...self,
    async handle({ reply }) {
      void reply.type('application/json; charset=utf-8').send(text);
      return 'handled';
    },
  };
}
