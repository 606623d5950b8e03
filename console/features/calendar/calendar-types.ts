/** One loaded year as GET /api/admin/calendar lists it. */
export interface LoadedYear {
  readonly year: number;
  readonly source: string | null;
  readonly loadedBy: string;
  readonly loadedAt: string;
  readonly holidays: number;
  readonly workdays: number;
}

/** One date a load moved: a case's visit deadline or a work order's due date. */
export interface MovedDate {
  readonly policyNo: string;
  readonly id?: number;
  readonly before: string | null;
  readonly after: string | null;
}

/** The centre's answer to POST /api/admin/calendar (center/calendar/load-holiday-schedule.ts). */
export interface MovedResult {
  readonly year: number;
  readonly replaced: boolean;
  readonly casesChanged: number;
  readonly workOrdersChanged: number;
  readonly movedDeadlines: readonly MovedDate[];
  readonly movedOrders: readonly MovedDate[];
}
