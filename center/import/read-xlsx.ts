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

/** Reads the first worksheet of an XLSX export; a truncated or non-XLSX file is an error value. */
export async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
  // Loaded on demand: exceljs is large and the centre's start-up time matters (it is restarted
  // beside the workstation, and in the fault-injection test a hundred times).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    return {
      ok: false,
      error: { zh: 'XLSX 文件无法读取（文件不完整或已损坏）', en: `the XLSX file cannot be read (truncated or damaged): ${(err as Error).message}` },
    };
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) return { ok: false, error: { zh: '工作表是空的', en: 'the first worksheet is empty' } };
  if (ws.rowCount - 1 > maxRows) return { ok: false, error: { zh: `行数超过上限（${maxRows} 行）`, en: `more than ${maxRows} data rows` } };
  const headerRow = ws.getRow(1);
  const width = headerRow.cellCount;
  const headers: string[] = [];
  for (let c = 1; c <= width; c++) headers.push(String(cellValue(headerRow.getCell(c).value) ?? '').trim());
  const rows: { line: number; cells: unknown[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
    if (cells.some((x) => x !== null && x !== '')) rows.push({ line, cells });
  });
  return { ok: true, table: { headers, rows, format: 'xlsx' } };
}
