import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { syncError, type SyncError } from '../../shared/sync';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; error: SyncError };

/**
 * Reads the raw body up to `limit` bytes; stops reading (and answers 413) past it. A body cut short
 * (the client's connection dropped mid-body, fewer bytes than its Content-Length) is refused as a
 * value, so no caller ever acts on part of a body.
 */
export async function readRaw(req: IncomingMessage, limit: number): Promise<BodyResult<Buffer>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, error: tooLarge(limit) };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        req.resume();
        return { ok: false, error: tooLarge(limit) };
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { ok: false, error: truncated(size, declared) };
  }
  if (!req.complete || (Number.isFinite(declared) && size !== declared)) return { ok: false, error: truncated(size, declared) };
  return { ok: true, value: Buffer.concat(chunks) };
}

function truncated(size: number, declared: number): SyncError {
  return syncError('invalid_request', {
    zh: '请求内容不完整（连接中断），未作任何处理',
    en: `the body was cut short after ${size}${Number.isFinite(declared) ? ` of ${declared}` : ''} bytes (connection dropped); nothing was done`,
  });
}

function tooLarge(limit: number): SyncError {
  return syncError('payload_too_large', {
    zh: `请求内容超过上限（${Math.round(limit / 1024)} KB）`,
    en: `the body exceeds the limit of ${limit} bytes`,
  });
}

/** Reads and validates a JSON body against a zod schema; every failure is a typed value. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number): Promise<BodyResult<z.output<S>>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, error: syncError('unsupported_media_type', { en: `expected application/json, got ${type || 'nothing'}` }) };
  }
  const raw = await readRaw(req, limit);
  if (!raw.ok) return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.value.toString('utf8'));
  } catch (err) {
    return { ok: false, error: syncError('malformed_json', { en: `the body is not valid JSON: ${(err as Error).message}` }) };
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
    return { ok: false, error: syncError('invalid_request', undefined, issues) };
  }
  return { ok: true, value: checked.data };
}
