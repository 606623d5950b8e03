import type { ColumnMapping, FieldSpec } from './column-mapping';
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

function setPath(obj: Record<string, unknown>, keys: readonly string[], value: unknown): void {
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

/** Where one field's value goes: a `meta` key, or a path split into the case object. */
interface Target {
  readonly field: string;
  readonly metaKey: string | null;
  readonly keys: readonly string[];
}

const target = (field: string): Target => ({
  field,
  metaKey: field.startsWith('meta.') ? field.slice(5) : null,
  keys: field.split('.'),
});

/**
 * A plan and mapping resolved once per file: spec, target and default of every column. An import
 * maps the same few dozen fields on every one of its rows, so nothing of this is per row.
 */
interface Compiled {
  readonly columns: readonly (Target & { index: number; spec: FieldSpec; phones: boolean; defaultAt: number })[];
  readonly defaults: readonly (Target & { value: unknown })[];
}

const compiledPlans = new WeakMap<ColumnPlan, WeakMap<ColumnMapping, Compiled>>();
const PHONES_PATH = ['policyholder', 'phones'];

function compile(plan: ColumnPlan, mapping: ColumnMapping): Compiled {
  let byMapping = compiledPlans.get(plan);
  if (!byMapping) compiledPlans.set(plan, (byMapping = new WeakMap()));
  let c = byMapping.get(mapping);
  if (c) return c;
  const defaults = Object.entries(mapping.defaults).map(([field, value]) => ({ ...target(field), value }));
  c = {
    columns: plan.columns.map(({ field, index }) => ({
      ...target(field),
      index,
      spec: mapping.fields[field]!,
      phones: field === 'policyholder.phones',
      defaultAt: defaults.findIndex((d) => d.field === field),
    })),
    defaults,
  };
  byMapping.set(mapping, c);
  return c;
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
  const { columns, defaults } = compile(plan, mapping);
  const input: Record<string, unknown> = {};
  const meta: Record<string, unknown> = {};
  /** Defaults whose field a cell of this row filled. */
  const filled = new Uint8Array(defaults.length);
  for (const col of columns) {
    const value = convertCell(col.spec, cells[col.index]);
    if (value === undefined) continue;
    if (col.defaultAt >= 0) filled[col.defaultAt] = 1;
    if (col.phones && Array.isArray(input.policyholder && (input.policyholder as Record<string, unknown>).phones)) {
      // Several phone columns add up.
      ((input.policyholder as Record<string, unknown>).phones as unknown[]).push(...(value as unknown[]));
      continue;
    }
    if (col.metaKey !== null) meta[col.metaKey] = value;
    else setPath(input, col.keys, value);
  }
  defaults.forEach((d, i) => {
    if (filled[i] === 1) return;
    if (d.metaKey !== null) meta[d.metaKey] ??= d.value;
    else setPath(input, d.keys, d.value);
  });
  if (!(input.policyholder as Record<string, unknown> | undefined)?.phones) setPath(input, PHONES_PATH, []);
  return { input, meta: meta as unknown as RowMeta };
}
