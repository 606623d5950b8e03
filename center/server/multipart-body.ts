import type { FastifyRequest } from 'fastify';
import { syncError, type SyncError } from '../../shared/sync';
import { invalidRequest, unsupportedMediaType } from './reply-envelope';
import type { MultipartBody, MultipartSpec, UploadedFile } from './route';
import { spoolUpload, type SpooledFile } from './upload-spool';

/** Text fields beyond the route's own are refused; this bounds what a client can make the centre hold. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads a `multipart/form-data` body whole before the handler runs, so a handler never sees a
 * partial upload: every file spooled sealed to `spoolDir` within the route's per-file limit
 * (upload-spool.ts), each file field at most once and only the ones the route names, the text
 * fields validated by the route's schema. A body cut short, an oversized file or an unknown part
 * refuses the whole request and deletes what was spooled; otherwise the caller calls `discard`
 * once the handler is done.
 */
export async function readMultipart(
  request: FastifyRequest,
  spec: MultipartSpec<unknown>,
  spoolDir: string,
): Promise<{ ok: true; body: MultipartBody<unknown>; discard: () => Promise<void> } | { ok: false; error: SyncError }> {
  if (!request.isMultipart()) return { ok: false, error: unsupportedMediaType(request, 'multipart/form-data') };
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  const spooled: SpooledFile[] = [];
  const discard = async () => void (await Promise.all(spooled.map((f) => f.discard())));
  let refusal: SyncError | null = null;
  const refuse = (en: string, zh: string) => {
    refusal ??= syncError('invalid_request', { zh, en });
  };
  try {
    const parts = request.parts({
      limits: { fileSize: spec.maxFileBytes, files: spec.files.length, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: spec.files.length + MAX_FIELDS },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (!spec.files.includes(part.fieldname)) {
          refuse(`unexpected file field ${part.fieldname} (expected ${spec.files.join(', ')})`, `不认识的上传项 ${part.fieldname}`);
          part.file.resume();
          continue;
        }
        if (files[part.fieldname]) refuse(`file field ${part.fieldname} appears twice`, `上传项 ${part.fieldname} 出现了两次`);
        const file = await spoolUpload(part.file, spoolDir);
        spooled.push(file);
        // Busboy ends an oversized file early and marks it; the part that follows reports the limit too.
        if (part.file.truncated) throw Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
        files[part.fieldname] = { filename: part.filename, declaredType: part.mimetype, size: file.size, head: file.head, open: () => file.open() };
      } else {
        if (part.fieldname in fields) refuse(`field ${part.fieldname} appears twice`, `字段 ${part.fieldname} 出现了两次`);
        if (part.valueTruncated) refuse(`field ${part.fieldname} exceeds ${MAX_FIELD_BYTES} bytes`, `字段 ${part.fieldname} 过长`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    await discard();
    return { ok: false, error: multipartError(err as { code?: string; message?: string }, spec) };
  }
  const checked = spec.fields.safeParse(fields);
  if (refusal || !checked.success) {
    await discard();
    return { ok: false, error: refusal ?? invalidRequest(checked.error!, '(fields)') };
  }
  return { ok: true, body: { fields: checked.data, files }, discard };
}

function multipartError(err: { code?: string; message?: string }, spec: MultipartSpec<unknown>): SyncError {
  const mb = (spec.maxFileBytes / (1024 * 1024)).toFixed(0);
  switch (err.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return syncError('payload_too_large', {
        zh: `上传文件超过上限（每个文件 ${mb} MB）`,
        en: `a file exceeds the limit of ${spec.maxFileBytes} bytes per file`,
      });
    case 'FST_FILES_LIMIT':
      return syncError('payload_too_large', { zh: '上传文件数量超过上限', en: `more than ${spec.files.length} files (${spec.files.join(', ')})` });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return syncError('payload_too_large', { zh: '表单字段过多', en: `more than ${MAX_FIELDS} form fields` });
    default:
      // Busboy's own words for a malformed or truncated body ("Unexpected end of form", …).
      return syncError('invalid_request', {
        zh: '上传内容不完整或格式错误，未作任何处理',
        en: `malformed or incomplete multipart body: ${err.message ?? 'unknown'}; nothing was done`,
      });
  }
}
