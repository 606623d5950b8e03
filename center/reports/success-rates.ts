import type { Kysely } from 'kysely';
import type { KindRateRow, SuccessRow } from '../../shared/sync';
import type { CenterDatabase } from '../store/db-schema';
import { CHANNEL_LABELS, NO_AGENT, PRODUCT_LABELS } from './report-labels';

/** Results that end a visit successfully at the centre: reached, no doubt left (docs/domain.md §6). */
const CENTRE_SUCCESS = new Set(['standard', 'substandard']);

interface DueCase {
  policyNo: string;
  channel: string;
  branchCode: string;
  branchName: string;
  agent: string;
  product: string;
  centre: boolean;
  branch: boolean;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);

/**
 * The cases due in [from, to] (deadline in range, not closed elsewhere) with their success
 * (center/README.md "Management reports"): a centre success is a final 标准件/次标准件; a branch
 * follow-up success is any other case whose work order the branch closed by its due date.
 */
async function dueCases(db: Kysely<CenterDatabase>, from: string, to: string, team: string | null) {
  let cases = db
    .selectFrom('cases')
    .select(['policy_no', 'data', 'result_class', 'result_by', 'assigned_to'])
    .where('deadline', '>=', from)
    .where('deadline', '<=', to)
    .where('status', '!=', 'closed');
  let orders = db
    .selectFrom('work_orders as w')
    .innerJoin('cases as c', 'c.policy_no', 'w.policy_no')
    .select(['w.policy_no', 'w.category', 'w.result_kinds', 'w.status', 'w.closed_on', 'w.due_date'])
    .where('c.deadline', '>=', from)
    .where('c.deadline', '<=', to)
    .where('c.status', '!=', 'closed');
  if (team !== null) {
    cases = cases.where('team', '=', team);
    orders = orders.where('c.team', '=', team);
  }
  const [rows, wos] = await Promise.all([cases.execute(), orders.execute()]);
  const branchDone = new Set(wos.filter((w) => w.status === 'done' && w.closed_on !== null && w.closed_on <= w.due_date).map((w) => w.policy_no));
  const due: DueCase[] = rows.map((r) => {
    const d = JSON.parse(r.data) as { channel: { kind: string }; branch: { code: string; name: string }; product: { design: string } };
    const centre = r.result_class !== null && CENTRE_SUCCESS.has(r.result_class);
    return {
      policyNo: r.policy_no,
      channel: d.channel.kind,
      branchCode: d.branch.code,
      branchName: d.branch.name,
      agent: r.result_by ?? r.assigned_to ?? NO_AGENT,
      product: d.product.design,
      centre,
      branch: !centre && branchDone.has(r.policy_no),
    };
  });
  return { due, orders: wos };
}

function group(due: readonly DueCase[], keyOf: (c: DueCase) => string, labelOf: (c: DueCase) => string): SuccessRow[] {
  const acc = new Map<string, { label: string; due: number; centre: number; branch: number }>();
  for (const c of due) {
    const k = keyOf(c);
    const a = acc.get(k) ?? { label: labelOf(c), due: 0, centre: 0, branch: 0 };
    a.due++;
    if (c.centre) a.centre++;
    if (c.branch) a.branch++;
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
export async function successFigures(db: Kysely<CenterDatabase>, from: string, to: string, team: string | null): Promise<SuccessFigures> {
  const { due, orders } = await dueCases(db, from, to, team);
  const total = group(
    due,
    () => 'total',
    () => '合计',
  )[0] ?? { key: 'total', label: '合计', due: 0, centreSuccess: 0, branchSuccess: 0, ratePct: null };
  const kinds = new Map<string, Set<string>>();
  for (const w of orders) {
    if (w.category !== 'problem' && w.category !== 'substandard') continue;
    for (const kind of JSON.parse(w.result_kinds) as string[]) {
      const k = `${w.category}\u0000${kind}`;
      kinds.set(k, (kinds.get(k) ?? new Set()).add(w.policy_no));
    }
  }
  const kindRates = [...kinds.entries()]
    .map(([k, policies]) => {
      const [resultClass, kind] = k.split('\u0000') as ['problem' | 'substandard', string];
      return { resultClass, kind, cases: policies.size, ratePct: pct(policies.size, due.length) };
    })
    .sort((a, b) => (a.resultClass + a.kind < b.resultClass + b.kind ? -1 : 1));
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
    kindRates,
  };
}
