import { syncError, type SyncError } from '../../shared/sync';

/** A report period resolved to its inclusive date range (YYYY-MM-DD) and its months. */
export interface PeriodRange {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** The months it covers, YYYY-MM, in order. */
  readonly months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/**
 * Resolves a syntactically valid period (reportPeriodSchema) against the centre's today: a period
 * that has not started yet is refused — it has no cases due and a report of it would mislead.
 */
export function resolvePeriod(period: string, today: string): PeriodRange | SyncError {
  if (period > today.slice(0, period.length)) {
    return syncError('invalid_request', {
      zh: `报表期间 ${period} 尚未开始（今天是 ${today}）`,
      en: `the report period ${period} has not started yet (today is ${today})`,
    });
  }
  const y = Number(period.slice(0, 4));
  if (period.length === 4) {
    return { period, from: `${y}-01-01`, to: `${y}-12-31`, months: Array.from({ length: 12 }, (_, i) => `${y}-${pad(i + 1)}`) };
  }
  const m = Number(period.slice(5, 7));
  return { period, from: `${period}-01`, to: `${period}-${pad(lastDay(y, m))}`, months: [period] };
}
