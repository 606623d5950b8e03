import { parseCase, type ParseCaseResult, type PolicyCase } from '../../shared/domain/case';
import { checkBuiltCase } from './check-case';
import type { WorkingCalendar } from '../../shared/domain/calendar/working-calendar';
import type { ColumnMapping } from './column-mapping';
import { mapRow, type ColumnPlan, type RowMeta } from './map-row';
import { assessCase, type CaseAssessment } from './assess-case';
import type { RawRow } from './raw-table';
import type { ReportRow, RowProblem } from './import-report';

const KINDS = new Set(['new', 'verification', 'returned']);

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

/** A row that passed: the case, its centre data and what the domain core derived from it. */
export interface AcceptedRow {
  readonly line: number;
  readonly data: PolicyCase;
  readonly meta: RowMeta;
  readonly assessment: CaseAssessment;
}

/** What the rows before have left for the next: the first line of every accepted policy number (a `Map` or a `PolicyLines`). */
interface SeenPolicies {
  has(policyNo: string): boolean;
  get(policyNo: string): number | undefined;
  set(policyNo: string, line: number): unknown;
}

/**
 * Maps and validates one row with the shared case schema, then checks its centre data and that
 * its policy number has not come earlier in the file (`seen` holds numbers only, so the check spans
 * the whole file at a few bytes a row). A rejected row comes back as its report line.
 */
export function validateRow(
  row: RawRow,
  plan: ColumnPlan,
  mapping: ColumnMapping,
  seen: SeenPolicies,
  today: string,
  calendar: WorkingCalendar | undefined,
): { ok: true; row: AcceptedRow } | { ok: false; report: ReportRow } {
  const { input, meta } = mapRow(row.cells, plan, mapping);
  const rawNo = typeof input.policyNo === 'string' ? input.policyNo : null;
  // The schema's verdict, by the hand check when it accepts the row (check-case.ts), else by the schema with its problem list.
  const checked = checkBuiltCase(input);
  if (checked !== null && !seen.has(checked.policyNo)) {
    // The usual row: valid, new in the file. Its centre data are checked without building a problem list.
    const metaIssues = metaProblems(meta);
    if (metaIssues.length === 0) {
      seen.set(checked.policyNo, row.line);
      return { ok: true, row: { line: row.line, data: checked, meta, assessment: assessCase(checked, today, calendar) } };
    }
  }
  const parsed: ParseCaseResult = checked !== null ? { ok: true, value: checked } : parseCase(input);
  const problems: RowProblem[] = parsed.ok ? [] : parsed.problems.map((p) => ({ field: p.path, value: p.value, message: p.message }));
  problems.push(...metaProblems(meta));
  const first = rawNo === null ? undefined : seen.get(rawNo);
  if (first !== undefined) {
    problems.push({ field: 'policyNo', value: rawNo, message: { zh: `保单号与第 ${first} 行重复`, en: `same policy number as line ${first}` } });
  }
  if (!parsed.ok || problems.length > 0) return { ok: false, report: { line: row.line, policyNo: rawNo, outcome: 'rejected', problems } };
  seen.set(parsed.value.policyNo, row.line);
  return { ok: true, row: { line: row.line, data: parsed.value, meta, assessment: assessCase(parsed.value, today, calendar) } };
}
