import type { KeptReportEntry } from '../../shared/sync';
import type { Store } from '../store/open-store';
import { nowIso } from '../store/clock';
import { audit } from '../store/audit-repo';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job';
import { buildReport } from './build-report';
import { previousMonth, resolvePeriod, type PeriodRange } from './report-period';
import { reportWorkbook } from './report-xlsx';

/**
 * Generates and keeps the all-teams report of `period` unless it is kept already. The period is
 * the table's key and the insert does nothing on conflict, so a restart or a second centre process
 * racing for the same month keeps exactly one report (the first stored). True when this call kept it.
 */
export async function keepReport(store: Store, range: PeriodRange, today: string): Promise<boolean> {
  const existing = await store.db.selectFrom('kept_reports').select('period').where('period', '=', range.period).executeTakeFirst();
  if (existing) return false;
  const report = await buildReport(store, range, null, today);
  const xlsx = await reportWorkbook(report);
  const res = await store.db
    .insertInto('kept_reports')
    .values({ period: range.period, generated_at: report.generatedAt, figures: JSON.stringify(report), xlsx_base64: xlsx.toString('base64') })
    .onConflict((oc) => oc.column('period').doNothing())
    .executeTakeFirst();
  const kept = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  if (kept) await audit(store.db, { actor: 'system:reports', action: 'reports.kept', target: range.period, detail: { at: nowIso() } });
  return kept;
}

/**
 * What the monthly job does (docs/domain.md §8: a monthly report by the 5th of the next month, and
 * a yearly one): once a month has ended, keep its report; once a year has ended, keep the year's.
 * Returns the periods kept by this run.
 */
export async function keepDueReports(store: Store, today: string): Promise<string[]> {
  const kept: string[] = [];
  const lastMonth = previousMonth(today.slice(0, 7));
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  for (const period of [lastMonth, lastYear]) {
    if (await keepReport(store, resolvePeriod(period, today) as PeriodRange, today)) kept.push(period);
  }
  return kept;
}

/** Hourly by default: the first run after a month's end keeps its report; later runs find it kept. */
export function startReportJob(store: Store, today: () => string, log: (line: string) => void, intervalMs = 3_600_000): PeriodicJob {
  return startPeriodicJob(
    async () => {
      const kept = await keepDueReports(store, today());
      if (kept.length > 0) log(`kept management report(s) ${kept.join(', ')}`);
    },
    { intervalMs, firstDelayMs: Math.min(intervalMs, 60_000), onError: (err) => log(`management report failed: ${(err as Error).message}`) },
  );
}

export async function listKeptReports(store: Store): Promise<KeptReportEntry[]> {
  const rows = await store.db.selectFrom('kept_reports').select(['period', 'generated_at']).orderBy('period', 'desc').execute();
  return rows.map((r) => ({ period: r.period, generatedAt: r.generated_at }));
}

export async function readKeptReport(store: Store, period: string) {
  return store.db.selectFrom('kept_reports').selectAll().where('period', '=', period).executeTakeFirst();
}
