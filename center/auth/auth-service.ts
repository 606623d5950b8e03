import { syncError, type CenterResult, type SessionTokens, type SyncError } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { findUser, publicUser, type StoredUser } from '../store/users-repo';
import { consumeRefreshToken, issueRefreshToken, revokeFamilyOf } from '../store/refresh-tokens-repo';
import { tokenSecret } from '../store/settings-repo';
import { audit } from '../store/audit-repo';
import { issueAccessToken, verifyAccessToken } from './access-token';
import { verifyPassword } from './password';

/** Token lifetimes. Access tokens are short; refresh tokens last a working week. */
export interface AuthOptions {
  readonly accessTtlSec: number;
  readonly refreshTtlSec: number;
}

export const DEFAULT_AUTH: AuthOptions = { accessTtlSec: 15 * 60, refreshTtlSec: 7 * 24 * 3600 };

/** Sign-in, token refresh and per-request authentication. */
export class AuthService {
  private constructor(
    private readonly store: Store,
    private readonly secret: Buffer,
    private readonly options: AuthOptions,
  ) {}

  /** Loads the centre's token secret and returns a ready service. */
  static async create(store: Store, options: AuthOptions = DEFAULT_AUTH): Promise<AuthService> {
    return new AuthService(store, await tokenSecret(store), options);
  }

  private async tokensFor(user: StoredUser, family?: string): Promise<SessionTokens> {
    const access = issueAccessToken(this.secret, user.staffNo, this.options.accessTtlSec);
    const refresh = await issueRefreshToken(this.store, user.staffNo, this.options.refreshTtlSec, family);
    return {
      accessToken: access.token,
      accessExpiresAt: new Date(access.exp * 1000).toISOString(),
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
      user: publicUser(user),
    };
  }

  /** Checks staff number and password; the same error for unknown user and wrong password. */
  async login(staffNo: string, password: string): Promise<CenterResult<SessionTokens>> {
    const user = await findUser(this.store, staffNo);
    const ok = user ? await verifyPassword(password, user.passwordHash) : false;
    if (!user || !ok || !user.active) {
      await audit(this.store.db, { actor: staffNo, action: 'auth.login_failed' });
      return { ok: false, error: syncError('bad_credentials') };
    }
    await audit(this.store.db, { actor: staffNo, action: 'auth.login' });
    return { ok: true, value: await this.tokensFor(user) };
  }

  /** Rotates a refresh token into a new pair. */
  async refresh(refreshToken: string): Promise<CenterResult<SessionTokens>> {
    const consumed = await consumeRefreshToken(this.store, refreshToken);
    if (!consumed.ok) {
      if (consumed.reason === 'reused') await audit(this.store.db, { actor: 'system', action: 'auth.refresh_reuse_detected' });
      return { ok: false, error: syncError(consumed.reason === 'expired' ? 'token_expired' : 'invalid_token') };
    }
    const user = await findUser(this.store, consumed.staffNo);
    if (!user || !user.active) return { ok: false, error: syncError('invalid_token') };
    return { ok: true, value: await this.tokensFor(user, consumed.family) };
  }

  /** Ends the session of a refresh token. */
  async logout(refreshToken: string, actor: string): Promise<void> {
    if (await revokeFamilyOf(this.store, refreshToken)) await audit(this.store.db, { actor, action: 'auth.logout' });
  }

  /** Resolves a bearer token to the current user record (role and team read fresh). */
  async authenticate(authorization: string | undefined): Promise<{ ok: true; user: StoredUser } | { ok: false; error: SyncError }> {
    if (!authorization) return { ok: false, error: syncError('unauthenticated') };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return { ok: false, error: syncError('invalid_token') };
    const v = verifyAccessToken(this.secret, m[1]);
    if (!v.ok) return { ok: false, error: syncError(v.reason === 'expired' ? 'token_expired' : 'invalid_token') };
    const user = await findUser(this.store, v.claims.sub);
    if (!user || !user.active) return { ok: false, error: syncError('invalid_token') };
    return { ok: true, user };
  }
}
