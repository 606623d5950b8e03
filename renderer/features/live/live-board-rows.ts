import { DEFAULT_BOARD_ALERT_LIMITS, type BoardAlertLimits, type LiveAgent } from '../../../shared/sync';

/** Why a row is highlighted. */
export type RowAlert = 'long_wrap_up' | 'long_pause' | null;

/** Board order: in a call, wrapping up, paused, ready, then stale, then signed out. */
function rank(a: LiveAgent): number {
  if (!a.state) return 6;
  if (a.stale) return 5;
  return { in_call: 0, wrap_up: 1, paused: 2, ready: 3 }[a.state.status];
}

const byStaffNo = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Sorts agents by status, then staff number. */
export function sortAgents(agents: readonly LiveAgent[]): LiveAgent[] {
  return [...agents].sort((a, b) => rank(a) - rank(b) || byStaffNo(a.staffNo, b.staffNo));
}

/**
 * The highlight of an agent's row at `now`: a wrap-up or a pause longer than the centre's limits
 * (desk settings `boardAlerts`). Stale rows are not judged: their state is old.
 */
export function rowAlert(a: LiveAgent, now: number, limits: BoardAlertLimits = DEFAULT_BOARD_ALERT_LIMITS): RowAlert {
  if (!a.state || a.stale) return null;
  const inStatus = now - Date.parse(a.state.statusSince);
  if (a.state.status === 'wrap_up' && inStatus > limits.longWrapUpMinutes * 60_000) return 'long_wrap_up';
  if (a.state.status === 'paused' && inStatus > limits.longPauseMinutes * 60_000) return 'long_pause';
  return null;
}
