import { sql } from 'kysely';
import { pickedDetails, type SamplingSql } from './qa-sampling-sql';

/**
 * The sampling rules on PostgreSQL without ranking the whole period. One pass counts, per agent,
 * ISO week and month, the mandatory calls and the rest, off a narrow index that begins with the day
 * (migration 0032), so only the period is read; then for each agent-week only its first
 * ⌈N · x / 100⌉ calls of the rest are read, in draw order, straight off the index that holds them
 * in that order (migration 0028, `archived_sessions_sample_rank`), and the same per agent-month
 * still short of the minimum. The mandatory calls are neither gathered nor ranked with the drawn
 * ones: their oldest few and their number come from their own partial index. Ranking a million
 * calls with window functions (the SQLite form, qa-sampling-sqlite.ts) sorted them twice and cost
 * three times as long.
 *
 * The result is the SQLite form's, call for call (test/center/qa-sampling.test.ts checks both
 * against the rules' definition in shared/domain/qa/sampling.ts).
 */
export function pgSamplingQuery(s: SamplingSql, limit: number) {
  const lim = sql.lit(Math.trunc(limit));
  return sql`
    with groups as (
      select a.agent_id, a.sample_week, substr(a.sample_day, 1, 7) as month,
        count(*) filter (where ${s.rest}) as rest, count(*) filter (where ${s.must}) as must
      from archived_sessions a
      where ${s.scope}
      group by a.agent_id, a.sample_week, substr(a.sample_day, 1, 7)
    ),
    weeks as (
      select agent_id, sample_week, sum(rest) as rest from groups group by agent_id, sample_week having sum(rest) > 0
    ),
    weekly as (
      -- Row n of N is taken while (n − 1) · 100 < N · x, i.e. the first ⌈N · x / 100⌉.
      select p.* from weeks w cross join lateral (
        select a.session_id, a.agent_id, a.created_at, substr(a.sample_day, 1, 7) as month
        from archived_sessions a
        where a.agent_id = w.agent_id and a.sample_week = w.sample_week and ${s.scope} and ${s.rest}
        order by a.sample_draw, a.session_id
        limit ceil(w.rest * ${s.percent} / 100.0)
      ) p
    ),
    weekly_months as (
      select agent_id, month, count(*) as n from weekly group by agent_id, month
    ),
    short as (
      select g.agent_id, g.month, ${s.minimum} - sum(g.must) - coalesce(max(wm.n), 0) as need
      from groups g left join weekly_months wm on wm.agent_id = g.agent_id and wm.month = g.month
      group by g.agent_id, g.month
    ),
    monthly as (
      select p.* from short m cross join lateral (
        select a.session_id, a.agent_id, a.created_at
        from archived_sessions a
        where a.agent_id = m.agent_id and substr(a.sample_day, 1, 7) = m.month and ${s.scope} and ${s.rest}
          and not exists (select 1 from weekly w where w.session_id = a.session_id)
        order by a.sample_draw, a.session_id
        limit m.need
      ) p
      where m.need > 0
    ),
    drawn as (
      select session_id, agent_id, created_at, 0 as r_problem, 0 as r_overridden, 0 as r_gaps, 1 as r_weekly, 0 as r_monthly
      from weekly
      union all
      select session_id, agent_id, created_at, 0, 0, 0, 0, 1 from monthly
    ),
    done as (
      select distinct session_id from qa_evaluations where calibration_id is null
    ),
    -- The mandatory calls (most of those chosen) are counted and their oldest few taken straight
    -- off their partial index; gathering them with the drawn ones to rank and count them all
    -- cost a third of the query. NOT IN over done is hashed once, not probed per call.
    must_first as (
      select a.session_id, a.agent_id, a.created_at, ${s.reasons}, 0 as r_weekly, 0 as r_monthly
      from archived_sessions a
      where ${s.scope} and ${s.must} and a.session_id not in (select session_id from done)
      order by a.created_at, a.session_id
      limit ${lim}
    ),
    drawn_first as (
      select d.* from drawn d
      where d.session_id not in (select session_id from done)
      order by d.created_at, d.session_id
      limit ${lim}
    ),
    total as (
      select (select count(*) from archived_sessions a
          where ${s.scope} and ${s.must} and a.session_id not in (select session_id from done))
        + (select count(*) from drawn d where d.session_id not in (select session_id from done)) as total
    ),
    picked as (
      select c.*, t.total from (select * from must_first union all select * from drawn_first) c cross join total t
      order by c.created_at, c.session_id
      limit ${lim}
    )
    ${pickedDetails}`;
}
