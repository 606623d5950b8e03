import type { Message } from '../../shared/domain/message';

/** What happened to one row of an import file. */
export type RowOutcome =
  /** New case stored. */
  | 'inserted'
  /** Existing case (not yet in progress) updated with the new data. */
  | 'updated'
  /** Same data as already stored. */
  | 'unchanged'
  /** Existing case already in progress or finished: left as it was. */
  | 'kept_in_progress'
  /** Finished case sent back as verification/returned work: queued again. */
  | 'reopened'
  /** Valid, but the policy is outside the visit scope (docs/domain.md §2); stored as closed. */
  | 'not_eligible'
  /** Invalid row: nothing stored; `problems` says what to fix. */
  | 'rejected';

/** One problem of a rejected row. */
export interface RowProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: Message;
}

/** One line of the report; every data row of the file gets exactly one. */
export interface ReportRow {
  readonly line: number;
  readonly policyNo: string | null;
  readonly outcome: RowOutcome;
  readonly problems?: readonly RowProblem[];
  /** Red flags and schedule flags on an accepted row ("accepted with flags"). */
  readonly flags?: readonly string[];
  readonly reasons?: readonly Message[];
}

/** The whole import report. */
export interface ImportReport {
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding?: string;
  readonly unmappedHeaders: readonly string[];
  readonly total: number;
  readonly counts: Readonly<Record<RowOutcome, number>>;
  /** Accepted rows that carry at least one flag. */
  readonly flagged: number;
  readonly rows: readonly ReportRow[];
}

/** Progress of a long import. */
export interface ImportProgress {
  readonly phase: 'read' | 'validate' | 'store';
  readonly done: number;
  readonly total: number;
}
