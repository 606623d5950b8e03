import type { Store } from '../store/open-store';
import { correctImportFlags } from '../store/import-repo';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import type { ColumnMapping } from './column-mapping';
import { planColumns } from './map-row';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { importBatches } from './import-batches';
import type { ImportProgress, ImportReport, ReportRow, RowOutcome } from './import-report';
import type { ReadFailure, RowSource } from './raw-table';

export interface ImportOptions {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly actor: string;
  readonly mapping: ColumnMapping;
  /** Today (YYYY-MM-DD): priorities and "cooling-off passed" flags. */
  readonly today: string;
  readonly maxRows: number;
  readonly maxBytes?: number;
  readonly onProgress?: (p: ImportProgress) => void;
}

export type ImportResult =
  | { ok: true; value: { report: ImportReport; touched: string[] } }
  | { ok: false; error: { code: 'import_failed' | 'payload_too_large'; message: ReadFailure } };

function fail(zh: string, en: string, code: 'import_failed' | 'payload_too_large' = 'import_failed'): ImportResult {
  return { ok: false, error: { code, message: { zh, en } } };
}

async function openSource(opts: ImportOptions) {
  const isZip = opts.bytes[0] === 0x50 && opts.bytes[1] === 0x4b;
  const looksXlsx = isZip || /\.xlsx$/i.test(opts.fileName);
  return looksXlsx ? readXlsx(opts.bytes, opts.maxRows) : readCsv(opts.bytes, opts.maxRows);
}

/**
 * Imports one extracted list (清单抽取). Reads CSV (UTF-8/GBK) or XLSX, maps columns, validates
 * every row with the shared case schema, computes eligibility, schedule and red flags, and stores
 * accepted rows — batch by batch, so memory stays bounded whatever the file's length. Every data row
 * gets one report line; a bad row never stops the others.
 *
 * What a failure leaves: file-level problems (too big, unreadable or damaged, too many rows, no
 * policy-number column) are found before anything is stored and store nothing. A failure while
 * storing (the database gone, a disk full) leaves the batches committed before it, each whole, and
 * nothing of the rest; it is an error value naming the first line not stored. Importing the same
 * file again finishes the job: stored rows come back `unchanged`, none is duplicated.
 */
export async function importFile(store: Store, opts: ImportOptions): Promise<ImportResult> {
  if (opts.maxBytes !== undefined && opts.bytes.byteLength > opts.maxBytes) {
    return fail(
      `文件超过大小上限（${Math.round(opts.maxBytes / 1048576)} MB）`,
      `the file exceeds the size limit of ${opts.maxBytes} bytes`,
      'payload_too_large',
    );
  }
  const read = await openSource(opts);
  if (!read.ok) return { ok: false, error: { code: 'import_failed', message: read.error } };
  const source = read.source;
  const plan = planColumns(source.headers, opts.mapping);
  if (!plan.columns.some((c) => c.field === 'policyNo')) {
    return fail(
      '找不到"保单号"列：请检查文件编码（UTF-8 或 GBK）和列名映射',
      `no policy-number column (保单号) among the headers [${source.headers.slice(0, 12).join(', ')}]; check the encoding and the column mapping`,
    );
  }
  opts.onProgress?.({ phase: 'read', done: source.total, total: source.total });
  const report: ReportRow[] = [];
  let storedUpTo = 0;
  try {
    const { touched, ledger, ledgerReport } = await importBatches(store, opts, source, plan, report, (line) => (storedUpTo = line));
    // Rows stored before a later row shared their number: flags corrected now the whole file is read.
    const fixes = ledger.settle();
    for (const f of fixes) {
      const at = ledgerReport[f.index]!;
      const r = report[at]!;
      // A row outside the visit scope is reported with its reasons, as when read in one piece.
      if (r.outcome !== 'not_eligible')
        report[at] = { line: r.line, policyNo: r.policyNo, outcome: r.outcome, ...(f.flags.length > 0 ? { flags: f.flags } : {}) };
    }
    const corrected = await correctImportFlags(
      store,
      fixes.filter((f) => report[ledgerReport[f.index]!]!.outcome !== 'kept_in_progress'),
    );
    corrected.touched.forEach((t) => touched.add(t));
    for (const f of fixes) {
      const at = ledgerReport[f.index]!;
      const r = report[at]!;
      if (r.outcome === 'unchanged' && corrected.changed.has(f.policyNo)) report[at] = { ...r, outcome: 'updated' };
    }
    return { ok: true, value: { report: await record(store, opts, source, plan.unmapped, report), touched: [...touched] } };
  } catch (err) {
    const next = report.find((r) => r.line > storedUpTo)?.line ?? storedUpTo + 1;
    const stored = report.filter((r) => r.line <= storedUpTo).length;
    return fail(
      `第 ${next} 行起的数据未能保存（${(err as Error).message}）；此前的 ${stored} 行已保存。请重新导入同一文件完成导入（已保存的行显示为"未变化"，不会重复）`,
      `storing failed from line ${next} on (${(err as Error).message}); the ${stored} rows before it are stored. Import the same file again to finish (stored rows come back unchanged, none is duplicated)`,
    );
  }
}

/** Counts the outcomes, records the batch and its audit entry, and returns the report. */
async function record(store: Store, opts: ImportOptions, source: RowSource, unmapped: string[], rows: ReportRow[]): Promise<ImportReport> {
  const counts: Record<RowOutcome, number> = { inserted: 0, updated: 0, unchanged: 0, kept_in_progress: 0, reopened: 0, not_eligible: 0, rejected: 0 };
  let flagged = 0;
  for (const r of rows) {
    counts[r.outcome]++;
    if (r.flags && r.flags.length > 0) flagged++;
  }
  const total = rows.length;
  const accepted = total - counts.rejected;
  await store.db
    .insertInto('import_batches')
    .values({ at: nowIso(), actor: opts.actor, file_name: opts.fileName, total, accepted, rejected: counts.rejected, flagged })
    .execute();
  await audit(store.db, { actor: opts.actor, action: 'admin.import', target: opts.fileName, detail: { total, ...counts, flagged } });
  return { fileName: opts.fileName, format: source.format, encoding: source.encoding, unmappedHeaders: unmapped, total, counts, flagged, rows };
}
