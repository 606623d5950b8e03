import type { AssignedCase, CaseKind, CaseStatus, ResultOverride } from '../../shared/sync';
import type { CasesTable } from './db-schema';

/** Statuses in which a case sits in an agent's queue. */
export const QUEUE_STATUSES: readonly CaseStatus[] = ['assigned', 'in_progress'];
/** Statuses that end the work at the desk. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['completed', 'awaiting_branch', 'closed'];

/** Maps a row to the queue entry sent to workstations. */
export function toAssignedCase(row: CasesTable): AssignedCase {
  return {
    policyNo: row.policy_no,
    version: Number(row.version),
    status: row.status as CaseStatus,
    kind: row.kind as CaseKind,
    priority: Number(row.priority),
    deadline: row.deadline,
    escalated: Number(row.escalated) === 1,
    visitMode: row.visit_mode as AssignedCase['visitMode'],
    flags: JSON.parse(row.flags) as string[],
    assignedAt: row.assigned_at,
    language: row.language,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** Reads `cases.result_override` (JSON text, migration 0005): null when the agent kept the computed class. */
export function resultOverrideOf(row: Pick<CasesTable, 'result_override'>): ResultOverride | null {
  return row.result_override ? (JSON.parse(row.result_override) as ResultOverride) : null;
}
