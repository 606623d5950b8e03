import { sql, type Kysely } from 'kysely';
import type { SampleReason, SamplingRules } from '../../shared/domain/qa/sampling';
import { TRAINING_POLICY_PREFIX } from '../../shared/domain/training-cases';
import type { CenterDatabase } from '../store/db-schema';
import type { QaCall } from './qa-forms-repo';

/** The calls of `from`…`to` (local days), of one team or agent when given. */
export interface SamplingPeriod {
  readonly from: string;
  readonly to: string;
  readonly team?: string;
  readonly agent?: string;
}

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
 * mandatory reasons per call, then per agent and ISO week the first x % of the rest in draw order
 * (row n of N is taken while (n − 1) · 100 < N · x, i.e. ⌈N · x / 100⌉ rows), then per agent and
 * month the calls still short of the minimum, in draw order. Calls already evaluated (outside
 * calibration) count for the rules but are not returned. The oldest `limit` calls are returned,
 * with how many were chosen in all. Window functions: SQLite ≥ 3.25 and PostgreSQL alike. Only
 * real cases with a script on record (QA can score nothing else).
 */
export async function sampledCalls(
  db: Kysely<CenterDatabase>,
  period: SamplingPeriod,
  rules: SamplingRules,
  limit: number,
): Promise<{ items: SampledCallRow[]; total: number }> {
  const { rows } = await samplingQuery(period, rules, limit).execute(db);
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

function samplingQuery(period: SamplingPeriod, rules: SamplingRules, limit: number) {
  const on = (flag: boolean) => sql.lit(flag ? 1 : 0);
  const team = period.team ? sql`and a.team = ${period.team}` : sql``;
  const agent = period.agent ? sql`and a.agent_id = ${period.agent}` : sql``;
  const percent = sql.lit(Number(rules.percentOfRest));
  const minimum = sql.lit(Math.trunc(rules.minPerAgentPerMonth));
  return sql<Row>`
    with overridden as (
      -- A pushed result carries "override" only when the agent overrode the derived one (shared/sync/push.ts).
      select distinct session_id from result_checks where session_id is not null and pushed like '%"override":{%'
    ),
    base as (
      -- Only what the rules read: the windows below sort these narrow rows; the details of the few
      -- chosen calls are joined back at the end.
      select a.session_id, a.agent_id, a.created_at, a.sample_week as week, substr(a.sample_day, 1, 7) as month, a.sample_draw as draw,
        case when ${on(rules.problemCases)} = 1 and a.outcome = 'problem' then 1 else 0 end as r_problem,
        case when ${on(rules.overridden)} = 1 and o.session_id is not null then 1 else 0 end as r_overridden,
        case when ${on(rules.recordingGaps)} = 1 and a.gap_count > 0 then 1 else 0 end as r_gaps
      from archived_sessions a
      join session_check_facts f on f.session_id = a.session_id
      left join overridden o on o.session_id = a.session_id
      where a.purged_at is null and a.case_id is not null and a.case_id not like ${`${TRAINING_POLICY_PREFIX}%`}
        and a.sample_day >= ${period.from} and a.sample_day <= ${period.to} ${team} ${agent}
    ),
    flagged as (
      select b.*, case when r_problem + r_overridden + r_gaps > 0 then 1 else 0 end as must from base b
    ),
    weekly as (
      select f.*, case when must = 0
        and (row_number() over (partition by agent_id, week, must order by draw, session_id) - 1) * 100
          < count(*) over (partition by agent_id, week, must) * ${percent}
        then 1 else 0 end as r_weekly
      from flagged f
    ),
    monthly as (
      select w.*, sum(case when must = 1 or r_weekly = 1 then 1 else 0 end) over (partition by agent_id, month) as got,
        row_number() over (
          partition by agent_id, month, case when must = 1 or r_weekly = 1 then 1 else 0 end order by draw, session_id
        ) as mrn
      from weekly w
    ),
    chosen as (
      select m.*, case when must = 0 and r_weekly = 0 and mrn <= ${minimum} - got then 1 else 0 end as r_monthly from monthly m
    ),
    picked as (
      select c.*, count(*) over () as total
      from chosen c
      where (c.must = 1 or c.r_weekly = 1 or c.r_monthly = 1)
        and not exists (select 1 from qa_evaluations e where e.session_id = c.session_id and e.calibration_id is null)
      order by c.created_at, c.session_id
      limit ${sql.lit(Math.trunc(limit))}
    )
    select p.session_id, a.case_id, p.agent_id, a.team, p.created_at, a.outcome, a.gap_count,
      p.r_problem, p.r_overridden, p.r_gaps, p.r_weekly, p.r_monthly, q.claimed_by, p.total
    from picked p
    join archived_sessions a on a.session_id = p.session_id
    left join qa_claims q on q.session_id = p.session_id
    order by p.created_at, p.session_id`;
}
