import type { WorkbookParts } from './workbook-parts';
import { breather, parseEntry } from './xml-stream';
import { XlsxReadError } from './zip-entries';

/** One `<row>` of the sheet: its 1-based row number and its cells by 0-based column (holes for none). */
export interface SheetRow {
  readonly number: number;
  readonly cells: unknown[];
}

/** XFD, the last column a worksheet has: a reference past it is damage, not a wide sheet. */
const MAX_COLUMNS = 16384;

/** 0-based column of a cell reference (`AB12` → 27), or -1 when it has no column letters. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return i === 0 ? -1 : n - 1;
}

/** Excel serial → Date at UTC, as exceljs converted date cells (the import reads the UTC date). */
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** The value the import sees for one cell, from its type (`t`), style and text. */
function cellValue(parts: WorkbookParts, type: string, style: number, text: string | null, ref: string): unknown {
  if (text === null) return null; // no value (a formula never calculated, a styled empty cell)
  switch (type) {
    case 's': {
      const s = parts.sharedStrings.get(Number(text));
      if (s === undefined) throw new XlsxReadError(`cell ${ref} refers to shared string ${text}, which the file does not hold`);
      return s;
    }
    case 'str':
    case 'inlineStr':
      return text;
    case 'b':
      return text.trim() !== '0' && text.trim().toLowerCase() !== 'false';
    case 'e':
      return null; // #N/A, #DIV/0! and the like: no value
    case 'd': {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? text : d;
    }
    default: {
      if (text.trim() === '') return null;
      const n = parseFloat(text);
      return parts.dateStyles[style] === 1 && Number.isFinite(n) ? excelDate(n, parts.date1904) : n;
    }
  }
}

/**
 * The rows of the first worksheet as the sheet's XML inflates: a handful of rows is held at a
 * time, however long the sheet. Cell values: shared and inline strings, formula results (cached),
 * numbers, booleans, errors as empty, and numbers in a date format as Dates.
 */
export async function* sheetRows(bytes: Uint8Array, parts: WorkbookParts): AsyncGenerator<SheetRow> {
  let ready: SheetRow[] = [];
  let cells: unknown[] | null = null;
  let rowNumber = 0;
  let col = -1;
  let ref = '';
  let type = 'n';
  let style = 0;
  let text: string | null = null;
  let collecting = false;
  let inInline = false;
  let phonetic = 0;
  const rows = parseEntry(bytes, parts.sheet, {
    open(name, a) {
      if (name === 'row') {
        rowNumber = a.r !== undefined ? Number(a.r) : rowNumber + 1;
        if (!Number.isInteger(rowNumber) || rowNumber < 1) throw new XlsxReadError(`a row numbered "${a.r}"`);
        cells = [];
        col = -1;
      } else if (name === 'c' && cells) {
        ref = a.r ?? '';
        col = ref === '' ? col + 1 : columnOf(ref);
        if (col < 0 || col >= MAX_COLUMNS) throw new XlsxReadError(`a cell at "${ref}"`);
        type = a.t ?? 'n';
        style = a.s !== undefined ? Number(a.s) : 0;
        text = null;
        inInline = false;
      } else if (name === 'v' && cells) {
        text = '';
        collecting = true;
      } else if (name === 'is' && cells) {
        text = '';
        inInline = true;
      } else if (name === 'rPh') {
        phonetic++;
      } else if (name === 't' && inInline) {
        collecting = phonetic === 0;
      }
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'is') inInline = false;
      else if (name === 'c' && cells) cells[col] = cellValue(parts, type, style, text, ref || `column ${col + 1}`);
      else if (name === 'row' && cells) {
        ready.push({ number: rowNumber, cells });
        cells = null;
      }
    },
    text(t) {
      if (collecting) text += t;
    },
  });
  for (const _ of rows) {
    if (ready.length > 0) {
      const out = ready;
      ready = [];
      yield* out;
    }
    await breather();
  }
  yield* ready;
}
