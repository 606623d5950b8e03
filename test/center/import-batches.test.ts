import { sql } from 'kysely';
import { importFile, type ImportOptions } from '../../center/import/import-file';
import { DEFAULT_MAPPING } from '../../center/import/column-mapping';
import { RedFlagLedger } from '../../center/import/batch-red-flags';
import { planColumns } from '../../center/import/map-row';
import { validateRow } from '../../center/import/validate-row';
import { getCaseRow } from '../../center/store/cases-repo';
import { detectRedFlags } from '../../shared/domain/red-flags';
import { makeResidentId } from '../../shared/domain/resident-id';
import type { PolicyCase } from '../../shared/domain/case';
import type { Store } from '../../center/store/open-store';
import { enginesUnderTest } from './support/engines';
import { TODAY, seedUsers } from './support/seed';
import { HEADERS, row, utf8Csv } from './support/list-files';

// An import is read and stored in batches of 5 000 rows (center/import/import-file.ts); these lists
// are longer than one batch so that duplicates, shared numbers and failures cross a batch boundary.
const engines = await enginesUnderTest();
const BATCH = 5000;
const no = (i: number) => `PL${String(i).padStart(8, '0')}`;
const shared = '13912345670';

/**
 * Rows 1…n; rows 1, 2 and n−1 share one number (three persons: the test IDs repeat every 1 000 rows,
 * so n−1 is not 1 or 2 modulo 1 000); row n repeats row 3's policy number.
 */
function longList(n: number) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    if (i === 1 || i === 2 || i === n - 1) return row(i, { 投保人电话: shared });
    if (i === n) return row(3, { 投保人电话: '13900000001' });
    return row(i);
  });
}

describe('red flags kept as compact keys give the domain core’s answer over the whole batch (docs/domain.md §7)', () => {
  it('shared numbers, related persons and the agent’s number, whatever the rows read so far', () => {
    const plan = planColumns(HEADERS, DEFAULT_MAPPING);
    const seen = new Map<string, number>();
    const related = makeResidentId('1980-05-20', 'male', 77);
    const variants: Record<number, Partial<Record<string, string>>> = {
      1: { 投保人电话: shared },
      2: { 投保人电话: shared },
      3: { 投保人电话: `${shared};13800000999` }, // also the agent's number
      4: { 投保人电话: '13911112222', 投保人证件号码: related },
      5: { 投保人电话: '13911112222', 投保人证件号码: related }, // the same person twice counts once
      6: { 投保人电话: '13911112222' },
      7: { 投保人电话: '' },
      8: { 投保人电话: '12345' },
    };
    const cases: PolicyCase[] = [];
    const ledger = new RedFlagLedger(seen);
    const firstAnswer: (readonly string[])[] = [];
    for (let i = 1; i <= 8; i++) {
      const v = validateRow({ line: i + 1, cells: row(i, variants[i]) }, plan, DEFAULT_MAPPING, seen, TODAY, undefined);
      if (!v.ok) throw new Error(JSON.stringify(v.report));
      cases.push(v.row.data);
      ledger.add(v.row.data, []);
      firstAnswer.push(...ledger.flagsFrom(i - 1)); // one row per "batch": the hardest case
    }
    const expected = detectRedFlags(cases).map((f) => [...new Set(f.flags.map((x) => x.code))]);
    const final: (readonly string[])[] = [...firstAnswer];
    for (const fix of ledger.settle()) final[fix.index] = fix.flags;
    expect(final).toEqual(expected);
    expect(expected[0]).toEqual(['shared_number']);
    expect(expected[2]).toEqual(['shared_number', 'agent_phone_match']);
    expect(expected[3]).toEqual([]); // two policies of one person and a third holder: two holders
    expect(expected[6]).toEqual(['phone_missing']);
    expect(expected[7]).toEqual(['phone_malformed']);
  });
});

describe.each(engines)('a list longer than one batch on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    const o = await engine.open();
    store = o.store;
    dispose = o.dispose;
    await seedUsers(store);
  });
  afterEach(async () => dispose());

  const run = (bytes: Uint8Array, extra: Partial<ImportOptions> = {}) =>
    importFile(store, { bytes, fileName: 'long.csv', actor: '9001', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 20_000, ...extra });
  const flagsOf = async (i: number) => JSON.parse((await getCaseRow(store.db, no(i)))!.flags) as string[];

  it('gives one report line per row in file order, finds a duplicate and a shared number across the boundary, and stores final flags', async () => {
    const n = BATCH + 6;
    const r = await run(utf8Csv(longList(n)));
    if (!r.ok) throw new Error(r.error.message.en);
    const rep = r.value.report;
    expect(rep.total).toBe(n);
    expect(rep.rows.map((x) => x.line)).toEqual(Array.from({ length: n }, (_, k) => k + 2));
    expect(rep.counts).toMatchObject({ inserted: n - 1, rejected: 1 });
    const dup = rep.rows[n - 1]!;
    expect(dup).toMatchObject({ outcome: 'rejected', policyNo: no(3) });
    expect(dup.problems?.[0]?.message.en).toBe('same policy number as line 4');
    // Rows 1 and 2 were stored before row n−1 was read: their flags were corrected afterwards.
    for (const i of [1, 2, n - 1]) {
      expect(rep.rows[i - 1]!.flags).toContain('shared_number');
      expect(await flagsOf(i)).toContain('shared_number');
    }
    expect(rep.rows[3]!.flags ?? []).not.toContain('shared_number');
    expect(rep.flagged).toBe(rep.rows.filter((x) => (x.flags ?? []).length > 0).length);
    const stored = await store.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(stored?.n)).toBe(n - 1);
  });

  it('imported again, every row comes back unchanged: the corrected flags are what the file gives', async () => {
    const bytes = utf8Csv(longList(BATCH + 6));
    await run(bytes);
    const again = await run(bytes);
    if (!again.ok) throw new Error(again.error.message.en);
    expect(again.value.report.counts).toMatchObject({ unchanged: BATCH + 5, rejected: 1, updated: 0 });
  });

  it('a storage failure mid-way keeps the batches stored before it, names the first line not stored, and a second import finishes', async () => {
    const failing = no(BATCH + 2);
    if (engine.name === 'sqlite') {
      await sql
        .raw(`create trigger fail_import before insert on cases when new.policy_no = '${failing}' begin select raise(abort, 'disk full (test)'); end`)
        .execute(store.db);
    } else {
      await sql
        .raw(
          `create function fail_import() returns trigger language plpgsql as $$ begin if new.policy_no = '${failing}' then raise exception 'disk full (test)'; end if; return new; end $$`,
        )
        .execute(store.db);
      await sql.raw('create trigger fail_import before insert on cases for each row execute function fail_import()').execute(store.db);
    }
    const rows = Array.from({ length: BATCH * 2 + 10 }, (_, k) => row(k + 1));
    const r = await run(utf8Csv(rows));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message.en).toMatch(new RegExp(`storing failed from line ${BATCH + 2} on .*disk full \\(test\\).*the ${BATCH} rows before it are stored`));
    const count = async () =>
      Number(
        (
          await store.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    expect(await count()).toBe(BATCH);
    expect(await getCaseRow(store.db, no(BATCH + 1))).toBeUndefined();
    const batches = await store.db.selectFrom('import_batches').selectAll().execute();
    expect(batches).toHaveLength(0);

    await sql.raw('drop trigger fail_import' + (engine.name === 'postgres' ? ' on cases' : '')).execute(store.db);
    const again = await run(utf8Csv(rows));
    if (!again.ok) throw new Error(again.error.message.en);
    expect(again.value.report.counts).toMatchObject({ unchanged: BATCH, inserted: BATCH + 10 });
    expect(await count()).toBe(BATCH * 2 + 10);
  });
});
