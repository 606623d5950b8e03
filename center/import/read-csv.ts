import Papa from 'papaparse';
import { countCsvRows } from './count-csv-rows';
import { decodeText, garbageRatio } from './decode-text';
import { tooManyRows, type RawRow, type ReadResult } from './raw-table';

const DELIMITERS = [',', '\t', ';', '|'];
/** Text parsed per step: a few thousand rows of a typical export. */
const TEXT_CHUNK = 1 << 20;

/**
 * Data rows as the import sees them (blank lines skipped, line breaks inside quoted cells kept):
 * the limit is checked and progress counted before anything is stored. Nothing is kept.
 */
function countRows(text: string, delimiter: string, linebreak: string): number {
  const counted = countCsvRows(text, delimiter, linebreak);
  if (counted !== null) return Math.max(0, counted - 1);
  let n = 0;
  Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', step: () => void n++ });
  return Math.max(0, n - 1);
}

const NOT_SPACE = /\S/;

/** A row of whitespace alone (Papa's greedy test `cells.join('').trim() === ''`: `\s` and `trim` know the same spaces). */
function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (NOT_SPACE.test(c)) return false;
  return true;
}

/**
 * Yields the data rows of `text` in batches, parsing a megabyte of text at a time: the parser is
 * paused after each piece (Papa parses a string synchronously, so `resume` parses the next piece
 * before it returns) and only the rows not yet handed out are held.
 */
async function* csvBatches(text: string, delimiter: string, size: number): AsyncGenerator<RawRow[]> {
  let parser: Papa.Parser | null = null;
  let done = false;
  let pending: RawRow[] = [];
  let ordinal = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    chunkSize: TEXT_CHUNK,
    chunk: (res: Papa.ParseResult<string[]>, p: Papa.Parser) => {
      parser = p;
      for (const cells of res.data) {
        // Blank rows are skipped as Papa's `skipEmptyLines: 'greedy'` skips them, without its joined copy of every row.
        if (isBlank(cells)) continue;
        // The first row is the header; data rows are numbered as the whole-file reader numbered them.
        if (ordinal++ > 0) pending.push({ line: ordinal, cells });
      }
      p.pause();
    },
    complete: () => void (done = true),
  });
  for (;;) {
    while (pending.length >= size || (done && pending.length > 0)) {
      const batch = pending.length > size ? pending.slice(0, size) : pending;
      pending = pending.length > size ? pending.slice(size) : [];
      yield batch;
    }
    if (done || parser === null) return;
    (parser as Papa.Parser).resume();
  }
}

/** Opens a CSV export (UTF-8 or GBK, comma/tab/semicolon detected) for reading in batches. */
export function readCsv(bytes: Uint8Array, maxRows: number): ReadResult {
  const { text, encoding } = decodeText(bytes);
  if (garbageRatio(text.slice(0, 20_000)) > 0.02) {
    return { ok: false, error: { zh: '文件编码无法识别（应为 UTF-8 或 GBK 的 CSV）', en: 'unrecognised text encoding (expected a UTF-8 or GBK CSV)' } };
  }
  // The delimiter is guessed from the first rows, as a whole-file parse guesses it.
  const head = Papa.parse<string[]>(text, { preview: 10, skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS });
  if (head.data.length === 0) return { ok: false, error: { zh: '文件是空的', en: 'the file is empty' } };
  const delimiter = head.meta.delimiter;
  const total = countRows(text, delimiter, head.meta.linebreak);
  if (total > maxRows) return tooManyRows(maxRows);
  return {
    ok: true,
    source: {
      headers: head.data[0].map((h) => String(h).trim()),
      total,
      format: 'csv',
      encoding,
      batches: (size) => csvBatches(text, delimiter, size),
    },
  };
}
