/**
 * Errors of the centre's HTTP/sync boundary, as values. Every failed request answers
 * `{ ok: false, error: SyncError }` and changes nothing. `code` is stable for programs,
 * `message` is for people (zh-CN for the agent, English for the log).
 */
export type SyncErrorCode =
  | 'malformed_json'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'bad_credentials'
  | 'unauthenticated'
  | 'invalid_token'
  | 'token_expired'
  | 'forbidden'
  | 'wrong_team'
  | 'invalid_cursor'
  | 'unknown_case'
  | 'conflict'
  | 'gone'
  | 'import_failed'
  | 'rate_limited'
  | 'checksum_mismatch'
  | 'insufficient_storage'
  | 'csrf_failed'
  | 'stale_version'
  | 'order_closed'
  | 'internal';

/** A readable message in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** One field-level problem (path inside the request, readable reason). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A typed error at the centre boundary. */
export interface SyncError {
  readonly code: SyncErrorCode;
  readonly message: Bilingual;
  readonly issues?: readonly FieldIssue[];
}

/** Default messages per code; callers may pass a more specific one. */
export const syncErrorMessages: Readonly<Record<SyncErrorCode, Bilingual>> = {
  malformed_json: { zh: '请求内容不是合法的 JSON', en: 'The request body is not valid JSON' },
  invalid_request: { zh: '请求字段不合规', en: 'The request has fields of the wrong shape or type' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  payload_too_large: { zh: '请求内容过大', en: 'The request body is too large' },
  not_found: { zh: '没有这个接口或记录', en: 'No such endpoint or record' },
  method_not_allowed: { zh: '该接口不支持此请求方法', en: 'Method not allowed on this endpoint' },
  bad_credentials: { zh: '工号或密码错误', en: 'Wrong staff number or password' },
  unauthenticated: { zh: '请先登录', en: 'Sign-in required' },
  invalid_token: { zh: '登录凭证无效，请重新登录', en: 'The access token is not valid for this centre' },
  token_expired: { zh: '登录已过期，请刷新或重新登录', en: 'The access token has expired' },
  forbidden: { zh: '当前角色无权执行此操作', en: 'Your role may not use this endpoint' },
  wrong_team: { zh: '不能操作其他团队的数据', en: 'That belongs to another team' },
  invalid_cursor: { zh: '同步游标无效', en: 'The sync cursor is not valid' },
  unknown_case: { zh: '没有这个保单的回访件', en: 'No case with that policy number' },
  conflict: { zh: '数据冲突', en: 'Conflicting data' },
  gone: { zh: '已过期或已使用', en: 'Expired or already used' },
  import_failed: { zh: '导入失败', en: 'Import failed' },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  checksum_mismatch: { zh: '数据在传输中损坏，请重新发送', en: 'The data arrived damaged (checksum mismatch); send it again' },
  insufficient_storage: { zh: '中心存储空间不足，请稍后再试', en: 'The centre is out of storage space; try again later' },
  csrf_failed: { zh: '页面已过期，请刷新后重试', en: 'The x-csrf-token header is missing or does not match the session' },
  stale_version: { zh: '工单已被他人修改或已提交过，请刷新后重试', en: 'The work order changed since it was read (stale version); reload it' },
  order_closed: { zh: '该工单已办结，不能再修改', en: 'The work order is closed and cannot be changed' },
  internal: { zh: '服务内部错误，请稍后重试', en: 'Internal error; try again later' },
};

/** Builds a SyncError with the default message unless one is given. */
export function syncError(code: SyncErrorCode, message?: Partial<Bilingual>, issues?: readonly FieldIssue[]): SyncError {
  const base = syncErrorMessages[code];
  const msg = { zh: message?.zh ?? base.zh, en: message?.en ?? base.en };
  return issues && issues.length > 0 ? { code, message: msg, issues } : { code, message: msg };
}

/** Result envelope of every centre endpoint. */
export type CenterResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SyncError };
