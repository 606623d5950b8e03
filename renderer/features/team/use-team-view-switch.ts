import { useEffect, useState } from 'react';

/** Roles whose first screen is the team view. */
export const TEAM_VIEW_ROLES: readonly string[] = ['team_lead', 'admin'];

/**
 * Whether a lead sees the team view (their first screen) or their own queue: F3 switches between
 * them, only while `canLeave()` holds (on the queue, no visit half-done). Always false for agents.
 */
export function useTeamViewSwitch(role: string, canLeave: () => boolean): [boolean, (open: boolean) => void] {
  const allowed = TEAM_VIEW_ROLES.includes(role);
  const [open, setOpen] = useState(allowed);
  useEffect(() => {
    if (!allowed) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F3') return;
      e.preventDefault();
      if (canLeave()) setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [allowed, canLeave]);
  return [allowed && open, setOpen];
}
