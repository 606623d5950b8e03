import { deadlineEnd } from '../queue/deadline-countdown';

/** Why a callback time is not acceptable as it stands. */
export type CallbackProblem = 'invalid' | 'past' | 'after_deadline';

/**
 * Checks a callback time: it must be a real time in the future, and not after the case's
 * deadline unless the agent gives a reason for the override.
 */
export function checkCallback(dueAt: string, deadline: string | null, now: number): CallbackProblem | null {
  const t = Date.parse(dueAt);
  if (Number.isNaN(t)) return 'invalid';
  if (t <= now) return 'past';
  if (deadline !== null && t > deadlineEnd(deadline)) return 'after_deadline';
  return null;
}
