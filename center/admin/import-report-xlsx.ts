import type { ImportReport, ReportRow, RowOutcome } from '../import/import-report';

/** The outcome words head office reads in the workbook (the console shows the same ones). */
const OUTCOME_LABELS: Readonly<Record<RowOutcome, string>> = {
  inserted: '新增',
  updated: '已更新',
  unchanged: '无变化',
  kept_in_progress: '回访中，未改动',
  reopened: '重新回访',
  not_eligible: '不在回访范围',
  rejected: '拒收',
};

function detail(row: ReportRow): string {
  const problems = (row.problems ?? []).map((p) => `${p.field}：${p.message.zh}`);
  const reasons = (row.reasons ?? []).map((r) => r.zh);
  return [...problems, ...reasons, ...(row.flags ?? [])].join('；');
}

/**
 * The per-row report as a workbook: a title with the file and the filter, one row per file line
 * (line, policy number, outcome, problems/reasons/flags), and the counts per outcome beneath.
 */
export async function importReportWorkbook(report: ImportReport, outcome: RowOutcome | undefined): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // on demand: see center/import/read-xlsx.ts
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('导入明细');
  const rows = outcome ? report.rows.filter((r) => r.outcome === outcome) : report.rows;
  ws.addRow([`清单导入明细：${report.fileName}`]).font = { bold: true, size: 14 };
  ws.addRow([outcome ? `筛选：${OUTCOME_LABELS[outcome]}（${rows.length} 行）` : `全部 ${report.total} 行`]);
  ws.addRow([]);
  ws.addRow(['行号', '保单号', '结果', '问题 / 说明']).font = { bold: true };
  for (const r of rows) ws.addRow([r.line, r.policyNo ?? '', OUTCOME_LABELS[r.outcome], detail(r)]);
  ws.addRow([]);
  for (const [key, label] of Object.entries(OUTCOME_LABELS)) ws.addRow(['', '', label, report.counts[key as RowOutcome] ?? 0]);
  ws.addRow(['', '', '合计', report.total]).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [8, 24, 16, 80][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the `outcome` filter of a download; undefined for none, null for a word that is not an outcome. */
export function outcomeFilter(raw: string | null): RowOutcome | undefined | null {
  if (raw === null || raw === '') return undefined;
  return raw in OUTCOME_LABELS ? (raw as RowOutcome) : null;
}
