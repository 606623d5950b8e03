/**
 * Counts the rows Papa Parse gives for `text` with `skipEmptyLines: 'greedy'` (a row whose fields
 * joined are only whitespace is skipped), without building any row: the import counts a file's
 * rows before storing anything, and a full parse only to count them cost as much as the read itself.
 * Returns `null` when a line has a quoted field Papa reads in a way this scan does not follow (a
 * quoted cell spanning lines, text after a closing quote): the caller then counts with Papa.
 */
export function countCsvRows(text: string, delimiter: string, linebreak: string): number | null {
  if (delimiter.length !== 1 || linebreak.length === 0) return null;
  let rows = 0;
  let pos = 0;
  const len = text.length;
  while (pos < len) {
    let end = text.indexOf(linebreak, pos);
    if (end < 0) end = len;
    const q = text.indexOf('"', pos);
    const filled = q >= 0 && q < end ? quotedLineFilled(text, pos, end, delimiter) : plainLineFilled(text, pos, end, delimiter);
    if (filled === null) return null;
    if (filled) rows++;
    pos = end + linebreak.length;
  }
  return rows;
}

const NON_SPACE = /\S/;

/** Whether a line without quotes has any non-whitespace character outside its delimiters. */
function plainLineFilled(text: string, from: number, to: number, delimiter: string): boolean {
  // Nearly every line starts with a value: no need to look further.
  const c = text[from];
  if (from < to && c !== undefined && c !== delimiter && NON_SPACE.test(c)) return true;
  return NON_SPACE.test(text.slice(from, to).split(delimiter).join(''));
}

/** Field by field (a quote opens a quoted field only at a field's start, as in Papa); `null` when unsure. */
function quotedLineFilled(text: string, from: number, to: number, delimiter: string): boolean | null {
  let filled = false;
  let i = from;
  for (;;) {
    if (text[i] === '"' && i < to) {
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0 || j >= to) return null; // the cell goes on past the line break
        if (text[j + 1] === '"' && j + 1 < to) j += 2;
        else break;
      }
      if (!filled && NON_SPACE.test(text.slice(i + 1, j))) filled = true;
      i = j + 1;
      if (i === to) return filled;
      if (text[i] !== delimiter) return null; // text after a closing quote: Papa's recovery rules
      i++;
      continue;
    }
    let next = text.indexOf(delimiter, i);
    if (next < 0 || next > to) next = to;
    if (!filled && NON_SPACE.test(text.slice(i, next))) filled = true;
    if (next === to) return filled;
    i = next + 1;
  }
}
