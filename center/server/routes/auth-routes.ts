import { loginRequestSchema, refreshRequestSchema } from '../../../shared/sync';
import { publicUser } from '../../store/users-repo';
import { readJson } from '../read-body';
import type { Route } from '../router';

/** Sign-in, refresh, sign-out and "who am I". */
export const authRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/auth/login',
    roles: 'public',
    async handle({ req, center }) {
      const body = await readJson(req, loginRequestSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      return center.auth.login(body.value.staffNo, body.value.password);
    },
  },
  {
    method: 'POST',
    path: '/api/auth/refresh',
    roles: 'public',
    async handle({ req, center }) {
      const body = await readJson(req, refreshRequestSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      return center.auth.refresh(body.value.refreshToken);
    },
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    roles: ['agent', 'team_lead', 'qa', 'admin', 'dept_head'],
    async handle({ req, center, user }) {
      const body = await readJson(req, refreshRequestSchema, center.limits.maxJsonBytes);
      if (!body.ok) return body;
      await center.auth.logout(body.value.refreshToken, user.staffNo);
      // Signed out: the lead's board shows the agent as signed out, not as their last state.
      center.live.clear(user.staffNo);
      return { ok: true, value: { signedOut: true } };
    },
  },
  {
    method: 'GET',
    path: '/api/me',
    roles: ['agent', 'team_lead', 'qa', 'admin', 'dept_head'],
    async handle({ user }) {
      return { ok: true, value: publicUser(user) };
    },
  },
];
