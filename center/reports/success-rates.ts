import { sql } from 'kysely';
import type { KindRateRow, SuccessRow } from '../../shared/sync';
import { CHANNEL_LABELS, NO_AGENT, PRODUCT_LABELS } from './report-labels';
import { withReportColumns, type ReportSource } from './report-source';

/** Results that end a visit successfully at the centre: reached, no doubt left (docs/domain.md §6). */
const CENTRE_SUCCESS = sql.raw(`('standard', 'substandard')`);

/** Due cases of one combination of the report's groupings, with their successes. */
interface DueGroup {
  channel: string;
  branchCode: string;
  branchName: string;
  agent: string;
  product: string;
  due: number;
  centre: number;
  branch: number;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);

/**
 * The cases due in [from, to] (deadline in range, not closed elsewhere) counted per combination of
 * channel, branch, agent and product, with their successes (center/README.md "Management
 * reports"): a centre success is a final 标准件/次标准件; a branch follow-up success is any other
 * case with a work order the branch closed by its due date. One pass over the month's cases in
 * the database: the groupings are generated columns (migration 0024), so no case JSON is parsed,
 * and a month's million cases come back as a few thousand combinations.
 */
async function dueGroups(src: ReportSource, from: string, to: string, team: string | null): Promise<DueGroup[]> {
  const agent = sql<string>`coalesce(c.result_by, c.assigned_to, ${sql.lit(NO_AGENT)})`;
  let q = withReportColumns(src.db)
    .selectFrom('cases as c')
    // One hash join with the set of cases a branch closed in time: PostgreSQL runs it in parallel
    // workers, where a per-case EXISTS kept the whole pass on one core (7 s against 3 s for 1 000 000).
    .leftJoin(
      (eb) =>
        eb.selectFrom('work_orders as w').select('w.policy_no').distinct().where('w.status', '=', 'done').whereRef('w.closed_on', '<=', 'w.due_date').as('d'),
      (join) => join.onRef('d.policy_no', '=', 'c.policy_no'),
    )
    .select((eb) => [
      'c.channel_kind',
      'c.branch_code',
      'c.branch_name',
      'c.product_design',
      agent.as('agent'),
      eb.fn.countAll<number | string>().as('due'),
      sql<number | string>`sum(case when c.result_class in ${CENTRE_SUCCESS} then 1 else 0 end)`.as('centre'),
      sql<number | string>`sum(case when c.result_class in ${CENTRE_SUCCESS} then 0 when d.policy_no is not null then 1 else 0 end)`.as('branch'),
    ])
    .where('c.deadline', '>=', from)
    .where('c.deadline', '<=', to)
    .where('c.status', '!=', 'closed')
    .groupBy(['c.channel_kind', 'c.branch_code', 'c.branch_name', 'c.product_design', agent]);
  if (team !== null) q = q.where('c.team', '=', team);
  return (await q.execute()).map((r) => ({
    channel: r.channel_kind ?? '',
    branchCode: r.branch_code ?? '',
    branchName: r.branch_name ?? '',
    agent: r.agent,
    product: r.product_design ?? '',
    due: Number(r.due),
    centre: Number(r.centre),
    branch: Number(r.branch),
  }));
}

/**
 * Problem and substandard cases by result kind among the cases due in [from, to], each case counted
 * once per kind whatever number of work orders carried it. The kinds are a JSON array per order,
 * spread into rows by each engine's own table function.
 */
async function kindRates(src: ReportSource, from: string, to: string, team: string | null, due: number): Promise<KindRateRow[]> {
  const kinds = src.engine === 'postgres' ? sql`jsonb_array_elements_text(w.result_kinds::jsonb) as k(value)` : sql`json_each(w.result_kinds) as k`;
  const rows = await sql<{ category: 'problem' | 'substandard'; kind: string; cases: number | string }>`
    select w.category as category, k.value as kind, count(distinct w.policy_no) as cases
    from work_orders w join cases c on c.policy_no = w.policy_no, ${kinds}
    where c.deadline >= ${from} and c.deadline <= ${to} and c.status <> 'closed'
      and w.category in ('problem', 'substandard') ${team === null ? sql`` : sql`and c.team = ${team}`}
    group by w.category, k.value`.execute(src.db);
  return rows.rows
    .map((r) => ({ resultClass: r.category, kind: r.kind, cases: Number(r.cases), ratePct: pct(Number(r.cases), due) }))
    .sort((a, b) => (a.resultClass + a.kind < b.resultClass + b.kind ? -1 : 1));
}

/** Rolls the combinations up by one grouping; the label is the first one met under the key. */
function group(due: readonly DueGroup[], keyOf: (c: DueGroup) => string, labelOf: (c: DueGroup) => string): SuccessRow[] {
  const acc = new Map<string, { label: string; due: number; centre: number; branch: number }>();
  for (const c of due) {
    const k = keyOf(c);
    const a = acc.get(k) ?? { label: labelOf(c), due: 0, centre: 0, branch: 0 };
    a.due += c.due;
    a.centre += c.centre;
    a.branch += c.branch;
    acc.set(k, a);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, a]) => ({ key, label: a.label, due: a.due, centreSuccess: a.centre, branchSuccess: a.branch, ratePct: pct(a.centre + a.branch, a.due) }));
}

export interface SuccessFigures {
  total: SuccessRow;
  byChannel: SuccessRow[];
  byBranch: SuccessRow[];
  byAgent: SuccessRow[];
  byProduct: SuccessRow[];
  kindRates: KindRateRow[];
}

/** Success rates of the cases due in [from, to], overall and per group, and problem/substandard rates by kind. */
export async function successFigures(src: ReportSource, from: string, to: string, team: string | null): Promise<SuccessFigures> {
  const due = await dueGroups(src, from, to, team);
  const total = group(
    due,
    () => 'total',
    () => '合计',
  )[0] ?? { key: 'total', label: '合计', due: 0, centreSuccess: 0, branchSuccess: 0, ratePct: null };
  return {
    total,
    byChannel: group(
      due,
      (c) => c.channel,
      (c) => CHANNEL_LABELS[c.channel] ?? c.channel,
    ),
    byBranch: group(
      due,
      (c) => c.branchCode,
      (c) => c.branchName,
    ),
    byAgent: group(
      due,
      (c) => c.agent,
      (c) => c.agent,
    ),
    byProduct: group(
      due,
      (c) => c.product,
      (c) => PRODUCT_LABELS[c.product] ?? c.product,
    ),
    kindRates: await kindRates(src, from, to, team, total.due),
  };
}
