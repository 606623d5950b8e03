import { sql } from 'kysely';
import { SQLITE_PASS_INDEX } from '../store/migrations/0030-case-order-facts';
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
 * The cases due in [from, to] (deadline in range, not closed elsewhere), counted per combination of
 * channel, branch, agent and product with their successes, and per set of order kinds (center/README.md
 * "Management reports"): a centre success is a final 标准件/次标准件; a branch follow-up success is
 * any other case with a work order the branch closed by its due date. One pass over the month's
 * cases and nothing else: the groupings are generated columns (migration 0024) and the facts of a
 * case's orders are columns the orders' triggers keep (migration 0030), so no case JSON is parsed
 * and no order read. The pass groups by combination and kind set together, a grouping PostgreSQL
 * splits over its parallel workers (its statistics of migration 0030 tell it how few groups there
 * are); PostgreSQL then rolls those few rows up per combination and per kind set with GROUPING
 * SETS, SQLite leaves that to the caller. SQLite reads the pass from its covering index (migration
 * 0030), named: with the statistics of a month that is all the table, its planner would scan the
 * table and parse every case's JSON instead.
 */
export async function dueFigures(src: ReportSource, from: string, to: string, team: string | null): Promise<DueFigures> {
  // Written as migration 0030's statistics name it, so the planner matches the two.
  const agent = sql`coalesce(c.result_by, c.assigned_to, ${sql.lit(NO_AGENT)})`;
  const pg = src.engine === 'postgres';
  const pass = sql`select c.channel_kind, c.branch_code, c.branch_name, c.product_design, ${agent} as agent, c.order_kinds as kinds, count(*) as due,
      sum(case when c.result_class in ${CENTRE_SUCCESS} then 1 else 0 end) as centre,
      sum(case when c.result_class in ${CENTRE_SUCCESS} then 0 when c.order_in_time = 1 then 1 else 0 end) as branch
    from cases c ${pg ? sql`` : sql`indexed by ${sql.raw(SQLITE_PASS_INDEX)}`}
    where c.deadline >= ${from} and c.deadline <= ${to} and c.status <> 'closed' ${team === null ? sql`` : sql`and c.team = ${team}`}
    group by c.channel_kind, c.branch_code, c.branch_name, c.product_design, ${agent}, c.order_kinds`;
  const keys = sql`g.channel_kind, g.branch_code, g.branch_name, g.product_design, g.agent`;
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
  }>`${
    pg
      ? sql`select ${keys}, g.kinds, grouping(g.kinds) as per_combination, sum(g.due) as due, sum(g.centre) as centre, sum(g.branch) as branch
          from (${pass}) g group by grouping sets ((${keys}), (g.kinds))`
      : sql`select g.*, 1 as per_combination from (${pass}) g`
  }`.execute(src.db);
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
