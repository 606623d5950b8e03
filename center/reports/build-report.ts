import type { LowSuccessAgent, ManagementReport, SuccessRow } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { getSetting } from '../store/settings-repo';
import { nowIso } from '../store/clock';
import { agentActivity } from './agent-activity';
import { forgedBySeller, overdueByBranch } from './order-figures';
import { NO_AGENT } from './report-labels';
import { previousMonth, resolvePeriod, type PeriodRange } from './report-period';
import { readForReport, type ReportSource } from './report-source';
import { successFigures } from './success-rates';

/** Settings (table `settings`) that define "persistently low success", with their defaults. */
export const LOW_SUCCESS_PCT_KEY = 'reports.low_success_pct';
export const LOW_SUCCESS_MONTHS_KEY = 'reports.low_success_months';
const DEFAULT_LOW_PCT = 80;
const DEFAULT_LOW_MONTHS = 3;

async function numberSetting(store: Store, key: string, fallback: number): Promise<number> {
  const v = Number(await getSetting(store, key));
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * Centre agents whose success rate was below the threshold in each of the `months` consecutive
 * months ending with `lastMonth` (and who had cases due in every one of them): docs/domain.md §8
 * "agents with persistently low success get warnings".
 */
async function lowSuccessAgents(
  store: Store,
  src: ReportSource,
  lastMonth: string,
  team: string | null,
  known: Map<string, SuccessRow[]>,
): Promise<LowSuccessAgent[]> {
  const threshold = await numberSetting(store, LOW_SUCCESS_PCT_KEY, DEFAULT_LOW_PCT);
  const count = Math.min(24, Math.round(await numberSetting(store, LOW_SUCCESS_MONTHS_KEY, DEFAULT_LOW_MONTHS)));
  const months: string[] = [lastMonth];
  while (months.length < count) months.unshift(previousMonth(months[0]!));
  const below = new Map<string, { period: string; ratePct: number }[]>();
  for (const [i, month] of months.entries()) {
    const range = resolvePeriod(month, '9999-12-31') as PeriodRange;
    // The report's own month is already computed: a month report reads its cases once, not twice.
    const rows = known.get(month) ?? (await successFigures(src, range.from, range.to, team)).byAgent;
    for (const r of rows) {
      if (r.key === NO_AGENT || r.ratePct === null || r.ratePct >= threshold) continue;
      const seen = below.get(r.key) ?? [];
      if (seen.length !== i) continue; // a month missed: not consecutive
      below.set(r.key, [...seen, { period: month, ratePct: r.ratePct }]);
    }
  }
  return [...below.entries()].filter(([, m]) => m.length === count).map(([staffNo, m]) => ({ staffNo, months: m }));
}

/** Builds the management report of a resolved period for one team (null: all teams). */
export async function buildReport(store: Store, range: PeriodRange, team: string | null, today: string): Promise<ManagementReport> {
  const asOf = range.to < today ? range.to : today;
  const lastMonth = range.months.filter((m) => m <= today.slice(0, 7)).pop()!;
  return readForReport(store, async (src) => {
    const success = await successFigures(src, range.from, range.to, team);
    return {
      period: range.period,
      team,
      generatedAt: nowIso(),
      ...success,
      forgedBySeller: await forgedBySeller(src, range.from, range.to, team),
      overdueByBranch: await overdueByBranch(src.db, range.from, asOf, team),
      lowSuccessAgents: await lowSuccessAgents(store, src, lastMonth, team, new Map(range.months.length === 1 ? [[range.period, success.byAgent]] : [])),
      agentActivity: await agentActivity(src.db, range.from, range.to, team),
    };
  });
}
