import { CASE_COLUMNS, insertCaseValues } from '../../center/store/bulk-insert-cases';
import type { Transaction } from 'kysely';
import type { StoreEngine } from '../../center/store/engine';
import { copyText } from '../../center/store/pg-copy';
import type { CasesTable, CenterDatabase } from '../../center/store/db-schema';
import { enginesUnderTest } from './support/engines';

// New cases of an import go to PostgreSQL by COPY's text format (center/store/pg-copy.ts) and to
// SQLite by bound parameters: whatever the text, both must store exactly what they were given.
const engines = await enginesUnderTest();

/** Rows as objects, flattened in the column order the production insert takes. */
const insertRows = (trx: Transaction<CenterDatabase>, engine: StoreEngine, rows: readonly CasesTable[]) =>
  insertCaseValues(
    trx,
    engine,
    rows.flatMap((r) => CASE_COLUMNS.map((c) => r[c])),
  );

/** Texts COPY's text format gives a meaning to, or that look like its markers. */
const AWKWARD = [
  'tab\there',
  'back\\slash',
  'line\nbreak',
  'carriage\rreturn\r\n',
  '"double" and \'single\' quotes',
  '\\N',
  '\\.',
  '\\',
  '\\\\t',
  '',
  ' spaces ',
  '中文，全角；标点',
  'emoji 😀 and U+2028\u2028',
  '\x1e\x1f\x7f control',
];

function caseRow(policyNo: string, text: string | null): CasesTable {
  return {
    policy_no: policyNo,
    data: JSON.stringify({ note: text }),
    team: text ?? 'A',
    language: 'mandarin',
    holder_age: text === null ? null : 42,
    holder_phone: text,
    visit_mode: 'phone',
    kind: 'new',
    status: 'pending',
    priority: 3,
    deadline: null,
    escalated: 0,
    flags: '[]',
    assigned_to: null,
    assigned_at: text,
    attempt_count: 0,
    result_class: null,
    result_by: null,
    result_item_id: null,
    result_override: text,
    closed_reason: null,
    return_month: null,
    version: 1,
    imported_at: '2026-03-10T08:00:00.000Z',
    updated_at: '2026-03-10T08:00:00.000Z',
  };
}

describe('COPY text format (PostgreSQL manual, COPY "Text Format")', () => {
  it('escapes backslash, tab, newline and carriage return, writes NULL as \\N and leaves the rest as it is', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyText(-12)).toBe('-12');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('"x",;\'y\'')).toBe('"x",;\'y\'');
    expect(copyText('')).toBe('');
  });

  it('refuses a NUL character, which PostgreSQL’s text cannot hold', () => {
    expect(() => copyText('a\0b')).toThrow(/NUL character/);
  });
});

describe.each(engines)('new cases stored on $name keep every text exactly (DOMAIN §2 case data as extracted)', (engine) => {
  let env: Awaited<ReturnType<typeof engine.open>>;
  beforeEach(async () => {
    env = await engine.open();
  });
  afterEach(async () => {
    await env.dispose();
  });

  it('tabs, backslashes, newlines, quotes, copy markers, empty texts and NULLs come back unchanged', async () => {
    const rows = [...AWKWARD.map((t, i) => caseRow(`P${i}`, t)), caseRow('PNULL', null)];
    await env.store.db.transaction().execute((trx) => insertRows(trx, env.store.engine, rows));
    const back = await env.store.db.selectFrom('cases').selectAll().orderBy('policy_no').execute();
    const byNo = new Map(back.map((r) => [r.policy_no, r]));
    for (const r of rows) {
      const got = byNo.get(r.policy_no);
      expect(got && { ...got, holder_age: got.holder_age === null ? null : Number(got.holder_age) }).toMatchObject(r);
    }
  });

  it('a chunk of thousands of rows is stored whole, and rolls back with its transaction', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => caseRow(`N${i}`, AWKWARD[i % AWKWARD.length]!));
    await env.store.db.transaction().execute((trx) => insertRows(trx, env.store.engine, rows));
    const count = async () =>
      Number(
        (
          await env.store.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(6000);
    const more = [caseRow('LATE1', 'x'), caseRow('N5', 'duplicate key')];
    await expect(env.store.db.transaction().execute((trx) => insertRows(trx, env.store.engine, more))).rejects.toThrow();
    expect(await count()).toBe(6000);
    // The connection is usable after the failed COPY.
    await env.store.db.transaction().execute((trx) => insertRows(trx, env.store.engine, [caseRow('LATE2', 'y')]));
    expect(await count()).toBe(6001);
  });

  it('a NUL in a text is a clear error on PostgreSQL and stores nothing of the chunk', async () => {
    if (env.store.engine !== 'postgres') return; // SQLite stores it as given
    const rows = [caseRow('OK1', 'fine'), caseRow('BAD', 'nul\0inside')];
    await expect(env.store.db.transaction().execute((trx) => insertRows(trx, env.store.engine, rows))).rejects.toThrow(/NUL character/);
    expect(await env.store.db.selectFrom('cases').select('policy_no').execute()).toEqual([]);
  });
});
