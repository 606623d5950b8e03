import { sql } from 'kysely';
import { enginesUnderTest } from './support/engines';
import { readForReport } from '../../center/reports/report-source';
import type { Store } from '../../center/store/open-store';

// center/README.md "Management reports": a report's figures come from one state of the database,
// also the ones computed beside the pass over the cases on other connections (PostgreSQL).
const engines = await enginesUnderTest();

describe.each(engines)('report reading on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await engine.open()));
  afterAll(async () => dispose?.());

  const count = async (db: Store['db']) => Number((await sql<{ n: number | string }>`select count(*) as n from settings`.execute(db)).rows[0]!.n);

  it('a query run beside the report does not see a write committed after the report began', async () => {
    const before = await count(store.db);
    const seen = await readForReport(store, async (src) => {
      const own = await count(src.db);
      // Committed by another connection (SQLite: the same one) once the report has read.
      await store.db.insertInto('settings').values({ key: 'report.snapshot.probe', value: '1' }).execute();
      const beside = await src.beside((s) => count(s.db));
      return { own, beside };
    });
    expect(seen.own).toBe(before);
    // SQLite reads in-process without a snapshot of its own: there the write is seen.
    expect(seen.beside).toBe(engine.name === 'postgres' ? before : before + 1);
    expect(await count(store.db)).toBe(before + 1);
  });

  it('readings past the connections allowed beside run in turn in their own transaction and still agree', async () => {
    const all = await readForReport(store, (src) => Promise.all([1, 2, 3, 4].map(() => src.beside((s) => count(s.db)))));
    expect(new Set(all).size).toBe(1);
  });
});
