import { createHmac } from 'node:crypto';
import { openClaims, signClaims } from '../../center/auth/signed-claims';

const key = Buffer.alloc(32, 7);

describe('signed claims (access tokens, listen-in grants)', () => {
  it('round-trips the claims under the same key and version', () => {
    expect(openClaims(key, 'v1', signClaims(key, 'v1', { sub: '1001', exp: 5 }))).toEqual({ sub: '1001', exp: 5 });
  });

  it('refuses another version tag, another key, an altered body or signature, and a malformed value', () => {
    const value = signClaims(key, 'v1', { sub: '1001', exp: 5 });
    const [ver, body, mac] = value.split('.');
    expect(openClaims(key, 'mg1', value)).toBeNull();
    expect(openClaims(Buffer.alloc(32, 8), 'v1', value)).toBeNull();
    // The version is signed too: relabelling a token does not make it open as another kind.
    expect(openClaims(key, 'mg1', `mg1.${body}.${mac}`)).toBeNull();
    const forged = Buffer.from(JSON.stringify({ sub: '9001', exp: 5 })).toString('base64url');
    expect(openClaims(key, 'v1', `${ver}.${forged}.${mac}`)).toBeNull();
    expect(openClaims(key, 'v1', `${ver}.${body}.${mac.slice(0, -2)}`)).toBeNull();
    expect(openClaims(key, 'v1', `${ver}.${body}`)).toBeNull();
    expect(openClaims(key, 'v1', '')).toBeNull();
  });

  it('a correctly signed body that is not JSON opens as null, not as an exception', () => {
    const value = signClaims(key, 'v1', {});
    const notJson = Buffer.from('{not json').toString('base64url');
    const mac = createHmac('sha256', key).update(`v1.${notJson}`).digest('base64url');
    expect(value.startsWith('v1.')).toBe(true);
    expect(openClaims(key, 'v1', `v1.${notJson}.${mac}`)).toBeNull();
  });
});
