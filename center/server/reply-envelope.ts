import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { syncError, type CenterResult, type SyncError } from '../../shared/sync';
import { BlobStoreUnavailable } from '../archive/blob-store-unavailable';
import { httpStatusOf } from './http-status';

/** A refusal raised where fastify expects an error (body parsers, hooks); answered as its envelope. */
export class EnvelopeError extends Error {
  constructor(readonly error: SyncError) {
    super(error.message.en);
  }
}

/** Sends a JSON envelope with the status that fits it. */
export function sendResult(reply: FastifyReply, result: CenterResult<unknown>): FastifyReply {
  const status = result.ok ? 200 : httpStatusOf[result.error.code];
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(result));
}

/** The `invalid_request` envelope naming each zod issue (at most 50) by its path. */
export function invalidRequest(error: z.ZodError, root = '(body)'): SyncError {
  const issues = error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || root, message: i.message }));
  return syncError('invalid_request', undefined, issues);
}

export function unsupportedMediaType(request: FastifyRequest, expected: string): SyncError {
  const type = request.headers['content-type'] ?? '';
  return syncError('unsupported_media_type', { en: `expected ${expected}, got ${type || 'nothing'}` });
}

/**
 * Fastify's and the handlers' errors as the envelopes the desks know. A body cut short (the
 * connection dropped, fewer bytes than its Content-Length) is refused before any handler runs.
 */
export function errorEnvelope(err: FastifyError, request: FastifyRequest): SyncError | null {
  if (err instanceof EnvelopeError) return err.error;
  // A blob store's failure names its cause (bucket, credentials, endpoint) to the desk that retries.
  if (err instanceof BlobStoreUnavailable) return err.error;
  const limit = request.routeOptions.bodyLimit;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return syncError('payload_too_large', { zh: `请求内容超过上限（${Math.round(limit / 1024)} KB）`, en: `the body exceeds the limit of ${limit} bytes` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(request, 'application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'ECONNRESET': {
      const declared = request.headers['content-length'];
      return syncError('invalid_request', {
        zh: '请求内容不完整（连接中断），未作任何处理',
        en: `the body was cut short${declared ? ` (declared ${declared} bytes)` : ''} (connection dropped); nothing was done`,
      });
    }
    default:
      return null;
  }
}
