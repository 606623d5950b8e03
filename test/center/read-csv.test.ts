import Papa from 'papaparse';
import { readCsv } from '../../center/import/read-csv';

// The CSV reader skips blank rows itself (center/import/read-csv.ts) instead of by Papa's
// `skipEmptyLines: 'greedy'`: the rows it hands the import, and their line numbers in the report,
// must be the very ones the greedy whole-file parse gave (README "Import": one report line per data row).

const HEAD = '保单号,投保人姓名,投保人电话';
const BLANKS = ['', ' ', ',,', ' , ,\t', '\u3000,\u00a0', '"",""', '" ",,', '"\n",,', '\t\t'];
const FILLED = ['PL1,张三,139', ',,139', ' PL2 ,, ', '"PL3",",",""', '"a\nb",,', '\u3000x,,'];

async function readAll(text: string) {
  const r = readCsv(Buffer.from(text, 'utf8'), 1000);
  if (!r.ok) throw new Error(r.error.en);
  const rows: { line: number; cells: unknown[] }[] = [];
  for await (const batch of r.source.batches(3)) rows.push(...batch);
  return { rows, total: r.source.total };
}

function greedy(text: string) {
  const data = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' }).data;
  return data.slice(1).map((cells, i) => ({ line: i + 2, cells }));
}

describe('blank rows of a CSV list (README "Import")', () => {
  it('are skipped exactly as the greedy parse skips them, every other row keeping its number', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const lines = [HEAD];
      for (let i = 0; i < 12; i++) lines.push(((seed * 7 + i * 5) % 3 === 0 ? BLANKS : FILLED)[(seed + i * 3) % (i % 2 ? BLANKS.length : FILLED.length)]!);
      const text = lines.join(seed % 2 ? '\r\n' : '\n') + (seed % 3 ? '\n' : '');
      const got = await readAll(text);
      expect(got.rows, JSON.stringify(text)).toEqual(greedy(text));
      expect(got.total).toBe(got.rows.length);
    }
  });

  it('a row of spaces, tabs and delimiters alone is no data row; one non-space character makes it one', async () => {
    const got = await readAll([HEAD, ' ,\t,\u3000', ' , ,x', ''].join('\n'));
    expect(got.rows).toEqual([{ line: 2, cells: [' ', ' ', 'x'] }]);
  });
});
