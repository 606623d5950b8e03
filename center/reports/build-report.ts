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

/** The months "persistently low success" looks at (ending with `lastMonth`) and its threshold, from the settings. */
async function lowSuccessWindow(store: Store, lastMonth: string): Promise<{ months: string[]; threshold: number }> {
  const threshold = await numberSetting(store, LOW_SUCCESS_PCT_KEY, DEFAULT_LOW_PCT);
  const count = Math.min(24, Math.round(await numberSetting(store, LOW_SUCCESS_MONTHS_KEY, DEFAULT_LOW_MONTHS)));
  const months: string[] = [lastMonth];
  while (months.length < count) months.unshift(previousMonth(months[0]!));
  return { months, threshold };
}

/** Each month's success per agent, for the months not already computed (`known`). */
async function agentSuccess(src: ReportSource, months: readonly string[], team: string | null, known: string | null): Promise<Map<string, SuccessRow[]>> {
  const byMonth = new Map<string, SuccessRow[]>();
  for (const month of months) {
    if (month === known) continue;
    const range = resolvePeriod(month, '9999-12-31') as PeriodRange;
    byMonth.set(month, (await successFigures(src, range.from, range.to, team)).byAgent);
  }
  return byMonth;
}

/**
 * Centre agents whose success rate was below the threshold in each of the window's consecutive
 * months (and who had cases due in every one of them): docs/domain.md §8 "agents with persistently
 * low success get warnings".
 */
function lowSuccessAgents(window: { months: string[]; threshold: number }, byMonth: Map<string, SuccessRow[]>): LowSuccessAgent[] {
  const below = new Map<string, { period: string; ratePct: number }[]>();
  for (const [i, month] of window.months.entries()) {
    for (const r of byMonth.get(month) ?? []) {
      if (r.key === NO_AGENT || r.ratePct === null || r.ratePct >= window.threshold) continue;
      const seen = below.get(r.key) ?? [];
      if (seen.length !== i) continue; // a month missed: not consecutive
      below.set(r.key, [...seen, { period: month, ratePct: r.ratePct }]);
    }
  }
  const count = window.months.length;
  return [...below.entries()].filter(([, m]) => m.length === count).map(([staffNo, m]) => ({ staffNo, months: m }));
}

/**
 * Builds the management report of a resolved period for one team (null: all teams). The pass over
 * the period's cases runs beside the work-order figures and the earlier months' success, on one
 * snapshot (report-source.ts).
 */
export async function buildReport(store: Store, range: PeriodRange, team: string | null, today: string): Promise<ManagementReport> {
  const asOf = range.to < today ? range.to : today;
  const lastMonth = range.months.filter((m) => m <= today.slice(0, 7)).pop()!;
  const window = await lowSuccessWindow(store, lastMonth);
  // The report's own month is already computed: a month report reads its cases once, not twice.
  const known = range.months.length === 1 ? range.period : null;
  return readForReport(store, async (src) => {
    const [success, orders, earlier] = await Promise.all([
      successFigures(src, range.from, range.to, team),
      src.beside(async (s) => ({
        forgedBySeller: await forgedBySeller(s, range.from, range.to, team),
        overdueByBranch: await overdueByBranch(s, range.from, asOf, team),
      })),
      src.beside(async (s) => ({
        byMonth: await agentSuccess(s, window.months, team, known),
        agentActivity: await agentActivity(s.db, range.from, range.to, team),
      })),
    ]);
    if (known !== null) earlier.byMonth.set(known, success.byAgent);
    return {
      period: range.period,
      team,
      generatedAt: nowIso(),
      ...success,
      ...orders,
      lowSuccessAgents: lowSuccessAgents(window, earlier.byMonth),
      agentActivity: earlier.agentActivity,
    };
  });
}
