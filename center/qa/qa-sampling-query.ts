import type { SampleReason, SamplingRules } from '../../shared/domain/qa/sampling';
import type { ReportSource } from '../reports/report-source';
import type { QaCall } from './qa-forms-repo';
import { pgSamplingQuery } from './qa-sampling-pg';
import { samplingSql, type SamplingPeriod } from './qa-sampling-sql';
import { sqliteSamplingQuery } from './qa-sampling-sqlite';

/** One call the rules chose, with why and who claimed it. */
export interface SampledCallRow extends Pick<QaCall, 'sessionId' | 'policyNo' | 'agentId' | 'team' | 'createdAt' | 'outcome'> {
  readonly gapCount: number;
  readonly reasons: readonly SampleReason[];
  readonly claimedBy: string | null;
}

interface Row {
  session_id: string;
  case_id: string;
  agent_id: string;
  team: string;
  created_at: string;
  outcome: string | null;
  gap_count: number | string;
  r_problem: number | string;
  r_overridden: number | string;
  r_gaps: number | string;
  r_weekly: number | string;
  r_monthly: number | string;
  claimed_by: string | null;
  total: number | string;
}

const REASON_COLUMNS = [
  ['r_problem', 'problem'],
  ['r_overridden', 'overridden'],
  ['r_gaps', 'gaps'],
  ['r_weekly', 'weekly_share'],
  ['r_monthly', 'monthly_minimum'],
] as const;

/**
 * The sampling rules (shared/domain/qa/sampling.ts, `selectForEvaluation` is their definition) run
 * inside the database, so that a period of a million calls is never read into the centre: the
 * mandatory reasons per call, then per agent and ISO week a share of the rest in draw order, then
 * per agent and month the calls still short of the minimum. Calls already evaluated (outside
 * calibration) count for the rules but are not returned. The oldest `limit` calls are returned,
 * with how many were chosen in all. Each engine has its own form of the same selection
 * (qa-sampling-pg.ts, qa-sampling-sqlite.ts); only calls QA can score take part.
 */
export async function sampledCalls(
  src: ReportSource,
  period: SamplingPeriod,
  rules: SamplingRules,
  limit: number,
): Promise<{ items: SampledCallRow[]; total: number }> {
  const parts = samplingSql(period, rules);
  const query = src.engine === 'postgres' ? pgSamplingQuery(parts, limit) : sqliteSamplingQuery(parts, limit);
  const { rows } = await query.$castTo<Row>().execute(src.db);
  const items = rows.map((r) => ({
    sessionId: r.session_id,
    policyNo: r.case_id,
    agentId: r.agent_id,
    team: r.team,
    createdAt: r.created_at,
    outcome: r.outcome,
    gapCount: Number(r.gap_count),
    reasons: REASON_COLUMNS.filter(([column]) => Number(r[column]) === 1).map(([, reason]) => reason),
    claimedBy: r.claimed_by,
  }));
  return { items, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
