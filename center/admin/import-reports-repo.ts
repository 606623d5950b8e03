import { randomUUID } from 'node:crypto';
import type { ImportReport } from '../import/import-report';
import type { Store } from '../store/open-store';
import { nowIso } from '../store/clock';
import { addDays } from '../../shared/domain/calendar/iso-date';
import { audit } from '../store/audit-repo';
import { startPeriodicJob, type PeriodicJob } from '../periodic-job';

/** Keeps an import's per-row report; answers its id (the console's download names it). */
export async function keepImportReport(store: Store, actor: string, report: ImportReport): Promise<string> {
  const id = randomUUID();
  await store.db
    .insertInto('import_reports')
    .values({ id, at: nowIso(), actor, file_name: report.fileName, report: JSON.stringify(report) })
    .execute();
  return id;
}

/** A kept report, or undefined for an unknown id. */
export async function readImportReport(store: Store, id: string): Promise<ImportReport | undefined> {
  const row = await store.db.selectFrom('import_reports').select('report').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.report) as ImportReport) : undefined;
}

/**
 * How long a kept per-row import report stays (days). It holds policy numbers and the rows' problems,
 * not the file: long enough for head office to chase a month's rejected rows, short enough not to
 * keep personal data longer than the work needs (docs/domain.md §11).
 */
export const IMPORT_REPORT_KEEP_DAYS = 180;

/** Deletes the kept import reports older than `keepDays` before `today`, audited; answers how many went. */
export async function purgeImportReports(store: Store, today: string, keepDays = IMPORT_REPORT_KEEP_DAYS): Promise<number> {
  // Kept-at times are ISO instants: a YYYY-MM-DD bound compares as the start of that day.
  const cutoff = addDays(today, -keepDays);
  return store.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('import_reports').where('at', '<', cutoff).returning('id').execute();
    if (gone.length > 0)
      await audit(trx, { actor: 'system:retention', action: 'import.reports_purged', detail: { count: gone.length, before: cutoff, keepDays } });
    return gone.length;
  });
}

/** Once a day: the purge of kept import reports (center/README.md, POST /api/admin/import). */
export function startImportReportPurge(store: Store, today: () => string, log: (line: string) => void, intervalMs = 24 * 3_600_000): PeriodicJob {
  return startPeriodicJob(
    async () => {
      const n = await purgeImportReports(store, today());
      if (n > 0) log(`purged ${n} import report(s) older than ${IMPORT_REPORT_KEEP_DAYS} days`);
    },
    { intervalMs, firstDelayMs: Math.min(intervalMs, 60_000), onError: (err) => log(`import report purge failed: ${(err as Error).message}`) },
  );
}
