import { checkBuiltCase } from '../../center/import/check-case';
import { DEFAULT_MAPPING } from '../../center/import/column-mapping';
import { mapRow, planColumns } from '../../center/import/map-row';
import { channelKinds, idTypes, parseCase, premiumFrequencies, productDesigns, relationships } from '../../shared/domain/case';
import { generateCases, seededRandom } from '../../shared/domain/synthetic-cases';
import { HEADERS, row } from './support/list-files';

// The import accepts a row by a hand check (center/import/check-case.ts) standing in for the shared
// case schema (shared/domain/case.ts, the definition): both must give the same verdict and, for a
// valid row, the very same case — a stored case's JSON is compared on re-import (README "Import").

const plan = planColumns(HEADERS, DEFAULT_MAPPING);
/** Valid inputs: cases as the import maps them from rows, and varied synthetic cases. */
const bases: Record<string, unknown>[] = [
  ...Array.from({ length: 50 }, (_, i) => mapRow(row(i + 1), plan, DEFAULT_MAPPING).input),
  ...(generateCases(300, 7) as unknown as Record<string, unknown>[]),
];

/** Values a mutation puts in a field: the schema's edge cases and the wrong types. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  ' padded text ',
  'x'.repeat(40),
  ` ${'x'.repeat(40)} `,
  'x'.repeat(41),
  '中文',
  0,
  -0,
  1,
  -1,
  1.5,
  100,
  101,
  150,
  151,
  366,
  367,
  2 ** 53,
  1e300,
  NaN,
  Infinity,
  true,
  false,
  [],
  ['13912345678', ' 139 '],
  Array.from({ length: 11 }, () => '1'),
  [1],
  {},
  { unit: 'whole_life', value: 3 },
  { unit: 'to_age', value: 151 },
  { unit: 'days', value: 0 },
  '2026-03-10',
  '2026-02-29',
  '2024-02-29',
  '2026-3-10',
  '1900-01-01',
  '2099-12-31',
  new Date(0),
  'male',
  'female',
  'individual',
  'organisation',
  'single',
  'regular',
  'life',
  'health',
  'whole_life',
  'to_age',
  ...productDesigns,
  ...channelKinds,
  ...idTypes,
  ...relationships,
  ...premiumFrequencies,
];

/** Every path into `v` (objects and arrays), for a mutation to pick from. */
function paths(v: unknown, at: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null || v instanceof Date) return [];
  const keys = Object.keys(v);
  return keys.flatMap((k) => [[...at, k], ...paths((v as Record<string, unknown>)[k], [...at, k])]);
}

function mutate(input: Record<string, unknown>, rnd: () => number): Record<string, unknown> {
  const out = structuredClone(input);
  const n = 1 + Math.floor(rnd() * 3);
  for (let m = 0; m < n; m++) {
    const all = paths(out);
    const path = all[Math.floor(rnd() * all.length)]!;
    const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, out);
    const key = path[path.length - 1]!;
    const r = rnd();
    if (r < 0.15) delete parent[key];
    else if (r < 0.2) parent[`${key}Extra`] = 'unknown key';
    else parent[key] = structuredClone(VALUES[Math.floor(rnd() * VALUES.length)]);
  }
  return out;
}

function agree(input: Record<string, unknown>): boolean {
  const schema = parseCase(structuredClone(input));
  const hand = checkBuiltCase(structuredClone(input));
  expect(hand !== null, JSON.stringify(input)).toBe(schema.ok);
  if (schema.ok && hand !== null) {
    expect(hand).toStrictEqual(schema.value);
    expect(JSON.stringify(hand)).toBe(JSON.stringify(schema.value)); // same key order: same stored JSON
  }
  return schema.ok;
}

describe('the import’s hand check of a case agrees with the shared case schema (DOMAIN §2 case data)', () => {
  it('accepts every valid case and gives the schema’s value, key for key', () => {
    for (const input of bases) expect(agree(input)).toBe(true);
  });

  it('gives the schema’s verdict and value with every field set to every edge value in turn', () => {
    for (const base of [bases[0]!, ...bases.slice(50, 60)]) {
      for (const path of paths(base)) {
        for (const value of VALUES) {
          const input = structuredClone(base);
          const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, input);
          parent[path[path.length - 1]!] = structuredClone(value);
          agree(input);
        }
      }
    }
  });

  it('gives the schema’s verdict and value on thousands of generated good and bad cases', () => {
    const rnd = seededRandom(20260310);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 4000; i++) {
      const base = bases[Math.floor(rnd() * bases.length)]!;
      if (agree(mutate(base, rnd))) accepted++;
      else rejected++;
    }
    // Both sides of the verdict are exercised, not only one.
    expect(accepted).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(2000);
  });

  it('trims texts and leaves out keys the schema does not know, as the schema does', () => {
    const input = structuredClone(bases[0]!);
    input.policyNo = '  PL1  ';
    input.extra = 'dropped';
    (input.product as Record<string, unknown>).name = ' 名称 ';
    const hand = checkBuiltCase(input);
    expect(hand?.policyNo).toBe('PL1');
    expect(hand?.product.name).toBe('名称');
    expect(hand && 'extra' in hand).toBe(false);
  });
});
