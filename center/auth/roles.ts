import { syncError, type Role, type SyncError } from '../../shared/sync';
import type { StoredUser } from '../store/users-repo';

/** Returns a `forbidden` error unless the user has one of `roles`. */
export function requireRole(user: StoredUser, roles: readonly Role[]): SyncError | undefined {
  return roles.includes(user.role)
    ? undefined
    : syncError('forbidden', {
        zh: `当前角色（${user.role}）无权执行此操作`,
        en: `role ${user.role} may not use this endpoint (needs ${roles.join(' or ')})`,
      });
}

/** Team check: admins see every team; everyone else only their own. */
export function requireTeam(user: StoredUser, team: string): SyncError | undefined {
  if (user.role === 'admin' || user.team === team) return undefined;
  return syncError('wrong_team', { en: `team ${team} is not your team (${user.team})` });
}
