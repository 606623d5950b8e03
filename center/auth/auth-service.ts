import { syncError, type CenterResult, type SessionTokens, type SyncError } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { findUser, publicUser, type StoredUser } from '../store/users-repo';
import { consumeRefreshToken, issueRefreshToken, revokeFamilyOf } from '../store/refresh-tokens-repo';
import { tokenSecret } from '../store/settings-repo';
import { audit } from '../store/audit-repo';
import { issueAccessToken, verifyAccessToken } from './access-token';
import { verifyPassword } from './password';
import { CONSOLE_ROLES, ConsoleSessions, type NewConsoleSession } from './console-sessions';

/** Token lifetimes. Access tokens are short; refresh tokens last a working week. */
export interface AuthOptions {
  readonly accessTtlSec: number;
  readonly refreshTtlSec: number;
}

export const DEFAULT_AUTH: AuthOptions = { accessTtlSec: 15 * 60, refreshTtlSec: 7 * 24 * 3600 };

/** Sign-in, token refresh and per-request authentication. */
export class AuthService {
  /** The web console's cookie sessions (center/auth/console-sessions.ts). */
  readonly console: ConsoleSessions;

  private constructor(
    private readonly store: Store,
    private readonly secret: Buffer,
    private readonly options: AuthOptions,
  ) {
    this.console = new ConsoleSessions(store.db, secret);
  }

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

  /** The active user whose password this is; the same `undefined` for unknown user and wrong password. */
  private async checkPassword(staffNo: string, password: string): Promise<StoredUser | undefined> {
    const user = await findUser(this.store, staffNo);
    const ok = user ? await verifyPassword(password, user.passwordHash) : false;
    return user && ok && user.active ? user : undefined;
  }

  /** Checks staff number and password; the same error for unknown user and wrong password. */
  async login(staffNo: string, password: string): Promise<CenterResult<SessionTokens>> {
    const user = await this.checkPassword(staffNo, password);
    if (!user) {
      await audit(this.store.db, { actor: staffNo, action: 'auth.login_failed' });
      return { ok: false, error: syncError('bad_credentials') };
    }
    await audit(this.store.db, { actor: staffNo, action: 'auth.login' });
    return { ok: true, value: await this.tokensFor(user) };
  }

  /**
   * Console sign-in: the same password check as `login`, then a cookie session. Agents are refused:
   * their work (calls, recordings, live presence) happens on the desk, whose sign-in tracks them;
   * a browser session would be a second, untracked door to the same personal data.
   */
  async consoleSignIn(staffNo: string, password: string): Promise<CenterResult<{ user: StoredUser; session: NewConsoleSession }>> {
    const user = await this.checkPassword(staffNo, password);
    if (!user) {
      await audit(this.store.db, { actor: staffNo, action: 'console.sign_in_failed' });
      return { ok: false, error: syncError('bad_credentials') };
    }
    if (!CONSOLE_ROLES.includes(user.role)) {
      await audit(this.store.db, { actor: staffNo, action: 'console.sign_in_refused', detail: { role: user.role } });
      return {
        ok: false,
        error: syncError('forbidden', {
          zh: '坐席请使用桌面工作台登录，网页控制台不对坐席开放',
          en: `role ${user.role} works on the desk, not in the web console`,
        }),
      };
    }
    const session = await this.console.create(user.staffNo);
    await audit(this.store.db, { actor: staffNo, action: 'console.sign_in' });
    return { ok: true, value: { user, session } };
  }

  /**
   * Resolves a console cookie to its user; `csrf` is the request's `x-csrf-token` for an unsafe
   * method (null for a safe one): `unauthenticated` when the session is over, `csrf_failed` when the
   * token is missing or wrong.
   */
  async authenticateConsole(
    sessionId: string,
    csrf: string | undefined | null,
  ): Promise<{ ok: true; user: StoredUser; csrfToken: string; expiresAt: string } | { ok: false; error: SyncError }> {
    const resolved = await this.console.resolve(sessionId, csrf);
    if (!resolved.ok && resolved.reason === 'csrf') return { ok: false, error: syncError('csrf_failed') };
    const user = resolved.ok ? await findUser(this.store, resolved.session.staffNo) : undefined;
    if (!resolved.ok || !user || !user.active || !CONSOLE_ROLES.includes(user.role)) {
      return { ok: false, error: syncError('unauthenticated', { zh: '会话已结束，请重新登录', en: 'the console session has ended; sign in again' }) };
    }
    return { ok: true, user, csrfToken: resolved.session.csrfToken, expiresAt: resolved.session.expiresAt };
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
