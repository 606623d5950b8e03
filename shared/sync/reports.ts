/**
 * Management reports (docs/domain.md §8): the request schemas and the answer's shape, shared by
 * the centre and the console. Definitions of "due" and "success" are in center/README.md.
 */
import { z } from 'zod';
import { addDays } from '../domain/calendar/iso-date';

/** A report period: a month `YYYY-MM` or a year `YYYY`. */
export const reportPeriodSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: 'period must be YYYY-MM (a month) or YYYY (a year)' });

/** The report's tables, each a sheet of its workbook and exportable alone (`GET /api/reports/xlsx?table=…`). */
export const REPORT_TABLES = ['by_channel', 'by_branch', 'by_agent', 'by_product', 'kind_rates', 'forged', 'overdue', 'activity', 'low_success'] as const;
export type ReportTableKey = (typeof REPORT_TABLES)[number];

/**
 * `GET /api/reports?period=…&team=…`: team defaults to the lead's own; admins may omit it (all
 * teams). `table` narrows an XLSX export to one table (the other report routes ignore it).
 */
export const reportQuerySchema = z
  .object({ period: reportPeriodSchema, team: z.string().min(1).max(40).optional(), table: z.enum(REPORT_TABLES).optional() })
  .strict();

/** Success counts of one group (a channel, branch, centre agent or product design). */
export interface SuccessRow {
  readonly key: string;
  readonly label: string;
  readonly due: number;
  readonly centreSuccess: number;
  readonly branchSuccess: number;
  /** Percent, two decimals; null when nothing was due. */
  readonly ratePct: number | null;
}

/** Cases of one result class and kind (问题件/次标准件 by kind) among the cases due. */
export interface KindRateRow {
  readonly resultClass: 'problem' | 'substandard';
  readonly kind: string;
  readonly cases: number;
  readonly ratePct: number | null;
}

export interface ForgedRow {
  readonly sellerCode: string;
  readonly sellerName: string;
  readonly branchCode: string;
  readonly cases: number;
}

export interface OverdueRow {
  readonly branchCode: string;
  readonly branchName: string;
  readonly open: number;
  /** Open and past due at the report's end (or today, for the running period). */
  readonly overdue: number;
  /** Closed after their due date within the period. */
  readonly closedLate: number;
}

/** A centre agent below the low-success threshold in every one of the last N months. */
export interface LowSuccessAgent {
  readonly staffNo: string;
  readonly months: readonly { period: string; ratePct: number }[];
}

/** One centre agent's activity in the period: phone attempts, talk time, desk time, QA scores. */
export interface AgentActivityRow {
  readonly staffNo: string;
  readonly calls: number;
  readonly connected: number;
  readonly talkSec: number;
  /** Signed in and not on break, from the pushed session events. */
  readonly workingSec: number;
  readonly breakSec: number;
  /** Time per desk status, from the centre's status log (center/reports/status-time.ts). */
  readonly readySec: number;
  readonly pausedSec: number;
  readonly inCallSec: number;
  readonly wrapUpSec: number;
  readonly qaEvaluations: number;
  /** Mean QA score (0–100), null without evaluations. */
  readonly qaAvgScore: number | null;
  readonly qaPassed: number;
}

export interface ManagementReport {
  readonly period: string;
  readonly team: string | null;
  readonly generatedAt: string;
  readonly total: SuccessRow;
  readonly byChannel: readonly SuccessRow[];
  readonly byBranch: readonly SuccessRow[];
  readonly byAgent: readonly SuccessRow[];
  readonly byProduct: readonly SuccessRow[];
  readonly kindRates: readonly KindRateRow[];
  readonly forgedBySeller: readonly ForgedRow[];
  readonly overdueByBranch: readonly OverdueRow[];
  readonly lowSuccessAgents: readonly LowSuccessAgent[];
  readonly agentActivity: readonly AgentActivityRow[];
}

/** One kept (automatically generated) report, as listed. */
export interface KeptReportEntry {
  readonly period: string;
  readonly generatedAt: string;
}

/** `GET /api/team/wallboard?team=…`: a lead's own team (admins any team, or all without `team`). */
export interface WallboardTotals {
  readonly team: string | null;
  readonly today: string;
  /** Cases whose deadline is today (not closed elsewhere). */
  readonly dueToday: number;
  /** Cases with a final result pushed today (desk's local date). */
  readonly doneToday: number;
  /** Success rate of this month's cases due up to today (definition: center/README.md). */
  readonly monthSuccessPct: number | null;
  /** Open cases whose deadline is today or within the next `riskDays` days. */
  readonly atRisk: number;
  readonly riskDays: number;
}

/** `GET /api/reports/teams` (department-wide readers): the call-centre teams a report or the wallboard can be narrowed to. */
export interface ReportTeams {
  readonly teams: readonly string[];
}

/** Days ahead a deadline puts an open case "at risk" (the wallboard's count, the live board's alert). */
export const DEADLINE_RISK_DAYS = 2;

/**
 * Whether a case deadline (ISO date or time) is at risk on `today` (YYYY-MM-DD): it falls today or
 * within the next DEADLINE_RISK_DAYS calendar days. A deadline already past is not "at risk" — it
 * has been missed, which the queue and the reports show.
 */
export function deadlineAtRisk(deadline: string, today: string): boolean {
  const day = deadline.slice(0, 10);
  return day >= today && day <= addDays(today, DEADLINE_RISK_DAYS);
}

/** One month of a success-rate trend. */
export interface TrendMonth {
  /** YYYY-MM. */
  readonly month: string;
  readonly due: number;
  /** Call-centre plus branch follow-up successes. */
  readonly successes: number;
  /** Percent, two decimals; null when nothing was due. */
  readonly ratePct: number | null;
}

/**
 * `GET /api/reports/trend?period=YYYY|YYYY-MM[&team=]`: the success rate of each month of the
 * period's year up to the period's last month (and never past the current month), for charts.
 */
export interface SuccessTrend {
  readonly year: string;
  readonly team: string | null;
  readonly months: readonly TrendMonth[];
}
