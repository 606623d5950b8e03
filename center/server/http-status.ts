import type { SyncErrorCode } from '../../shared/sync';

/** HTTP status for each error code. */
export const httpStatusOf: Readonly<Record<SyncErrorCode, number>> = {
  malformed_json: 400,
  invalid_request: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  bad_credentials: 401,
  unauthenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  forbidden: 403,
  wrong_team: 403,
  invalid_cursor: 409,
  unknown_case: 404,
  conflict: 409,
  gone: 410,
  import_failed: 422,
  rate_limited: 429,
  checksum_mismatch: 400,
  insufficient_storage: 507,
  csrf_failed: 403,
  stale_version: 409,
  order_closed: 409,
  internal: 500,
};
