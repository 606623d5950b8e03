import { sql } from 'kysely';
import { pickedCalls, type SamplingSql } from './qa-sampling-sql';

/**
 * The sampling rules on SQLite, whose planner has no lateral joins: the period's calls ranked with
 * window functions (SQLite ≥ 3.25). Per agent and ISO week the first x % of the rest in draw order
 * (row n of N is taken while (n − 1) · 100 < N · x, i.e. ⌈N · x / 100⌉ rows), then per agent and
 * month the calls still short of the minimum, in draw order.
 */
export function sqliteSamplingQuery(s: SamplingSql, limit: number) {
  return sql`
    with base as (
      -- Only what the rules read: the windows below sort these narrow rows; the details of the few
      -- chosen calls are joined back at the end.
      select a.session_id, a.agent_id, a.created_at, a.sample_week as week, substr(a.sample_day, 1, 7) as month,
        a.sample_draw as draw, ${s.reasons}, case when ${s.must} then 1 else 0 end as must
      from archived_sessions a
      where ${s.scope}
    ),
    weekly as (
      select b.*, case when must = 0
        and (row_number() over (partition by agent_id, week, must order by draw, session_id) - 1) * 100
          < count(*) over (partition by agent_id, week, must) * ${s.percent}
        then 1 else 0 end as r_weekly
      from base b
    ),
    monthly as (
      select w.*, sum(case when must = 1 or r_weekly = 1 then 1 else 0 end) over (partition by agent_id, month) as got,
        row_number() over (
          partition by agent_id, month, case when must = 1 or r_weekly = 1 then 1 else 0 end order by draw, session_id
        ) as mrn
      from weekly w
    ),
    chosen as (
      select session_id, agent_id, created_at, r_problem, r_overridden, r_gaps, r_weekly,
        case when must = 0 and r_weekly = 0 and mrn <= ${s.minimum} - got then 1 else 0 end as r_monthly
      from monthly
      where must = 1 or r_weekly = 1 or (must = 0 and r_weekly = 0 and mrn <= ${s.minimum} - got)
    ),
    ${pickedCalls(limit)}`;
}
