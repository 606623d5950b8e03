import { sql } from 'kysely';
import { openStore } from '../../center/store/open-store';
import { enginesUnderTest } from './support/engines';
import { openMigratedTo } from './support/migrated-to';
import { samplingRows } from './support/sampled-archive';

const engines = await enginesUnderTest();

describe.each(engines)('migration 0028-qa-sampling-flags on $name (center/README.md "QA evaluations")', (engine) => {
  it('marks the calls archived before it: scorable when their script facts are on record, overridden when a checked result overrode them', async () => {
    const old = await openMigratedTo(engine, '0025-qa-sampling-columns');
    // Calls 11 and 51 were overridden (1 in 40 from the 12th on); call 3 has no script facts on record.
    const rows = [...samplingRows(60, 5)].filter(([table, row]) => !(table === 'session_check_facts' && row.session_id === 'sess-000000003'));
    try {
      for (const [table, row] of rows) {
        const { qa_scorable: _s, qa_overridden: _o, ...before } = row; // the columns 0028 adds
        const cols = Object.keys(before);
        await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(cols.map((c) => before[c]))})`.execute(old.db);
      }
    } finally {
      await old.db.destroy();
    }
    const opened = await openStore(old.config);
    if (!opened.ok) throw new Error(opened.message);
    try {
      const flags = await opened.store.db
        .selectFrom('archived_sessions')
        .select(['session_id', 'qa_scorable', 'qa_overridden'])
        .orderBy('session_id')
        .execute();
      expect(flags).toHaveLength(60);
      expect(flags.filter((f) => f.qa_scorable === 0).map((f) => f.session_id)).toEqual(['sess-000000003']);
      expect(flags.filter((f) => f.qa_overridden === 1).map((f) => f.session_id)).toEqual(['sess-000000011', 'sess-000000051']);
    } finally {
      await opened.store.close();
      await old.done();
    }
  });
});
