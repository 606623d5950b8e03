import Papa from 'papaparse';
import { decodeText, garbageRatio } from './decode-text';
import type { ReadResult } from './raw-table';

/** Reads a CSV export (UTF-8 or GBK, comma/tab/semicolon detected) into a raw table. */
export function readCsv(bytes: Uint8Array, maxRows: number): ReadResult {
  const { text, encoding } = decodeText(bytes);
  if (garbageRatio(text.slice(0, 20_000)) > 0.02) {
    return { ok: false, error: { zh: '文件编码无法识别（应为 UTF-8 或 GBK 的 CSV）', en: 'unrecognised text encoding (expected a UTF-8 or GBK CSV)' } };
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';', '|'] });
  const data = parsed.data;
  if (data.length === 0) return { ok: false, error: { zh: '文件是空的', en: 'the file is empty' } };
  if (data.length - 1 > maxRows) {
    return { ok: false, error: { zh: `行数超过上限（${maxRows} 行）`, en: `more than ${maxRows} data rows` } };
  }
  const headers = data[0].map((h) => String(h).trim());
  const rows = data.slice(1).map((cells, i) => ({ line: i + 2, cells }));
  return { ok: true, table: { headers, rows, format: 'csv', encoding } };
}
