import type { KindRateRow, SuccessRow } from '../../shared/sync';
import { dueFigures, type DueGroup, type DueKindSet } from './due-groups';
import { CHANNEL_LABELS, PRODUCT_LABELS } from './report-labels';
import type { ReportSource } from './report-source';

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);

/**
 * Problem and substandard cases by result kind among the cases due (docs/domain.md §8), each case
 * counted once per kind whatever number of work orders carried it: a kind set's cases count once
 * for each distinct (category, kind) pair of the set.
 */
function kindRates(kindSets: readonly DueKindSet[], due: number): KindRateRow[] {
  const acc = new Map<string, { resultClass: 'problem' | 'substandard'; kind: string; cases: number }>();
  for (const s of kindSets) {
    if (s.kinds === null) continue;
    const pairs = JSON.parse(`[${s.kinds}]`) as ['problem' | 'substandard', unknown[]][];
    const seen = new Set<string>();
    for (const [resultClass, kinds] of pairs) {
      for (const k of kinds) {
        const kind = String(k);
        const key = `${resultClass}\u0000${kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const a = acc.get(key) ?? { resultClass, kind, cases: 0 };
        a.cases += s.cases;
        acc.set(key, a);
      }
    }
  }
  return [...acc.values()].map((a) => ({ ...a, ratePct: pct(a.cases, due) })).sort((a, b) => (a.resultClass + a.kind < b.resultClass + b.kind ? -1 : 1));
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
  const { groups: due, kindSets } = await dueFigures(src, from, to, team);
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
    kindRates: kindRates(kindSets, total.due),
  };
}
