/** Cases a branch sent back for a revisit (docs/domain.md §7): ahead of every tier, first in their team's line. */
export const BRANCH_RETURN_PRIORITY = -1;

/**
 * Queue priority (lower first), docs/domain.md §7: 核实件 (verification revisits) first, then last
 * month's returned 问题件/次标准件, then older returned months, then new cases. Inside a tier,
 * escalated (near-deadline) cases come first; the deadline orders the rest.
 */
export function casePriority(kind: string, returnMonth: string | null, escalated: boolean, today: string): number {
  let tier: number;
  if (kind === 'verification') tier = 0;
  else if (kind === 'returned') tier = returnMonth !== null && returnMonth < previousMonth(today) ? 2 : 1;
  else tier = 3;
  return tier * 2 + (escalated ? 0 : 1);
}

/** `YYYY-MM` of the month before `today` (YYYY-MM-DD). */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Adds calendar days to an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
