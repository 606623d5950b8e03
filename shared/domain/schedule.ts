/**
 * When a policy is visited (回访时点, docs/domain.md §3): the cooling-off period, the visit deadline,
 * list extraction, how a visit date sits against the period, and work-order deadlines (§7).
 *
 * Cooling-off counts from the day after the receipt is signed (the signing day is not counted:
 * "在您签收保单次日起，有10天的犹豫期"), so 10 days signed on the 2nd end at the end of the 12th.
 * An end on a rest day (weekend or public holiday) moves to the next working day (民法典 第203条).
 * Anything that relied on a year without official calendar data is flagged `calendarUncertain`.
 */

import { addDays, type IsoDate } from './calendar/iso-date';
import { defaultCalendar } from './calendar/default-calendar';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { PolicyCase } from './case';
import { coolingOffLength, DEFAULT_COOLING_OFF, type CoolingOffConfig, type CoolingOffLengthSource } from './cooling-off-length';
import { DEFAULT_EXTRACTION, listExtractionDate, type ExtractionConfig, type ListExtraction } from './list-extraction';

/** Configuration of `computeSchedule`; every field optional. */
export interface ScheduleConfig {
  readonly coolingOff?: Partial<CoolingOffConfig>;
  readonly extraction?: ExtractionConfig;
  /** Calendar with the centre's override table; defaults to the bundled data. */
  readonly calendar?: WorkingCalendar;
}

/** The cooling-off period of a policy whose receipt has been signed. */
export interface CoolingOffPeriod {
  /** Receipt signing day (not counted). */
  readonly signedOn: IsoDate;
  /** First day of the period (signing day + 1). */
  readonly start: IsoDate;
  /** Last day by natural-day count (signing day + days). */
  readonly nominalEnd: IsoDate;
  /** Last day after moving off rest days (民法典 第203条). */
  readonly end: IsoDate;
  readonly days: number;
  readonly lengthSource: CoolingOffLengthSource;
  /** True when `end` differs from `nominalEnd` because that was a rest day. */
  readonly extendedForRestDay: boolean;
}

/** A policy's visit schedule. */
export interface Schedule {
  readonly policyNo: string;
  /** `null` while the receipt is not signed: the period has not started. */
  readonly coolingOff: CoolingOffPeriod | null;
  readonly listExtraction: ListExtraction;
  /** Last day a valid visit can be made (the period's end), or `null` while the period has not started. */
  readonly visitDeadline: IsoDate | null;
  /** True when a date above depends on a year the calendar has no official data for. */
  readonly calendarUncertain: boolean;
  /** Those years, ascending. */
  readonly uncertainYears: readonly number[];
}

/** Computes the visit schedule of a case. Pure; the calendar comes from `config`. */
export function computeSchedule(c: PolicyCase, config: ScheduleConfig = {}): Schedule {
  const calendar = config.calendar ?? defaultCalendar;
  const coolingConfig = config.coolingOff ? { ...DEFAULT_COOLING_OFF, ...config.coolingOff } : DEFAULT_COOLING_OFF;
  const listExtraction = listExtractionDate(c, config.extraction ?? DEFAULT_EXTRACTION);
  const signedOn = c.dates.receiptSigned;
  if (signedOn === undefined) {
    return { policyNo: c.policyNo, coolingOff: null, listExtraction, visitDeadline: null, calendarUncertain: false, uncertainYears: [] };
  }
  const { days, source } = coolingOffLength(c, coolingConfig);
  const nominalEnd = addDays(signedOn, days);
  const end = calendar.nextWorkingDayOnOrAfter(nominalEnd);
  const uncertainYears = calendar.uncertainYearsBetween(nominalEnd, end);
  return {
    policyNo: c.policyNo,
    coolingOff: {
      signedOn,
      start: addDays(signedOn, 1),
      nominalEnd,
      end,
      days,
      lengthSource: source,
      extendedForRestDay: end !== nominalEnd,
    },
    listExtraction,
    visitDeadline: end,
    calendarUncertain: uncertainYears.length > 0,
    uncertainYears,
  };
}

/** How a visit date sits against the cooling-off period (docs/domain.md §3). */
export type VisitTiming =
  | { readonly timing: 'inside' }
  /** Before the period started (or with no signed receipt): the visit must be repeated inside it. */
  | { readonly timing: 'before'; readonly repeatVisitNeeded: true; readonly repeatWindow: { readonly from: IsoDate; readonly to: IsoDate } | null }
  /**
   * After the period: a surrender requested within 7 days after the visit is treated as a
   * cooling-off cancellation (full refund) — the case carries this flag until `until`.
   */
  | {
      readonly timing: 'after';
      readonly surrenderAsCancellation: { readonly from: IsoDate; readonly until: IsoDate; readonly days: number };
    };

/** Days after a late visit during which a surrender counts as a cooling-off cancellation. */
export const SURRENDER_AS_CANCELLATION_DAYS = 7;

/**
 * Places a visit date against the schedule. The signing day itself is not inside the period
 * (the period starts the next day), so a visit on it must be repeated.
 */
export function assessVisitTiming(schedule: Schedule, visitDate: IsoDate): VisitTiming {
  const p = schedule.coolingOff;
  if (p === null) return { timing: 'before', repeatVisitNeeded: true, repeatWindow: null };
  if (visitDate < p.start) return { timing: 'before', repeatVisitNeeded: true, repeatWindow: { from: p.start, to: p.end } };
  if (visitDate <= p.end) return { timing: 'inside' };
  return {
    timing: 'after',
    surrenderAsCancellation: {
      from: addDays(visitDate, 1),
      until: addDays(visitDate, SURRENDER_AS_CANCELLATION_DAYS),
      days: SURRENDER_AS_CANCELLATION_DAYS,
    },
  };
}

/** Work-order kinds with a working-day deadline (docs/domain.md §7; 基本服务规定 第18条). */
export type WorkOrderDeadlineKind =
  /** Unsuccessful visit handed to the branch: within 1 working day. */
  | 'unsuccessful_handover'
  /** 核实件: the branch confirms the right contact within 3 working days. */
  | 'verification_contact'
  /** 问题件: the branch explains to the customer within 3 working days. */
  | 'problem_explanation'
  /** Mis-selling found by a visit: resolved within 15 working days, not by the seller (第18条). */
  | 'mis_selling_resolution';

/** Working days allowed per work-order kind. */
export const WORK_ORDER_WORKING_DAYS: Readonly<Record<WorkOrderDeadlineKind, number>> = {
  unsuccessful_handover: 1,
  verification_contact: 3,
  problem_explanation: 3,
  mis_selling_resolution: 15,
};

/** A work-order due date. */
export interface WorkOrderDeadline {
  readonly due: IsoDate;
  readonly workingDays: number;
  readonly calendarUncertain: boolean;
  readonly uncertainYears: readonly number[];
}

/** Due date of a work order raised on `fromDate` (not counted), in working days. */
export function workOrderDeadline(fromDate: IsoDate, kind: WorkOrderDeadlineKind | number, calendar: WorkingCalendar = defaultCalendar): WorkOrderDeadline {
  const workingDays = typeof kind === 'number' ? kind : WORK_ORDER_WORKING_DAYS[kind];
  const due = calendar.addWorkingDays(fromDate, workingDays);
  const uncertainYears = calendar.uncertainYearsBetween(fromDate, due);
  return { due, workingDays, calendarUncertain: uncertainYears.length > 0, uncertainYears };
}
