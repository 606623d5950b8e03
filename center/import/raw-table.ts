/** One data row as read from a file: its cells in header order and its 1-based row number. */
export interface RawRow {
  readonly line: number;
  readonly cells: unknown[];
}

/**
 * A sheet opened for reading: headers, the number of data rows, and the rows themselves in
 * batches. The rows are read again from the file's bytes batch by batch, so an import holds one
 * batch of cells at a time whatever the file's length (a 100 000-row list held whole cost
 * hundreds of megabytes).
 */
export interface RowSource {
  readonly headers: string[];
  /** Data rows that `batches` yields (empty rows are skipped and not counted). */
  readonly total: number;
  /** What was detected, for the report. */
  readonly format: 'csv' | 'xlsx';
  readonly encoding?: string;
  /** The data rows in file order, at most `size` per batch. */
  batches(size: number): AsyncIterable<RawRow[]>;
}

/** A reading failure, as a value. */
export interface ReadFailure {
  readonly zh: string;
  readonly en: string;
}

export type ReadResult = { ok: true; source: RowSource } | { ok: false; error: ReadFailure };

/** The "too many rows" failure, alike for every format. */
export const tooManyRows = (maxRows: number): ReadResult => ({
  ok: false,
  error: { zh: `行数超过上限（${maxRows} 行）`, en: `more than ${maxRows} data rows` },
});
