/** Per-row reports of list imports made over HTTP (migration 0023). */
export interface ImportReportsTable {
  id: string;
  at: string;
  actor: string;
  file_name: string;
  /** The ImportReport (center/import/import-report.ts) as JSON. */
  report: string;
}
