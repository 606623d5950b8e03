import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { countCsvRows } from '../../center/import/count-csv-rows';
import { row, utf8Csv } from './support/list-files';

/** What the import counted before the scan: Papa's rows with greedy blank-line skipping. */
function papaRows(text: string, delimiter: string): number {
  let n = 0;
  Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', step: () => void n++ });
  return n;
}

const cases: [string, string, string][] = [
  ['plain rows, trailing line break', 'a,b\n1,2\n3,4\n', '\n'],
  ['no final line break', 'a,b\n1,2\n3,4', '\n'],
  ['blank and whitespace-only lines, lines of delimiters only', 'a,b\n\n   \n,,\n , \n1,2\n', '\n'],
  ['quoted cells with delimiters and doubled quotes', 'a,b\n"1,5","x""y"\n"",""\n" ",2\n', '\n'],
  ['a quote inside an unquoted cell is text', 'a,b\nab"c,d\n1,2\n', '\n'],
  ['CRLF with a lone LF inside a cell', 'a,b\r\n1,x\ny\r\n\r\n3,4\r\n', '\r\n'],
  ['tab-delimited', 'a\tb\n1\t2\n\t\n', '\n'],
];

describe('counting CSV rows without parsing them (README "Import": the row limit is checked before anything is stored)', () => {
  for (const [name, text, lb] of cases) {
    it(`counts as Papa Parse does: ${name}`, () => {
      const delimiter = text.includes('\t') ? '\t' : ',';
      expect(countCsvRows(text, delimiter, lb)).toBe(papaRows(text, delimiter));
    });
  }

  it('counts a generated list export as Papa Parse does', () => {
    const text = utf8Csv(Array.from({ length: 500 }, (_, i) => row(i + 1))).toString('utf8');
    const lb = text.includes('\r\n') ? '\r\n' : '\n';
    expect(countCsvRows(text, ',', lb)).toBe(papaRows(text, ','));
  });

  it('gives up (the caller counts with Papa) on a quoted cell spanning lines or text after a closing quote', () => {
    expect(countCsvRows('a,b\n"1\n2",3\n', ',', '\n')).toBeNull();
    expect(countCsvRows('a,b\n"1"x,3\n', ',', '\n')).toBeNull();
  });
});
