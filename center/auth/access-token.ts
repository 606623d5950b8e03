import { openClaims, signClaims } from './signed-claims';

/**
 * Short-lived access tokens: `v1.<payload base64url>.<HMAC-SHA256 base64url>`, signed with the
 * centre's secret (kept in the store, so tokens outlive a restart and a token of another centre
 * never verifies). They carry only identity and expiry; role and team are read fresh per request.
 */
export interface AccessClaims {
  readonly sub: string;
  /** Seconds since epoch. */
  readonly iat: number;
  readonly exp: number;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Issues a token for `sub` valid for `ttlSec` seconds. */
export function issueAccessToken(secret: Buffer, sub: string, ttlSec: number, nowMs = Date.now()): { token: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const claims: AccessClaims = { sub, iat, exp: iat + ttlSec };
  return { token: signClaims(secret, 'v1', claims), exp: claims.exp };
}

/** Verifies signature and expiry. */
export function verifyAccessToken(secret: Buffer, token: string, nowMs = Date.now()): VerifyResult {
  const claims = openClaims(secret, 'v1', token) as AccessClaims | null;
  if (claims === null || typeof claims !== 'object') return { ok: false, reason: 'invalid' };
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
