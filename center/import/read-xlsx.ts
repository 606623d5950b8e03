import { tooManyRows, type RawRow, type ReadFailure, type ReadResult } from './raw-table';
import { sheetRows, type SheetRow } from './xlsx/sheet-rows';
import { readWorkbookParts, type WorkbookParts } from './xlsx/workbook-parts';
import { XlsxReadError } from './xlsx/zip-entries';

const cellsOf = (row: SheetRow, count: number): unknown[] => {
  const cells: unknown[] = [];
  for (let c = 0; c < count; c++) cells.push(row.cells[c] ?? null);
  return cells;
};
const isBlank = (cells: readonly unknown[], width = cells.length) => {
  for (let c = 0; c < width; c++) if (cells[c] !== null && cells[c] !== undefined && cells[c] !== '') return false;
  return true;
};

/** Data rows of the sheet in batches, with their sheet row numbers; blank rows are skipped. */
async function* xlsxBatches(bytes: Uint8Array, parts: WorkbookParts, width: number, size: number): AsyncGenerator<RawRow[]> {
  let header = true;
  let batch: RawRow[] = [];
  for await (const row of sheetRows(bytes, parts)) {
    if (header) {
      header = isBlank(row.cells); // the header is the first row with something in it
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

function failure(err: unknown): ReadFailure {
  if (err instanceof XlsxReadError && err.kind === 'encrypted') {
    return {
      zh: 'XLSX 文件已加密（设有打开密码），无法读取：请在 Excel 中取消密码并保存后再导入',
      en: 'the XLSX file is password-protected (encrypted): remove the password in Excel, save and import again',
    };
  }
  if (err instanceof XlsxReadError && err.kind === 'legacy_xls') {
    return {
      zh: '这是 Excel 97-2003 (.xls) 文件，不是 XLSX：请在 Excel 中另存为 .xlsx 或 CSV 后再导入',
      en: 'an Excel 97-2003 (.xls) workbook, not XLSX: save it as .xlsx or CSV in Excel and import again',
    };
  }
  return { zh: 'XLSX 文件无法读取（文件不完整或已损坏）', en: `the XLSX file cannot be read (truncated or damaged): ${(err as Error).message}` };
}

/**
 * Opens the first worksheet of an XLSX export; a truncated, damaged, encrypted or non-XLSX file is
 * an error value. The shared strings and styles are read once; a first streamed pass over the
 * sheet reads the header and counts the rows, so a damaged file or one over the row limit is
 * refused before anything is stored; the import then reads the rows again in batches, holding
 * one batch at a time.
 */
export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
  let parts: WorkbookParts;
  let headers: string[] | null = null;
  let dataRows = 0;
  let total = 0;
  try {
    parts = await readWorkbookParts(bytes);
    for await (const row of sheetRows(bytes, parts)) {
      if (headers === null) {
        if (!isBlank(row.cells)) headers = cellsOf(row, row.cells.length).map((v) => String(v ?? '').trim());
        continue;
      }
      if (++dataRows > maxRows) return tooManyRows(maxRows); // the rest of the sheet is never read
      if (!isBlank(row.cells, headers.length)) total++;
    }
  } catch (err) {
    return { ok: false, error: failure(err) };
  }
  if (headers === null) return { ok: false, error: { zh: '工作表是空的', en: 'the first worksheet is empty' } };
  const width = headers.length;
  return { ok: true, source: { headers, total, format: 'xlsx', batches: (size) => xlsxBatches(bytes, parts, width, size) } };
}
