import type { ColumnMapping } from './column-mapping';
import { convertCell } from './convert-cell';

/** Where each mapped field is found in a file. */
export interface ColumnPlan {
  readonly columns: { field: string; index: number }[];
  /** Headers that map to no field (listed in the report, not an error). */
  readonly unmapped: string[];
}

const norm = (h: string) => h.replace(/[\s\u3000*＊]/g, '').toLowerCase();

/** Finds the column of every field in the mapping; returns `undefined` for `policyNo` missing. */
export function planColumns(headers: readonly string[], mapping: ColumnMapping): ColumnPlan {
  const index = new Map(headers.map((h, i) => [norm(h), i] as const));
  const used = new Set<number>();
  const columns: { field: string; index: number }[] = [];
  for (const [field, spec] of Object.entries(mapping.fields)) {
    for (const h of spec.headers) {
      const i = index.get(norm(h));
      if (i !== undefined && !used.has(i)) {
        columns.push({ field, index: i });
        used.add(i);
        break;
      }
    }
  }
  const unmapped = headers.filter((h, i) => !used.has(i) && h !== '');
  return { columns, unmapped };
}

/** Field paths split once: an import maps the same few dozen paths on every one of its rows. */
const splitPaths = new Map<string, readonly string[]>();

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split('.')));
  let cur = obj;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const k = keys[i]!;
    const next = cur[k];
    if (typeof next !== 'object' || next === null) cur = cur[k] = {} as Record<string, unknown>;
    else cur = next as Record<string, unknown>;
  }
  cur[keys[last]!] = value;
}

/** Centre-only row data, next to the case. */
export interface RowMeta {
  team: string;
  language: string;
  kind: string;
  returnMonth?: string;
}

/** Turns one row's cells into a case-shaped object (still unvalidated) plus its meta data. */
export function mapRow(cells: readonly unknown[], plan: ColumnPlan, mapping: ColumnMapping): { input: Record<string, unknown>; meta: RowMeta } {
  const input: Record<string, unknown> = {};
  const meta: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const { field, index } of plan.columns) {
    const value = convertCell(mapping.fields[field], cells[index]);
    if (value === undefined) continue;
    seen.add(field);
    if (field === 'policyholder.phones' && Array.isArray(input.policyholder && (input.policyholder as Record<string, unknown>).phones)) {
      // Several phone columns add up.
      ((input.policyholder as Record<string, unknown>).phones as unknown[]).push(...(value as unknown[]));
      continue;
    }
    if (field.startsWith('meta.')) meta[field.slice(5)] = value;
    else setPath(input, field, value);
  }
  for (const [field, value] of Object.entries(mapping.defaults)) {
    if (seen.has(field)) continue;
    if (field.startsWith('meta.')) meta[field.slice(5)] ??= value;
    else setPath(input, field, value);
  }
  if (!(input.policyholder as Record<string, unknown> | undefined)?.phones) setPath(input, 'policyholder.phones', []);
  return { input, meta: meta as unknown as RowMeta };
}
