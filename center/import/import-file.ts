import { parseCase, type PolicyCase } from '../../shared/domain/case';
import type { Store } from '../store/open-store';
import { storeImportChunk, type PreparedCase } from '../store/import-repo';
import { audit } from '../store/audit-repo';
import { nowIso } from '../store/clock';
import type { ColumnMapping } from './column-mapping';
import { planColumns, mapRow, type RowMeta } from './map-row';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { assessCase } from './assess-case';
import { centreCalendar } from '../calendar/calendar-years-repo';
import { redFlagsByPolicy } from './batch-red-flags';
import type { ImportProgress, ImportReport, ReportRow, RowOutcome, RowProblem } from './import-report';
import type { ReadFailure } from './raw-table';

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

const KINDS = new Set(['new', 'verification', 'returned']);
/**
 * Rows stored per transaction. Each commit is an fsync (WAL + synchronous=FULL; PostgreSQL's
 * commit flush) and a round of statements, so 500-row chunks spent most of a large import on
 * commits; 5 000 rows keep a chunk's write lock to a fraction of a second on SQLite.
 */
const CHUNK = 5000;

function fail(zh: string, en: string, code: 'import_failed' | 'payload_too_large' = 'import_failed'): ImportResult {
  return { ok: false, error: { code, message: { zh, en } } };
}

function metaProblems(meta: RowMeta): RowProblem[] {
  const out: RowProblem[] = [];
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(String(meta.team)))
    out.push({ field: 'meta.team', value: meta.team, message: { zh: '回访组代码不合规', en: 'team must be 1–40 letters/digits' } });
  if (!/^[a-z_]{2,30}$/.test(String(meta.language)))
    out.push({ field: 'meta.language', value: meta.language, message: { zh: '无法识别的方言/语言', en: 'unknown language or dialect' } });
  if (!KINDS.has(String(meta.kind)))
    out.push({
      field: 'meta.kind',
      value: meta.kind,
      message: { zh: '回访类型应为 新契约/核实件/退回件', en: 'case kind must be new, verification or returned' },
    });
  if (meta.returnMonth !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(String(meta.returnMonth))) {
    out.push({ field: 'meta.returnMonth', value: meta.returnMonth, message: { zh: '退回月份格式应为 YYYY-MM', en: 'return month must be YYYY-MM' } });
  }
  return out;
}

/**
 * Imports one extracted list (清单抽取). Reads CSV (UTF-8/GBK) or XLSX, maps columns, validates
 * every row with the shared case schema, computes eligibility, schedule and red flags, and stores
 * accepted rows in chunks. Every data row gets one report line; a bad row never stops the others.
 * File-level problems (too big, unreadable, no policy-number column) are returned as errors and
 * store nothing.
 */
export async function importFile(store: Store, opts: ImportOptions): Promise<ImportResult> {
  if (opts.maxBytes !== undefined && opts.bytes.byteLength > opts.maxBytes) {
    return fail(
      `文件超过大小上限（${Math.round(opts.maxBytes / 1048576)} MB）`,
      `the file exceeds the size limit of ${opts.maxBytes} bytes`,
      'payload_too_large',
    );
  }
  const isZip = opts.bytes[0] === 0x50 && opts.bytes[1] === 0x4b;
  const looksXlsx = isZip || /\.xlsx$/i.test(opts.fileName);
  const read = looksXlsx ? await readXlsx(opts.bytes, opts.maxRows) : readCsv(opts.bytes, opts.maxRows);
  if (!read.ok) return { ok: false, error: { code: 'import_failed', message: read.error } };
  const table = read.table;
  const plan = planColumns(table.headers, opts.mapping);
  if (!plan.columns.some((c) => c.field === 'policyNo')) {
    return fail(
      '找不到"保单号"列：请检查文件编码（UTF-8 或 GBK）和列名映射',
      `no policy-number column (保单号) among the headers [${table.headers.slice(0, 12).join(', ')}]; check the encoding and the column mapping`,
    );
  }
  const total = table.rows.length;
  opts.onProgress?.({ phase: 'read', done: total, total });

  const report: ReportRow[] = new Array(total);
  const calendar = await centreCalendar(store);
  const prepared: { index: number; p: PreparedCase }[] = [];
  const seenAt = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const { input, meta } = mapRow(row.cells, plan, opts.mapping);
    const rawNo = typeof input.policyNo === 'string' ? input.policyNo : null;
    const parsed = parseCase(input);
    const problems: RowProblem[] = parsed.ok ? [] : parsed.problems.map((p) => ({ field: p.path, value: p.value, message: p.message }));
    problems.push(...metaProblems(meta));
    if (rawNo !== null && seenAt.has(rawNo)) {
      problems.push({
        field: 'policyNo',
        value: rawNo,
        message: { zh: `保单号与第 ${seenAt.get(rawNo)} 行重复`, en: `same policy number as line ${seenAt.get(rawNo)}` },
      });
    }
    if (!parsed.ok || problems.length > 0) {
      report[index] = { line: row.line, policyNo: rawNo, outcome: 'rejected', problems };
    } else {
      seenAt.set(parsed.value.policyNo, row.line);
      const a = assessCase(parsed.value, opts.today, calendar);
      prepared.push({
        index,
        p: {
          line: row.line,
          data: parsed.value,
          team: meta.team,
          language: meta.language,
          kind: meta.kind as PreparedCase['kind'],
          returnMonth: meta.returnMonth ?? null,
          eligible: a.eligible,
          deadline: a.deadline,
          holderAge: a.holderAge,
          visitMode: a.visitMode,
          flags: a.flags,
        },
      });
      if (!a.eligible) report[index] = { line: row.line, policyNo: parsed.value.policyNo, outcome: 'not_eligible', reasons: a.reasons };
    }
    if ((index + 1) % 5000 === 0) opts.onProgress?.({ phase: 'validate', done: index + 1, total });
  });
  // The raw cells are not needed past validation: red flags and storage run without holding them.
  table.rows.length = 0;

  // Red flags need the whole batch plus stored cases sharing a phone number.
  const flags = await redFlagsByPolicy(
    store,
    prepared.map((x) => x.p.data as PolicyCase),
  );
  const withFlags = prepared.map(({ index, p }) => ({ index, p: { ...p, flags: [...p.flags, ...(flags.get(p.data.policyNo) ?? [])] } }));

  const touched = new Set<string>();
  for (let i = 0; i < withFlags.length; i += CHUNK) {
    const chunk = withFlags.slice(i, i + CHUNK);
    const stored = await storeImportChunk(
      store,
      chunk.map((x) => x.p),
      opts.today,
    );
    stored.touched.forEach((t) => touched.add(t));
    chunk.forEach(({ index, p }, k) => {
      const outcome = stored.outcomes[k];
      if (outcome === 'not_eligible') return; // reported above with reasons
      report[index] = { line: p.line, policyNo: p.data.policyNo, outcome, ...(p.flags.length > 0 ? { flags: p.flags } : {}) };
    });
    opts.onProgress?.({ phase: 'store', done: Math.min(i + CHUNK, withFlags.length), total: withFlags.length });
  }

  const counts: Record<RowOutcome, number> = { inserted: 0, updated: 0, unchanged: 0, kept_in_progress: 0, reopened: 0, not_eligible: 0, rejected: 0 };
  let flagged = 0;
  for (const r of report) {
    counts[r.outcome]++;
    if (r.flags && r.flags.length > 0) flagged++;
  }
  const accepted = total - counts.rejected;
  await store.db
    .insertInto('import_batches')
    .values({ at: nowIso(), actor: opts.actor, file_name: opts.fileName, total, accepted, rejected: counts.rejected, flagged })
    .execute();
  await audit(store.db, { actor: opts.actor, action: 'admin.import', target: opts.fileName, detail: { total, ...counts, flagged } });
  return {
    ok: true,
    value: {
      report: { fileName: opts.fileName, format: table.format, encoding: table.encoding, unmappedHeaders: plan.unmapped, total, counts, flagged, rows: report },
      touched: [...touched],
    },
  };
}
