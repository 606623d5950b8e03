/** A sheet as read from a file: headers and rows of cell values (string, number, Date, null). */
export interface RawTable {
  readonly headers: string[];
  /** Each row's cells in header order; `line` is the 1-based row number in the file. */
  readonly rows: { line: number; cells: unknown[] }[];
  /** What was detected, for the report. */
  readonly format: 'csv' | 'xlsx';
  readonly encoding?: string;
}

/** A reading failure, as a value. */
export interface ReadFailure {
  readonly zh: string;
  readonly en: string;
}

export type ReadResult = { ok: true; table: RawTable } | { ok: false; error: ReadFailure };
