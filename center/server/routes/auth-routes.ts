import { loginRequestSchema, refreshRequestSchema } from '../../../shared/sync';
import { publicUser } from '../../store/users-repo';
import { route, type Route } from '../route';
import { noteSignOut } from '../../live/status-log';

/** Sign-in, refresh, sign-out and "who am I". */
export const authRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/auth/login',
    roles: 'public',
    body: loginRequestSchema,
    async handle({ center, body }) {
      return center.auth.login(body.staffNo, body.password);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/refresh',
    roles: 'public',
    body: refreshRequestSchema,
    async handle({ center, body }) {
      return center.auth.refresh(body.refreshToken);
    },
  }),
  route({
    method: 'POST',
    path: '/api/auth/logout',
    roles: ['agent', 'team_lead', 'qa', 'admin', 'dept_head'],
    body: refreshRequestSchema,
    async handle({ center, user, body }) {
      await center.auth.logout(body.refreshToken, user.staffNo);
      // Signed out: the lead's board shows the agent as signed out, not as their last state.
      center.live.clear(user.staffNo);
      if (user.role === 'agent' || user.role === 'team_lead') await noteSignOut(center.store.db, user.staffNo, new Date());
      return { ok: true, value: { signedOut: true } };
    },
  }),
  {
    method: 'GET',
    path: '/api/me',
    roles: ['agent', 'team_lead', 'qa', 'admin', 'dept_head'],
    async handle({ user }) {
      return { ok: true, value: publicUser(user) };
    },
  },
];
