import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { CenterResult, Role } from '../../shared/sync';
import type { StoredUser } from '../store/users-repo';
import type { CenterContext } from '../center-context';

/** What a handler gets. */
export interface RouteContext<B = unknown> {
  /** The raw request, for its headers (the body is already read: `body`). */
  readonly req: IncomingMessage;
  /** For handlers that answer something other than an envelope (streams, downloads): they send on it and return `'handled'`. */
  readonly reply: FastifyReply;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly center: CenterContext;
  /** The authenticated caller (undefined only on public routes). */
  readonly user: StoredUser;
  /** The body: the zod schema's output for a JSON route, the bytes for a `'bytes'` route, the parts for a multipart route, undefined otherwise. */
  readonly body: B;
}

/**
 * One endpoint: method, path with `:params`, who may call it, and what body it takes. The server
 * (fastify-app.ts) authenticates and checks the role before the body is read, reads and validates
 * the body, and only then calls `handle` — a handler never sees a partial or invalid body.
 */
export interface Route<B = unknown> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly roles: readonly Role[] | 'public';
  /**
   * A zod schema: the body must be `application/json` and valid (else `unsupported_media_type`,
   * `malformed_json`, `invalid_request` with the issues); `'bytes'`: the raw body of any content
   * type as a Buffer; a `multipart(...)` spec: `multipart/form-data` read whole within its limits
   * (center/server/multipart-body.ts); absent: any body is drained and ignored.
   */
  readonly body?: z.ZodType<B> | 'bytes' | MultipartSpec<B>;
  /** Largest body in bytes (else `payload_too_large`); default the centre's `maxJsonBytes` (JSON) or `maxUploadBytes` (bytes). */
  readonly bodyLimit?: number;
  /** One line for the OpenAPI document. */
  readonly summary?: string;
  /** Answers an envelope, or `'handled'` when it sent the reply itself. Method syntax: a `Route<X>` is a `Route`. */
  handle(ctx: RouteContext<B>): Promise<CenterResult<unknown> | 'handled'>;
}

/** An uploaded file, read whole (within the route's per-file limit). */
export interface UploadedFile {
  readonly filename: string;
  /** What the client claimed; handlers check the bytes themselves. */
  readonly declaredType: string;
  /** Bytes as uploaded, and the first few of them (enough for a type's magic number). */
  readonly size: number;
  readonly head: Buffer;
  /** The bytes, streamed from the sealed spool (center/server/upload-spool.ts); valid while the handler runs. */
  open(): Readable;
}

/** A multipart route's body: its text fields validated by the schema, its files by field name. */
export interface MultipartBody<F> {
  readonly fields: F;
  readonly files: Readonly<Partial<Record<string, UploadedFile>>>;
}

/** A multipart body: the text fields' schema, the file fields allowed (each at most once) and the per-file limit. */
export interface MultipartSpec<B> {
  readonly kind: 'multipart';
  readonly fields: z.ZodType;
  readonly files: readonly string[];
  readonly maxFileBytes: number;
  /** Type only: what the handler's `body` is. */
  readonly _body?: B;
}

/** A multipart body spec whose handler gets `MultipartBody` of the schema's output. */
export function multipart<S extends z.ZodType>(fields: S, files: readonly string[], maxFileBytes: number): MultipartSpec<MultipartBody<z.output<S>>> {
  return { kind: 'multipart', fields, files, maxFileBytes };
}

/** Whether a route's body is a multipart spec. */
export function isMultipartSpec(body: Route['body']): body is MultipartSpec<unknown> {
  return typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'multipart';
}

/** Declares a route so the handler's `body` is typed from the route's schema. */
export function route<B>(r: Route<B>): Route<B> {
  return r;
}
