import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed claims: `<version>.<claims JSON base64url>.<HMAC-SHA256 base64url>`. The version
 * tag is part of what is signed, so a value of one kind (an access token `v1`, a listen-in grant
 * `mg1`) never opens as another, even under the same key.
 */
export function signClaims(key: Buffer, version: string, claims: object): string {
  const body = `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(key, body)}`;
}

/**
 * The claims of `value` when it has the `version` tag and a valid signature under `key`; null
 * otherwise (including claims that are not JSON). The caller checks the claims' shape and expiry.
 */
export function openClaims(key: Buffer, version: string, value: string): unknown {
  const parts = value.split('.');
  if (parts.length !== 3 || parts[0] !== version) return null;
  const expected = Buffer.from(mac(key, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
