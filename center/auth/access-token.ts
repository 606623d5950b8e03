import { createHmac, timingSafeEqual } from 'node:crypto';

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

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

function sign(secret: Buffer, body: string): string {
  return b64url(createHmac('sha256', secret).update(body).digest());
}

/** Issues a token for `sub` valid for `ttlSec` seconds. */
export function issueAccessToken(secret: Buffer, sub: string, ttlSec: number, nowMs = Date.now()): { token: string; exp: number } {
  const iat = Math.floor(nowMs / 1000);
  const claims: AccessClaims = { sub, iat, exp: iat + ttlSec };
  const body = `v1.${b64url(Buffer.from(JSON.stringify(claims)))}`;
  return { token: `${body}.${sign(secret, body)}`, exp: claims.exp };
}

/** Verifies signature and expiry. */
export function verifyAccessToken(secret: Buffer, token: string, nowMs = Date.now()): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'invalid' };
  const body = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
