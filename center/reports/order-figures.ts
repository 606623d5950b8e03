import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ForgedRow, OverdueRow } from '../../shared/sync';
import type { CenterDatabase, WorkOrdersTable } from '../store/db-schema';

/**
 * Forged-signature cases per selling agent (docs/domain.md §8: penalties are attributed to the
 * agent): work orders raised in [from, to] whose result carried a forged-signature kind, counted
 * once per policy. Kind codes come bare or prefixed, so any code naming "forged" counts. The
 * seller's name (and, for an order without a seller code, the code) is in the case JSON, read for
 * each seller's first order only: a month holds many forged orders per seller, and joining every
 * one to its case would read the month's cases once more.
 */
export async function forgedBySeller(db: Kysely<CenterDatabase>, from: string, to: string, team: string | null): Promise<ForgedRow[]> {
  const caseData = (eb: ExpressionBuilder<{ w: WorkOrdersTable } & CenterDatabase, 'w'>) =>
    eb.selectFrom('cases as c').select('c.data').whereRef('c.policy_no', '=', 'w.policy_no');
  let q = db
    .selectFrom('work_orders as w')
    .select((eb) => [
      'w.policy_no',
      'w.seller_code',
      'w.branch_code',
      'w.result_kinds',
      eb
        .case()
        .when(eb.or([eb('w.seller_code', 'is', null), eb(sql<number>`row_number() over (partition by w.seller_code order by w.id)`, '=', 1)]))
        .then(caseData(eb))
        .end()
        .as('data'),
    ])
    .where('w.from_date', '>=', from)
    .where('w.from_date', '<=', to)
    .where('w.result_kinds', 'like', '%forged%')
    .orderBy('w.id');
  if (team !== null) q = q.where('w.team', '=', team);
  const acc = new Map<string, { name: string; branch: string; policies: Set<string> }>();
  for (const r of await q.execute()) {
    if (!(JSON.parse(r.result_kinds) as string[]).some((k) => k.includes('forged'))) continue;
    const known = r.seller_code === null ? undefined : acc.get(r.seller_code);
    if (known) {
      known.policies.add(r.policy_no);
      continue;
    }
    // A seller's first order that names "forged" only in passing leaves its data to the next one.
    const data = r.data ?? (await db.selectFrom('cases').select('data').where('policy_no', '=', r.policy_no).executeTakeFirst())?.data;
    const agent = data === undefined ? undefined : (JSON.parse(data) as { agent?: { code?: string; name?: string } }).agent;
    const code = r.seller_code ?? agent?.code ?? '-';
    const a = acc.get(code) ?? { name: agent?.name ?? '', branch: r.branch_code, policies: new Set<string>() };
    a.policies.add(r.policy_no);
    acc.set(code, a);
  }
  return [...acc.entries()]
    .map(([sellerCode, a]) => ({ sellerCode, sellerName: a.name, branchCode: a.branch, cases: a.policies.size }))
    .sort((a, b) => b.cases - a.cases || (a.sellerCode < b.sellerCode ? -1 : 1));
}

/**
 * Work orders per branch as of the period's end (`asOf` = the last day, or today while the period
 * runs): open = raised by then and not closed by then; overdue = open and past its due date;
 * closed late = closed within the period after its due date. Counted in the database, one row per
 * branch back (named by the least of its names, should a code ever carry two).
 */
export async function overdueByBranch(db: Kysely<CenterDatabase>, from: string, asOf: string, team: string | null): Promise<OverdueRow[]> {
  const open = sql<boolean>`(closed_on is null or closed_on > ${asOf})`;
  let q = db
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
    .groupBy('branch_code');
  if (team !== null) q = q.where('team', '=', team);
  return (await q.execute())
    .map((r) => ({ branchCode: r.branch_code, branchName: r.branch_name, open: Number(r.open), overdue: Number(r.overdue), closedLate: Number(r.closed_late) }))
    .sort((a, b) => (a.branchCode < b.branchCode ? -1 : 1));
}
