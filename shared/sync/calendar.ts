/**
 * The holiday-schedule endpoints' answers (README "Holiday schedules"): the centre builds them,
 * the console reads them, so both take the shapes from here.
 */

/** A loaded year as listed by `calendar list` and GET /api/admin/calendar. */
export interface LoadedYear {
  readonly year: number;
  readonly source: string | null;
  readonly loadedBy: string;
  readonly loadedAt: string;
  readonly holidays: number;
  readonly workdays: number;
}

/** One stored case deadline a load moved. */
export interface MovedDeadline {
  readonly policyNo: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** One open work order whose due date a load moved. */
export interface MovedOrder {
  readonly id: number;
  readonly policyNo: string;
  readonly before: string;
  readonly after: string;
}

/** The part of POST /api/admin/calendar's answer the console shows (both lists cut at 500). */
export interface CalendarLoadAnswer {
  readonly year: number;
  /** True when the year had been loaded before and its schedule was replaced. */
  readonly replaced: boolean;
  /** Cases whose deadline or calendar-uncertain flag changed. */
  readonly casesChanged: number;
  readonly movedDeadlines: readonly MovedDeadline[];
  /** Open work orders whose due date or calendar-uncertain mark changed. */
  readonly workOrdersChanged: number;
  readonly movedOrders: readonly MovedOrder[];
}

/** A past load as listed by GET /api/admin/calendar/loads (newest first). */
export interface CalendarLoadSummary {
  readonly id: string;
  readonly year: number;
  readonly source: string | null;
  readonly loadedBy: string;
  readonly loadedAt: string;
  readonly replaced: boolean;
  readonly casesChanged: number;
  readonly workOrdersChanged: number;
  readonly deadlinesMoved: number;
  readonly ordersMoved: number;
}

/** One past load with the dates it moved (GET /api/admin/calendar/loads/:id; both lists cut at 500 like the load's answer). */
export type CalendarLoadRecord = CalendarLoadSummary & CalendarLoadAnswer;
