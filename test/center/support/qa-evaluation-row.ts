import type { Insertable } from 'kysely';
import type { QaEvaluationsTable } from '../../../center/store/db-schema-qa';

/** A stored evaluation row for seeding (a published, passed, current one unless told otherwise). */
export function evaluationRow(fields: Pick<QaEvaluationsTable, 'id' | 'session_id'> & Partial<Insertable<QaEvaluationsTable>>): Insertable<QaEvaluationsTable> {
  return {
    policy_no: 'PX000001',
    agent_id: '1001',
    team: 'A',
    form_id: 'f1',
    form_version: 1,
    script_id: 'sc1',
    script_version: '1',
    evaluator: '3001',
    calibration_id: null,
    verdicts: '[]',
    score_tenths: 1000,
    passed: 1,
    fatal_failures: '[]',
    state: 'published',
    created_at: '2026-02-05T02:00:00.000Z',
    acknowledged_at: null,
    dispute_reason: null,
    disputed_at: null,
    resolution: null,
    resolution_note: null,
    resolved_by: null,
    resolved_at: null,
    supersedes: null,
    is_current: 1,
    ...fields,
  };
}
