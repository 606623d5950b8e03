import { SharedStrings } from './shared-strings';
import { parseWhole } from './xml-stream';
import { XlsxReadError, zipDirectory, type ZipEntry } from './zip-entries';

/** What reading the first worksheet needs from the rest of the workbook. */
export interface WorkbookParts {
  readonly sheet: ZipEntry;
  readonly sharedStrings: SharedStrings;
  /** Per cell style (the `s` attribute): 1 when its number format is a date format. */
  readonly dateStyles: Uint8Array;
  /** The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01. */
  readonly date1904: boolean;
}

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30; 27-36 and 50-58 are the East Asian date formats). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * A custom format code is a date when a date or time token is left once quoted text, [..] sections
 * and escaped, padding and fill characters (`\x`, `_x`, `*x`) are gone.
 */
const isDateCode = (code: string) =>
  /[ymdhsb]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/[\\_*]./g, ''),
  );

function lookup(entries: Map<string, ZipEntry>, path: string): ZipEntry | undefined {
  const exact = entries.get(path);
  if (exact) return exact;
  // Part names are case-insensitive (OPC, ECMA-376 part 2 §9.1.1).
  const lower = path.toLowerCase();
  for (const [name, e] of entries) if (name.toLowerCase() === lower) return e;
  return undefined;
}

/** A relationship target resolved against the folder of the part that declares it. */
function resolve(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

interface Rel {
  readonly type: string;
  readonly target: string;
}

async function relationships(bytes: Uint8Array, entries: Map<string, ZipEntry>, path: string): Promise<Map<string, Rel>> {
  const rels = new Map<string, Rel>();
  const entry = lookup(entries, path);
  if (!entry) return rels;
  const base = path.replace(/_rels\/[^/]*$/, '');
  await parseWhole(bytes, entry, {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') {
        rels.set(a.Id, { type: a.Type ?? '', target: resolve(base, a.Target) });
      }
    },
    close: () => {},
    text: () => {},
  });
  return rels;
}

const ofType = (rels: Map<string, Rel>, type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;

async function readWorkbook(bytes: Uint8Array, entries: Map<string, ZipEntry>, path: string) {
  const entry = lookup(entries, path);
  if (!entry) throw new XlsxReadError(`no workbook part (${path}): not an XLSX workbook`);
  let firstSheetRel: string | undefined;
  let date1904 = false;
  await parseWhole(bytes, entry, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet' && firstSheetRel === undefined) {
        // The relationship id attribute is namespaced (`r:id`); its prefix is the file's choice.
        firstSheetRel = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
      }
    },
    close: () => {},
    text: () => {},
  });
  return { firstSheetRel, date1904 };
}

async function readDateStyles(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<Uint8Array> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  if (entry) {
    await parseWhole(bytes, entry, {
      open: (name, a) => {
        if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text: () => {},
    });
  }
  const code = (id: number) => custom.get(id);
  return Uint8Array.from(xfFormats, (id) => {
    const c = code(id);
    return (c === undefined ? BUILT_IN_DATES.has(id) : isDateCode(c)) ? 1 : 0;
  });
}

/** The shared-strings table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out. */
async function readSharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<SharedStrings> {
  const table = new SharedStrings();
  if (entry) {
    let parts: string[] | null = null;
    let inT = false;
    let phonetic = 0;
    await parseWhole(bytes, entry, {
      open: (name) => {
        if (name === 'si') parts = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't') inT = phonetic === 0;
      },
      close: (name) => {
        if (name === 'si' && parts) {
          table.add(parts.length === 1 ? parts[0]! : parts.join(''));
          parts = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inT = false;
      },
      text: (t) => {
        if (inT && parts) parts.push(t);
      },
    });
  }
  table.finish();
  return table;
}

/** Finds the first worksheet (package rels → workbook → its rels) and reads what its cells refer to. */
export async function readWorkbookParts(bytes: Uint8Array): Promise<WorkbookParts> {
  const entries = zipDirectory(bytes);
  const root = await relationships(bytes, entries, '_rels/.rels');
  const workbookPath = ofType(root, 'officeDocument') ?? 'xl/workbook.xml';
  const { firstSheetRel, date1904 } = await readWorkbook(bytes, entries, workbookPath);
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = await relationships(bytes, entries, `${dir}_rels/${workbookPath.slice(dir.length)}.rels`);
  const sheetPath = firstSheetRel === undefined ? undefined : rels.get(firstSheetRel)?.target;
  const sheet = sheetPath === undefined ? undefined : lookup(entries, sheetPath);
  if (!sheet) throw new XlsxReadError('the workbook names no worksheet that the file holds');
  const part = (type: string) => {
    const path = ofType(rels, type);
    return path === undefined ? undefined : lookup(entries, path);
  };
  return {
    sheet,
    sharedStrings: await readSharedStrings(bytes, part('sharedStrings')),
    dateStyles: await readDateStyles(bytes, part('styles')),
    date1904,
  };
}
