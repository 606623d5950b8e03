import { randomUUID } from 'node:crypto';
import type { ImportReport } from '../import/import-report';
import type { Store } from '../store/open-store';
import { nowIso } from '../store/clock';

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
