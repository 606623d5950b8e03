import type { FastifyReply } from 'fastify';
import { CONSOLE_SESSION_COOKIE, consoleSignInSchema, type ConsoleSession, type ConsoleSignInAnswer } from '../../../shared/sync/branch-console';
import { syncError } from '../../../shared/sync';
import { CONSOLE_ROLES } from '../../auth/console-sessions';
import type { StoredUser } from '../../store/users-repo';
import { audit } from '../../store/audit-repo';
import { route, type Route } from '../route';
import { BRANCH_LIST_ROLES, readBranchOrderList } from './branch-work-order-routes';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), Secure whenever the centre serves TLS, for the whole centre (the console and /api).
 */
function cookieOptions(reply: FastifyReply, expires: Date) {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: reply.request.protocol === 'https', expires } as const;
}

function sessionView(user: StoredUser, csrfToken: string, expiresAt: string): ConsoleSession {
  return {
    user: { staffNo: user.staffNo, name: user.name, role: user.role, team: user.team, branchCode: user.branchCode, branchName: user.branchName },
    csrfToken,
    expiresAt,
  };
}

/** Sign-in, "who am I" and sign-out of the web console (shared/sync/branch-console.ts). */
export const consoleSessionRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/console/session',
    roles: 'public',
    body: consoleSignInSchema,
    summary: 'Console sign-in: sets the HttpOnly session cookie, answers the CSRF token',
    async handle({ center, body, reply }) {
      const signed = await center.auth.consoleSignIn(body.staffNo, body.password);
      if (!signed.ok) return signed;
      const { user, session } = signed.value;
      reply.setCookie(CONSOLE_SESSION_COOKIE, session.sessionId, cookieOptions(reply, new Date(session.expiresAt)));
      const value: ConsoleSignInAnswer = sessionView(user, session.csrfToken, session.expiresAt);
      // Only a role that may read the list gets it; for any other the request asked for nothing it may see.
      if (body.firstOrders && BRANCH_LIST_ROLES.includes(user.role))
        return { ok: true, value: { ...value, orders: await readBranchOrderList(center, user, { limit: body.firstOrders }) } };
      return { ok: true, value };
    },
  }),
  {
    method: 'GET',
    path: '/api/console/session',
    roles: 'public',
    summary: 'The signed-in console user and the CSRF token (after a reload)',
    async handle({ center, reply }) {
      const sessionId = reply.request.cookies[CONSOLE_SESSION_COOKIE];
      if (!sessionId) return { ok: false, error: syncError('unauthenticated') };
      const auth = await center.auth.authenticateConsole(sessionId, null);
      if (!auth.ok) return auth;
      return { ok: true, value: sessionView(auth.user, auth.csrfToken, auth.expiresAt) };
    },
  },
  {
    method: 'DELETE',
    path: '/api/console/session',
    roles: CONSOLE_ROLES,
    summary: 'Console sign-out: revokes the session and clears the cookie',
    async handle({ center, user, reply }) {
      const sessionId = reply.request.cookies[CONSOLE_SESSION_COOKIE];
      if (sessionId && (await center.auth.console.revoke(sessionId))) await audit(center.store.db, { actor: user.staffNo, action: 'console.sign_out' });
      reply.clearCookie(CONSOLE_SESSION_COOKIE, cookieOptions(reply, new Date(0)));
      return { ok: true, value: { signedOut: true } };
    },
  },
];
