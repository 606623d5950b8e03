import { sql } from 'kysely';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest } from './support/seed';
import type { Store } from '../../center/store/open-store';

const engines = await enginesUnderTest();

describe.each(engines)('the centre store migrations on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('migrations are versioned and re-opening an up-to-date store changes nothing', async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    expect(rows.rows.map((r) => r.name)).toEqual([
      '0001-initial',
      '0002-refresh-reuse-grace',
      '0003-work-orders',
      '0004-callbacks',
      '0005-phone-corrections',
      '0006-calendar-years',
      '0007-phone-correction-review',
      '0008-session-archive',
      '0009-archive-listing-flags',
      '0010-sip-accounts',
      '0011-audit-chain',
      '0012-archive-retention',
      '0013-recording-exports',
      '0014-result-checks',
      '0015-qa-evaluations',
      '0016-branch-users',
      '0017-console-sessions',
      '0018-kept-reports',
      '0019-visit-letters',
      '0020-qa-evaluation-versions',
      '0021-shared-live-state',
      '0022-in-person-visits',
      '0023-import-reports',
      '0024-report-columns',
      '0025-qa-sampling-columns',
      '0028-qa-sampling-flags',
      '0029-desk-status-log',
      '0030-case-order-facts',
      '0031-visit-document-purge',
      '0032-qa-sampling-count-index',
      '0033-calendar-loads',
    ]);
  });
});

describe.each(engines.filter((e) => e.name === 'postgres'))('a PostgreSQL store looks at its own schema only ($name)', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('introspection (what the migrator asks) sees the store schema alone, so a schema another store drops meanwhile cannot fail a migration (center/store/pg-store-dialect.ts)', async () => {
    const other = `other_${Date.now().toString(36)}`;
    await sql`create schema ${sql.id(other)}`.execute(store.db);
    await sql`create table ${sql.id(other, 'kysely_migration')} (name text)`.execute(store.db);
    try {
      const own = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s;
      expect(await store.db.introspection.getSchemas()).toEqual([{ name: own }]);
      const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(tables.length).toBeGreaterThan(20);
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([own]));
      expect(tables.filter((t) => t.name === 'kysely_migration')).toHaveLength(1);
    } finally {
      await sql`drop schema ${sql.id(other)} cascade`.execute(store.db);
    }
  });
});
