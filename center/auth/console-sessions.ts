import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { nowIso } from '../store/clock';

/** Roles that work in a browser (the web console). Agents work only on the desk: see `consoleRefusal`. */
export const CONSOLE_ROLES: readonly Role[] = ['branch', 'admin', 'team_lead', 'qa', 'dept_head'];

/** A session ends after 30 idle minutes, and 12 hours after sign-in whatever happens. */
export const CONSOLE_IDLE_MS = 30 * 60_000;
export const CONSOLE_ABSOLUTE_MS = 12 * 3600_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new session: the cookie value and the CSRF token are given to the browser once, only hashes are stored. */
export interface NewConsoleSession {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** A live session as the auth hook sees it. */
export interface LiveConsoleSession {
  readonly staffNo: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/**
 * Console sessions in the store (migration 0017). The CSRF token is an HMAC of the session id under
 * the centre's secret: the console re-reads it after a reload (GET /api/console/session) without
 * the store holding it in clear, and a page of another origin can read neither cookie nor token.
 */
export class ConsoleSessions {
  constructor(
    private readonly db: Kysely<CenterDatabase>,
    private readonly secret: Buffer,
  ) {}

  private csrfFor(sessionId: string): string {
    return createHmac('sha256', this.secret).update(`console-csrf:${sessionId}`).digest('base64url');
  }

  async create(staffNo: string): Promise<NewConsoleSession> {
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = this.csrfFor(sessionId);
    const now = nowIso();
    const expiresAt = new Date(Date.parse(now) + CONSOLE_ABSOLUTE_MS).toISOString();
    await this.db
      .insertInto('console_sessions')
      .values({
        id_hash: sha256(sessionId),
        staff_no: staffNo,
        csrf_hash: sha256(csrfToken),
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    // Sessions past their absolute end are dead whatever else happened; each sign-in clears those
    // ended more than a day ago, so the table stays the size of a day's sign-ins (the audit log keeps
    // who signed in and out).
    const dayAgo = new Date(Date.parse(now) - 24 * 3600_000).toISOString();
    await this.db.deleteFrom('console_sessions').where('expires_at', '<', dayAgo).execute();
    return { sessionId, csrfToken, expiresAt };
  }

  /**
   * The session behind a cookie, or why not: `ended` when unknown, revoked, idle or past its end;
   * `csrf` when `csrf` is not null (an unsafe request) and is not the session's token. Only a
   * request that passes both touches the session (its idle clock restarts).
   */
  async resolve(
    sessionId: string,
    csrf: string | undefined | null,
  ): Promise<{ ok: true; session: LiveConsoleSession } | { ok: false; reason: 'ended' | 'csrf' }> {
    const row = await this.db.selectFrom('console_sessions').selectAll().where('id_hash', '=', sha256(sessionId)).executeTakeFirst();
    if (!row || row.revoked_at !== null) return { ok: false, reason: 'ended' };
    const now = nowIso();
    const nowMs = Date.parse(now);
    if (nowMs >= Date.parse(row.expires_at) || nowMs - Date.parse(row.last_seen_at) >= CONSOLE_IDLE_MS) return { ok: false, reason: 'ended' };
    if (csrf !== null && (csrf === undefined || sha256(csrf) !== row.csrf_hash)) return { ok: false, reason: 'csrf' };
    await this.db.updateTable('console_sessions').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
    return { ok: true, session: { staffNo: row.staff_no, csrfToken: this.csrfFor(sessionId), expiresAt: row.expires_at } };
  }

  /** Ends a session; true when it was live. */
  async revoke(sessionId: string): Promise<boolean> {
    const r = await this.db
      .updateTable('console_sessions')
      .set({ revoked_at: nowIso() })
      .where('id_hash', '=', sha256(sessionId))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
