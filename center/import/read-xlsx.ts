import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ReadResult } from './raw-table';

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('result' in v) return cellValue(v.result as ExcelJS.CellValue); // formula
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return v.text; // hyperlink
  if ('error' in v) return null;
  return String(v);
}

const tooMany = (maxRows: number): ReadResult => ({
  ok: false,
  error: { zh: `行数超过上限（${maxRows} 行）`, en: `more than ${maxRows} data rows` },
});

/**
 * Reads the first worksheet of an XLSX export; a truncated or non-XLSX file is an error value.
 * Streams the sheet (exceljs WorkbookReader): the in-memory workbook model costs many times the
 * rows it holds, so a 100 000-row list peaked at gigabytes; streamed, only the rows' values are
 * kept, about what the CSV reader keeps for the same rows.
 */
export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
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
  let headers: string[] | null = null;
  const rows: { line: number; cells: unknown[] }[] = [];
  let dataRows = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (headers === null) {
          // The first non-empty row is the header, as the in-memory reader's row 1 was.
          headers = [];
          for (let c = 1; c <= row.cellCount; c++) headers.push(String(cellValue(row.getCell(c).value) ?? '').trim());
          continue;
        }
        if (++dataRows > maxRows) return tooMany(maxRows);
        const cells: unknown[] = [];
        for (let c = 1; c <= headers.length; c++) cells.push(cellValue(row.getCell(c).value));
        if (cells.some((x) => x !== null && x !== '')) rows.push({ line: row.number, cells });
      }
      break; // the first worksheet only
    }
  } catch (err) {
    return {
      ok: false,
      error: { zh: 'XLSX 文件无法读取（文件不完整或已损坏）', en: `the XLSX file cannot be read (truncated or damaged): ${(err as Error).message}` },
    };
  }
  if (headers === null) return { ok: false, error: { zh: '工作表是空的', en: 'the first worksheet is empty' } };
  return { ok: true, table: { headers, rows, format: 'xlsx' } };
}
