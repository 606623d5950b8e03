import { zipSync, strToU8 } from 'fflate';
import { readXlsx } from '../../center/import/read-xlsx';
import type { RawRow, ReadResult } from '../../center/import/raw-table';
import { SharedStrings } from '../../center/import/xlsx/shared-strings';
import { row, xlsxBytes } from './support/list-files';

// Hand-made workbooks: the parts an XLSX reader must understand (ECMA-376 part 1 §18), written
// the way other producers write them rather than the way exceljs does.
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;

interface Book {
  sheets?: Record<string, string>; // sheet name → sheetData rows, in workbook order
  sharedStrings?: string;
  styles?: string;
  date1904?: boolean;
  store?: boolean;
}

function workbook(b: Book): Uint8Array {
  const sheets = Object.entries(b.sheets ?? {});
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'book/wb.xml')}</Relationships>`,
    ),
    'book/wb.xml': strToU8(
      `<x:workbook xmlns:x="${NS}" xmlns:rel="${R}"><x:workbookPr date1904="${b.date1904 ? 1 : 0}"/><x:sheets>${sheets
        .map(([name], i) => `<x:sheet name="${name}" sheetId="${i + 1}" rel:id="s${i}"/>`)
        .join('')}</x:sheets></x:workbook>`,
    ),
    'book/_rels/wb.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        // Sheets listed in reverse: the first worksheet is the workbook's first, not the ZIP's.
        .map((_, i) => rel(`s${i}`, 'worksheet', `/book/sheets/${sheets.length - i}.xml`))
        .join('')}${rel('ss', 'sharedStrings', 'strings.xml')}${rel('st', 'styles', '../book/styles.xml')}</Relationships>`,
    ),
  };
  sheets.forEach(([, rows], i) => {
    files[`book/sheets/${sheets.length - i}.xml`] = strToU8(`<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`);
  });
  if (b.sharedStrings !== undefined) files['book/strings.xml'] = strToU8(`<sst xmlns="${NS}">${b.sharedStrings}</sst>`);
  if (b.styles !== undefined) files['book/styles.xml'] = strToU8(`<styleSheet xmlns="${NS}">${b.styles}</styleSheet>`);
  return zipSync(files, { level: b.store ? 0 : 6 });
}

async function rowsOf(r: ReadResult): Promise<RawRow[]> {
  if (!r.ok) throw new Error(r.error.en);
  const out: RawRow[] = [];
  for await (const batch of r.source.batches(2)) out.push(...batch);
  return out;
}

describe('XLSX reader (ECMA-376 SpreadsheetML)', () => {
  it('reads the workbook’s first worksheet through the package relationships, whatever the ZIP order and prefixes', async () => {
    const bytes = workbook({
      sheets: {
        list: '<row r="1"><c r="A1" t="inlineStr"><is><t>保单号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>PL1</t></is></c></row>',
        other: '<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>',
      },
    });
    const r = await readXlsx(bytes, 10);
    expect(r.ok && r.source.headers).toEqual(['保单号']);
    expect(await rowsOf(r)).toEqual([{ line: 2, cells: ['PL1'] }]);
  });

  it('shared strings (§18.4): rich-text runs are joined and phonetic guides left out; inline strings, booleans, errors and cached formula results', async () => {
    const bytes = workbook({
      sharedStrings:
        '<si><t>保单号</t></si><si><t>姓名</t></si><si><t>备注</t></si><si><r><rPr><b/></rPr><t>王</t></r><r><t xml:space="preserve">测试 </t></r><rPh sb="0" eb="1"><t>wang</t></rPh></si>' +
        '<si><t>&lt;a&amp;b&gt;</t></si>',
      sheets: {
        s: [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>2</v></c></row>',
          '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row>',
          '<row r="4"><c r="A4" t="str"><f>A3&amp;"x"</f><v>PLx</v></c><c r="B4"><f>1+1</f><v>2</v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="str"><f>NOW()</f></c></row>',
          '<row r="5"><c r="B5" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
        ].join(''),
      },
    });
    const r = await readXlsx(bytes, 10);
    expect(r.ok && r.source.headers).toEqual(['保单号', '姓名', '备注', '备注']);
    expect(r.ok && r.source.total).toBe(3);
    expect(await rowsOf(r)).toEqual([
      { line: 3, cells: ['<a&b>', '王测试 ', true, null] },
      { line: 4, cells: ['PLx', 2, false, null] },
      { line: 5, cells: [null, 'ab', null, null] },
    ]);
  });

  it('numbers in a date format are dates (§18.8.30 built-in formats, custom codes, the 1904 system); other numbers stay numbers', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="&quot;day&quot;\\ 0.00_);[Red]0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs>';
    const header = '<row r="1">' + [...'ABCDE'].map((c) => `<c r="${c}1" t="inlineStr"><is><t>${c}</t></is></c>`).join('') + '</row>';
    const sheet = (n: number) => `${header}<row r="2">${[0, 1, 2, 3, 4].map((s, i) => `<c r="${'ABCDE'[i]}2" s="${s}"><v>${n}</v></c>`).join('')}</row>`;
    const day = new Date(Date.UTC(2026, 2, 3));
    const cells = async (b: Book) => (await rowsOf(await readXlsx(workbook(b), 10)))[0]!.cells;
    // Style 3's code has a "d" only inside quotes and after a backslash: a number format, not a date.
    expect(await cells({ styles, sheets: { s: sheet(46084) } })).toEqual([46084, day, day, 46084, day]);
    expect(await cells({ styles, date1904: true, sheets: { s: sheet(44622) } })).toEqual([44622, day, day, 44622, day]);
    expect(await cells({ sheets: { s: sheet(46084) } })).toEqual([46084, 46084, 46084, 46084, 46084]); // no styles part
  });

  it('a stored (uncompressed) entry reads as a deflated one', async () => {
    const sheets = { s: '<row><c t="inlineStr"><is><t>保单号</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row><row><c><v>7</v></c></row>' };
    for (const store of [true, false]) {
      const r = await readXlsx(workbook({ sheets, store }), 10);
      expect(r.ok && r.source.headers).toEqual(['保单号', 'x']);
      expect(await rowsOf(r)).toEqual([{ line: 2, cells: [7, null] }]);
    }
  });

  it('agrees with exceljs, which writes the lists, cell for cell', async () => {
    const rows = [row(1, { 投保日期: new Date(Date.UTC(2026, 2, 2)), 承保日期: 46084 }), row(2, { 投保人姓名: '' }), row(3)];
    const r = await readXlsx(await xlsxBytes(rows), 10);
    const read = await rowsOf(r);
    expect(read.map((x) => x.line)).toEqual([2, 3, 4]);
    // An empty string is written and read as one (exceljs does the same); the import treats it as empty.
    expect(read.map((x) => x.cells)).toEqual(rows);
  });
});

describe('XLSX files the reader refuses with a reason (nothing is imported)', () => {
  const refused = async (bytes: Uint8Array, en: RegExp) => {
    const r = await readXlsx(bytes, 10);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.en).toMatch(en);
      expect(r.error.zh.length).toBeGreaterThan(0);
    }
  };

  it('a password-protected workbook (an OLE file holding an EncryptedPackage stream) and an old .xls', async () => {
    const cfb = (extra: string) =>
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(extra, 'utf16le')]);
    await refused(cfb('EncryptionInfo\0EncryptedPackage'), /password-protected \(encrypted\)/);
    await refused(cfb('Workbook'), /Excel 97-2003 \(\.xls\)/);
  });

  it('a corrupted byte inside the sheet is caught by the checksum or the inflater, not read as data', async () => {
    const good = workbook({ sheets: { s: '<row><c t="inlineStr"><is><t>保单号</t></is></c></row>'.repeat(5) }, store: true });
    const at = Buffer.from(good).indexOf('保单号');
    const bad = Uint8Array.from(good);
    bad[at + 1] ^= 0x01;
    await refused(bad, /truncated or damaged.*(checksum|UTF|compressed)/);
  });

  it('a ZIP that is not a workbook, a sheet that is not XML, a shared string that is missing', async () => {
    await refused(zipSync({ 'readme.txt': strToU8('hi') }), /truncated or damaged\): no workbook part/);
    await refused(workbook({ sheets: { s: '<row><c><v>1</v></row>' } }), /truncated or damaged\): book\/sheets\/1\.xml/);
    await refused(workbook({ sheets: { s: '<row><c t="s"><v>9</v></c></row>' } }), /shared string 9/);
  });

  it('a row over the limit stops the reading there', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    await refused(workbook({ sheets: { s: rows } }), /more than 10 data rows/);
  });
});

describe('shared strings held compactly', () => {
  it('every string comes back by index across blocks, empty strings included', () => {
    const t = new SharedStrings();
    const all = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? '' : `客户${i}-${'x'.repeat(i % 20)}`));
    all.forEach((s) => t.add(s));
    t.finish();
    expect(t.count).toBe(all.length);
    expect(all.every((s, i) => t.get(i) === s)).toBe(true);
    expect([t.get(-1), t.get(all.length), t.get(1.5)]).toEqual([undefined, undefined, undefined]);
  });
});
