import { sql } from 'kysely';
import type { ForgedRow, OverdueRow } from '../../shared/sync';
import type { ReportSource } from './report-source';

/**
 * Forged-signature cases per selling agent (docs/domain.md §8: penalties are attributed to the
 * agent): work orders raised in [from, to] whose result carried a forged-signature kind, counted
 * once per policy. Kind codes come bare or prefixed, so any code naming "forged" counts (the LIKE
 * only narrows the rows whose kinds are read). The seller's name (and, for an order without a
 * seller code, the code) is in the case JSON, read for each seller's first order only: a month
 * holds many forged orders per seller, and joining every one to its case would read the month's
 * cases once more. Each seller's name and branch are those of their first order (lowest id).
 * Counted in the database, one row per seller back.
 */
export async function forgedBySeller(src: ReportSource, from: string, to: string, team: string | null): Promise<ForgedRow[]> {
  const pg = src.engine === 'postgres';
  const forgedKind = pg
    ? sql`exists (select 1 from jsonb_array_elements_text(w.result_kinds::jsonb) k(value) where strpos(k.value, 'forged') > 0)`
    : sql`exists (select 1 from json_each(w.result_kinds) k where instr(k.value, 'forged') > 0)`;
  const agent = (field: 'code' | 'name') => (pg ? sql`(g.data::jsonb) -> 'agent' ->> ${field}` : sql`json_extract(g.data, ${`$.agent.${field}`})`);
  const rows = await sql<{ seller_code: string; seller_name: string | null; branch_code: string; cases: number | string }>`
    with f as materialized (
      select w.id, w.policy_no, w.branch_code, w.seller_code from work_orders w
      where w.from_date >= ${from} and w.from_date <= ${to} and w.result_kinds like '%forged%' and ${forgedKind}
        ${team === null ? sql`` : sql`and w.team = ${team}`}
    ), g as (
      -- A lookup per seller's first order (and per order without a seller code), not a join: a join
      -- reads the whole cases table for a few hundred rows. (A window function numbering each seller's
      -- orders cost SQLite six times the rest of the query.)
      select f.id, f.policy_no, f.branch_code, f.seller_code,
        case when f.seller_code is null or f.id in (select min(id) from f group by seller_code)
          then (select c.data from cases c where c.policy_no = f.policy_no) end as data
      from f
    ), h as materialized (
      select g.id, g.policy_no, g.branch_code, coalesce(g.seller_code, ${agent('code')}, '-') as code, ${agent('name')} as name from g
    )
    select h.code as seller_code, h.name as seller_name, h.branch_code as branch_code, n.cases as cases
    -- Policies per seller as a grouping of (seller, policy) pairs: a count(distinct …) sorts every
    -- order of the month, a grouping hashes them.
    from h join (select min(p.first_id) as first_id, count(*) as cases
      from (select code, policy_no, min(id) as first_id from h group by code, policy_no) p group by p.code) n on n.first_id = h.id`.execute(src.db);
  return rows.rows
    .map((r) => ({ sellerCode: r.seller_code, sellerName: r.seller_name ?? '', branchCode: r.branch_code, cases: Number(r.cases) }))
    .sort((a, b) => b.cases - a.cases || (a.sellerCode < b.sellerCode ? -1 : 1));
}

/**
 * Work orders per branch as of the period's end (`asOf` = the last day, or today while the period
 * runs): open = raised by then and not closed by then; overdue = open and past its due date;
 * closed late = closed within the period after its due date. Counted in the database, one row per
 * branch back (named by the least of its names, should a code ever carry two).
 */
export async function overdueByBranch(src: ReportSource, from: string, asOf: string, team: string | null): Promise<OverdueRow[]> {
  const open = sql<boolean>`(closed_on is null or closed_on > ${asOf})`;
  let q = src.db
    .selectFrom('work_orders')
    .select([
      'branch_code',
      sql<string>`min(branch_name)`.as('branch_name'),
      sql<number | string>`sum(case when ${open} then 1 else 0 end)`.as('open'),
      sql<number | string>`sum(case when ${open} and due_date < ${asOf} then 1 else 0 end)`.as('overdue'),
      sql<number | string>`sum(case when not ${open} and closed_on >= ${from} and closed_on > due_date then 1 else 0 end)`.as('closed_late'),
    ])
    .where('from_date', '<=', asOf)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('closed_on', '>=', from)]))
    // SQLite would otherwise walk the (branch_code, status) index for the grouping's order and fetch
    // each order from the table at random: 1.8 s against 0.6 s for a scan of a month's 500 000 orders.
    .groupBy(src.engine === 'sqlite' ? sql`+branch_code` : sql`branch_code`);
  if (team !== null) q = q.where('team', '=', team);
  return (await q.execute())
    .map((r) => ({ branchCode: r.branch_code, branchName: r.branch_name, open: Number(r.open), overdue: Number(r.overdue), closedLate: Number(r.closed_late) }))
    .sort((a, b) => (a.branchCode < b.branchCode ? -1 : 1));
}
