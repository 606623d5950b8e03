/**
 * Reads the date formats seen in core-system exports and returns ISO `YYYY-MM-DD`, or
 * `undefined` when the text is not a real date:
 * - Excel serial numbers (1900 system: 45356 → 2024-03-05), as numbers or digit strings 20000–80000;
 * - `2026年3月5日`, `2026/3/5`, `2026-03-05`, `2026.3.5`, `20260305`, with an optional time after;
 * - JS Date objects (the XLSX reader gives date cells as UTC dates).
 */
export function parseDate(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return fromSerial(value);
  const s = String(value).trim();
  if (s === '') return undefined;
  // An export repeats the same few thousand dates on every row: each text is parsed once.
  const hit = known.get(s);
  if (hit !== undefined || known.has(s)) return hit;
  if (known.size >= KNOWN_MAX) known.clear();
  const parsed = parseText(s);
  known.set(s, parsed);
  return parsed;
}

/** Texts already read (bounded: a file of all-distinct dates only clears it now and then). */
const known = new Map<string, string | undefined>();
const KNOWN_MAX = 20_000;

function parseText(s: string): string | undefined {
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s.*)?$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  return undefined;
}

function fromSerial(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 20000 || n > 80000) return undefined;
  // Excel's day 0 is 1899-12-30 once the fictitious 1900-02-29 is accounted for (serials > 60).
  const ms = Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000;
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
