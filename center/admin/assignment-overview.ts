import type { AssignmentOverviewRow } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { toNum } from '../store/to-num';

/** Statuses of work still to do at the centre (docs/domain.md §4); finished and branch-held cases are not counted. */
const OPEN = ['pending', 'assigned', 'in_progress', 'returned'] as const;

/**
 * Open cases counted by team, holder and language, with the escalated ones and the nearest
 * deadline: the administrator sees where work piles up and whose queue to move (reassignment is
 * POST /api/team/reassign). Unassigned cases have a null agent.
 */
export async function assignmentOverview(store: Store): Promise<AssignmentOverviewRow[]> {
  const rows = await store.db
    .selectFrom('cases')
    .leftJoin('users', 'users.staff_no', 'cases.assigned_to')
    .select((eb) => [
      'cases.team as team',
      'cases.assigned_to as agent',
      'users.name as agentName',
      'cases.language as language',
      eb.fn.countAll<number | string>().as('open'),
      eb.fn.sum<number | string | null>('cases.escalated').as('escalated'),
      eb.fn.min<string>('cases.deadline').as('nearestDeadline'),
    ])
    .where('cases.status', 'in', OPEN)
    .groupBy(['cases.team', 'cases.assigned_to', 'users.name', 'cases.language'])
    .orderBy('cases.team')
    .orderBy('cases.assigned_to')
    .orderBy('cases.language')
    .execute();
  return rows.map((r) => ({
    team: r.team,
    agent: r.agent,
    agentName: r.agentName,
    language: r.language,
    open: toNum(r.open),
    escalated: toNum(r.escalated),
    nearestDeadline: r.nearestDeadline,
  }));
}
