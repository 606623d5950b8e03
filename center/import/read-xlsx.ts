import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { tooManyRows, type RawRow, type ReadResult } from './raw-table';

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('result' in v) return cellValue(v.result as ExcelJS.CellValue); // formula
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return v.text; // hyperlink
  if ('error' in v) return null;
  return String(v);
}

/**
 * The rows of the first worksheet, streamed (exceljs WorkbookReader): the in-memory workbook
 * model costs many times the rows it holds, so a 100 000-row list peaked at gigabytes.
 */
async function* sheetRows(bytes: Uint8Array): AsyncGenerator<ExcelJS.Row> {
  // Loaded on demand: exceljs is large and the centre's start-up time matters (it is restarted
  // beside the workstation, and in the fault-injection test a hundred times).
  const { default: Excel } = await import('exceljs');
  const input = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are recognised through the cell's number format
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    yield* sheet as AsyncIterable<ExcelJS.Row>;
    return; // the first worksheet only
  }
}

const cellsOf = (row: ExcelJS.Row, count: number): unknown[] => {
  const cells: unknown[] = [];
  for (let c = 1; c <= count; c++) cells.push(cellValue(row.getCell(c).value));
  return cells;
};
const isBlank = (cells: readonly unknown[]) => cells.every((x) => x === null || x === '');

/** Data rows of the sheet in batches, with their sheet row numbers; blank rows are skipped. */
async function* xlsxBatches(bytes: Uint8Array, width: number, size: number): AsyncGenerator<RawRow[]> {
  let header = true;
  let batch: RawRow[] = [];
  for await (const row of sheetRows(bytes)) {
    if (header) {
      header = false;
      continue;
    }
    const cells = cellsOf(row, width);
    if (isBlank(cells)) continue;
    batch.push({ line: row.number, cells });
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Opens the first worksheet of an XLSX export; a truncated or non-XLSX file is an error value.
 * A first streamed pass reads the header and counts the rows, so a damaged file or one over the
 * row limit is refused before anything is stored; the import then reads the rows again in
 * batches, holding one batch at a time.
 */
export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
  let headers: string[] | null = null;
  let dataRows = 0;
  let total = 0;
  let overLimit = false;
  try {
    for await (const row of sheetRows(bytes)) {
      if (headers === null) {
        // The first non-empty row is the header, as the in-memory reader's row 1 was.
        headers = cellsOf(row, row.cellCount).map((v) => String(v ?? '').trim());
        continue;
      }
      if (++dataRows > maxRows) {
        overLimit = true;
        break;
      }
      if (!isBlank(cellsOf(row, headers.length))) total++;
    }
  } catch (err) {
    // Leaving the sheet early at the row limit abandons exceljs mid-file, and it may then throw
    // while closing (seen under load: "reading 'sheets'"); the file is over the limit all the same.
    if (!overLimit)
      return {
        ok: false,
        error: { zh: 'XLSX 文件无法读取（文件不完整或已损坏）', en: `the XLSX file cannot be read (truncated or damaged): ${(err as Error).message}` },
      };
  }
  if (overLimit) return tooManyRows(maxRows);
  if (headers === null) return { ok: false, error: { zh: '工作表是空的', en: 'the first worksheet is empty' } };
  const width = headers.length;
  return { ok: true, source: { headers, total, format: 'xlsx', batches: (size) => xlsxBatches(bytes, width, size) } };
}
