import type { z } from 'zod';
import { syncError, type SyncError } from '../../shared/sync';
import { requireTeam } from '../auth/roles';
import type { StoredUser } from '../store/users-repo';

/**
 * Reads a team listing's query string: validates it against `schema` (each problem named with its
 * parameter) and settles the team: a team lead's own team unless they name one they lead, an
 * admin's named team or every team (`undefined`). Refuses a team the caller may not see.
 */
export function readTeamQuery<S extends z.ZodType<{ team?: string }>>(
  url: URL,
  schema: S,
  user: StoredUser,
): { ok: true; query: z.output<S>; team: string | undefined } | { ok: false; error: SyncError } {
  const q = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success)
    return {
      ok: false,
      error: syncError(
        'invalid_request',
        undefined,
        q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      ),
    };
  const team = user.role === 'admin' ? q.data.team : (q.data.team ?? user.team);
  if (team) {
    const denied = requireTeam(user, team);
    if (denied) return { ok: false, error: denied };
  }
  return { ok: true, query: q.data, team };
}
