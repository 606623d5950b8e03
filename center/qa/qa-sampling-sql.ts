import { sql, type RawBuilder } from 'kysely';
import type { SamplingRules } from '../../shared/domain/qa/sampling';

/** The calls of `from`…`to` (local days), of one team or agent when given. */
export interface SamplingPeriod {
  readonly from: string;
  readonly to: string;
  readonly team?: string;
  readonly agent?: string;
}

/**
 * The pieces of SQL both engines' sampling queries share, over `archived_sessions a`. The rule
 * conditions are literal SQL (never parameters) so that PostgreSQL can prove its partial index of
 * the mandatory calls applies (migration 0028 spells the same conditions).
 */
export interface SamplingSql {
  /** The period's calls QA can score, of one team or agent when asked. */
  readonly scope: RawBuilder<unknown>;
  /** A call some mandatory rule chooses; `1 = 0` when every such rule is off. */
  readonly must: RawBuilder<unknown>;
  /** Its negation, null-safe: the calls drawn from by share and minimum. */
  readonly rest: RawBuilder<unknown>;
  /** `r_problem, r_overridden, r_gaps` of a mandatory call. */
  readonly reasons: RawBuilder<unknown>;
  readonly percent: RawBuilder<unknown>;
  readonly minimum: RawBuilder<unknown>;
}

export function samplingSql(period: SamplingPeriod, rules: SamplingRules): SamplingSql {
  const team = period.team ? sql`and a.team = ${period.team}` : sql``;
  const agent = period.agent ? sql`and a.agent_id = ${period.agent}` : sql``;
  const rule = [
    [rules.problemCases, `a.outcome = 'problem'`, `(a.outcome is null or a.outcome <> 'problem')`],
    [rules.overridden, `a.qa_overridden = 1`, `a.qa_overridden = 0`],
    [rules.recordingGaps, `a.gap_count > 0`, `a.gap_count = 0`],
  ] as const;
  const on = rule.filter(([active]) => active);
  const flag = (i: number) => (rule[i]![0] ? `case when ${rule[i]![1]} then 1 else 0 end` : '0');
  return {
    // A call QA can score is a real case's call with its script facts on record (qa_scorable, 0028).
    scope: sql`a.qa_scorable = 1 and a.purged_at is null and a.sample_day >= ${period.from} and a.sample_day <= ${period.to} ${team} ${agent}`,
    must: sql.raw(on.length > 0 ? `(${on.map(([, m]) => m).join(' or ')})` : '1 = 0'),
    rest: sql.raw(on.length > 0 ? on.map(([, , r]) => r).join(' and ') : '1 = 1'),
    reasons: sql.raw(`${flag(0)} as r_problem, ${flag(1)} as r_overridden, ${flag(2)} as r_gaps`),
    percent: sql.lit(Number(rules.percentOfRest)),
    minimum: sql.lit(Math.trunc(rules.minPerAgentPerMonth)),
  };
}

/**
 * From `chosen` (session_id, agent_id, created_at and the five reason flags): drops the calls
 * already evaluated outside calibration, keeps the oldest `limit` with how many there are in all,
 * and joins back the details of those few.
 */
export function pickedCalls(limit: number): RawBuilder<unknown> {
  return sql`picked as (
      select c.*, count(*) over () as total
      from chosen c
      where not exists (select 1 from qa_evaluations e where e.session_id = c.session_id and e.calibration_id is null)
      order by c.created_at, c.session_id
      limit ${sql.lit(Math.trunc(limit))}
    )
    ${pickedDetails}`;
}

/** The work list's rows from `picked` (the chosen calls with their reasons and `total`), oldest first. */
export const pickedDetails = sql`select p.session_id, a.case_id, p.agent_id, a.team, p.created_at, a.outcome, a.gap_count,
      p.r_problem, p.r_overridden, p.r_gaps, p.r_weekly, p.r_monthly, q.claimed_by, p.total
    from picked p
    join archived_sessions a on a.session_id = p.session_id
    left join qa_claims q on q.session_id = p.session_id
    order by p.created_at, p.session_id`;
