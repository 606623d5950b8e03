/** Kept management reports (migration 0018), one per period (YYYY-MM or YYYY). */
export interface KeptReportsTable {
  period: string;
  generated_at: string;
  /** JSON `ManagementReport` (shared/sync/reports.ts). */
  figures: string;
  xlsx_base64: string;
}

/**
 * Generated columns of `cases` (migration 0024) the database derives from `data`: the fields the
 * management reports group by. Kept out of CasesTable because nothing may write them.
 */
export interface CaseReportColumns {
  channel_kind: string | null;
  branch_code: string | null;
  branch_name: string | null;
  product_design: string | null;
}

/** Their names, for code that copies whole case rows (a copy must leave them out). */
export const CASE_REPORT_COLUMNS: readonly (keyof CaseReportColumns)[] = ['channel_kind', 'branch_code', 'branch_name', 'product_design'];
