import { defaultCalendar, type IsoDate, type WorkingCalendar } from '../../../shared/domain';
import type { CaseStatus, TeamCase } from '../../../shared/sync';

/** Deadline filter of the team view: past the visit window, due within 1 or 3 working days, any. */
export type DeadlineFilter = 'all' | 'overdue' | 'within1' | 'within3';

/** What the lead narrows the team's cases by. `agent`: a staff number, `unassigned`, or `all`. */
export interface TeamFilter {
  readonly agent: string;
  readonly status: CaseStatus | 'all';
  readonly deadline: DeadlineFilter;
  readonly search: string;
}

export const NO_TEAM_FILTER: TeamFilter = { agent: 'all', status: 'all', deadline: 'all', search: '' };

const WITHIN: Record<'within1' | 'within3', number> = { within1: 1, within3: 3 };

/**
 * The cases that pass the filter, in the centre's order. A deadline is the last day of the visit
 * window (docs/domain.md §3: the visit must be made inside the cooling-off period), so a case is
 * overdue once that day has ended, and "within N working days" counts working days from `today`
 * on the desk's calendar (a Friday's "1 working day" reaches Monday).
 */
export function filterTeamCases(cases: readonly TeamCase[], f: TeamFilter, today: IsoDate, calendar: WorkingCalendar = defaultCalendar): TeamCase[] {
  const search = f.search.trim().toUpperCase();
  const horizon = f.deadline === 'within1' || f.deadline === 'within3' ? calendar.addWorkingDays(today, WITHIN[f.deadline]) : null;
  return cases.filter((c) => {
    if (f.agent === 'unassigned' ? c.assignedTo !== null : f.agent !== 'all' && c.assignedTo !== f.agent) return false;
    if (f.status !== 'all' && c.status !== f.status) return false;
    if (f.deadline === 'overdue' && !(c.deadline < today)) return false;
    if (horizon !== null && !(c.deadline >= today && c.deadline <= horizon)) return false;
    return search === '' || c.policyNo.toUpperCase().includes(search);
  });
}
