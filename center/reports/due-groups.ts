import { sql } from 'kysely';
import { NO_AGENT } from './report-labels';
import type { ReportSource } from './report-source';

/** Results that end a visit successfully at the centre: reached, no doubt left (docs/domain.md §6). */
const CENTRE_SUCCESS = sql.raw(`('standard', 'substandard')`);

/** Due cases of one combination of the report's groupings, with their successes. */
export interface DueGroup {
  channel: string;
  branchCode: string;
  branchName: string;
  agent: string;
  product: string;
  due: number;
  centre: number;
  branch: number;
}

/**
 * Due cases sharing one set of problem/substandard work-order kinds. `kinds` is the case's orders of
 * those categories as JSON `[category, kinds]` pairs joined by commas (null: no such order); a case's
 * pairs may repeat a kind (two orders): the reader counts each kind once per case.
 */
export interface DueKindSet {
  kinds: string | null;
  cases: number;
}

export interface DueFigures {
  groups: DueGroup[];
  kindSets: DueKindSet[];
}

/**
 * One row per case that has work orders: whether the branch closed one by its due date, and the
 * kinds its problem and substandard orders carry (the JSON arrays as stored, parsed by the reader
 * for the few distinct sets only, so no order's JSON is parsed per row). Categories are fixed
 * words, so the pairs are valid JSON whatever the kinds hold.
 */
function ordersPerCase(src: ReportSource) {
  const entry = sql`case w.category when 'problem' then '["problem",' || w.result_kinds || ']'
    when 'substandard' then '["substandard",' || w.result_kinds || ']' end`;
  const kinds = src.engine === 'postgres' ? sql`string_agg(${entry}, ',')` : sql`group_concat(${entry}, ',')`;
  return sql`(select w.policy_no as policy_no,
      max(case when w.status = 'done' and w.closed_on <= w.due_date then 1 else 0 end) as in_time,
      ${kinds} as kinds
    from work_orders w group by w.policy_no)`;
}

/**
 * The cases due in [from, to] (deadline in range, not closed elsewhere), counted per combination of
 * channel, branch, agent and product with their successes, and per set of order kinds (center/README.md
 * "Management reports"): a centre success is a final 标准件/次标准件; a branch follow-up success is
 * any other case with a work order the branch closed by its due date. One pass over the month's
 * cases, joined once to their orders grouped per case: the groupings are generated columns
 * (migration 0024), so no case JSON is parsed. PostgreSQL folds both countings into that pass with
 * GROUPING SETS; SQLite groups by the combination and the kind set together, rolled up by the caller.
 */
export async function dueFigures(src: ReportSource, from: string, to: string, team: string | null): Promise<DueFigures> {
  const agent = sql`coalesce(c.result_by, c.assigned_to, ${sql.lit(NO_AGENT)})`;
  const keys = sql`c.channel_kind, c.branch_code, c.branch_name, c.product_design, ${agent}`;
  const pg = src.engine === 'postgres';
  const rows = await sql<{
    channel_kind: string | null;
    branch_code: string | null;
    branch_name: string | null;
    product_design: string | null;
    agent: string | null;
    kinds: string | null;
    /** 1 on a combination's row (the kind set rolled up), 0 on a kind set's row. */
    per_combination: number | string;
    due: number | string;
    centre: number | string;
    branch: number | string;
  }>`select c.channel_kind, c.branch_code, c.branch_name, c.product_design, ${agent} as agent, o.kinds as kinds, ${pg ? sql`grouping(o.kinds)` : sql`1`} as per_combination, count(*) as due,
      sum(case when c.result_class in ${CENTRE_SUCCESS} then 1 else 0 end) as centre,
      sum(case when c.result_class in ${CENTRE_SUCCESS} then 0 when o.in_time = 1 then 1 else 0 end) as branch
    from cases c left join ${ordersPerCase(src)} o on o.policy_no = c.policy_no
    where c.deadline >= ${from} and c.deadline <= ${to} and c.status <> 'closed' ${team === null ? sql`` : sql`and c.team = ${team}`}
    group by ${pg ? sql`grouping sets ((${keys}), (o.kinds))` : sql`${keys}, o.kinds`}`.execute(src.db);
  const groups: DueGroup[] = [];
  const kindSets: DueKindSet[] = [];
  for (const r of rows.rows) {
    // On SQLite every row is both a combination's part and a kind set's part.
    if (!pg || Number(r.per_combination) === 0) kindSets.push({ kinds: r.kinds, cases: Number(r.due) });
    if (pg && Number(r.per_combination) === 0) continue;
    groups.push({
      channel: r.channel_kind ?? '',
      branchCode: r.branch_code ?? '',
      branchName: r.branch_name ?? '',
      agent: r.agent ?? NO_AGENT,
      product: r.product_design ?? '',
      due: Number(r.due),
      centre: Number(r.centre),
      branch: Number(r.branch),
    });
  }
  return { groups, kindSets };
}
