import type { CompiledQuery } from 'kysely';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { compiledOnce } from '../../center/store/compiled-once';
import { upsertUser } from '../../center/store/users-repo';

const engines = await enginesUnderTest();

// The hottest sync queries are compiled once (center/store/compiled-once.ts): what they send must
// be exactly what Kysely builds for the same values, and each call must bind its own values.

describe.each(engines)('a query compiled once on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  const user = (staffNo: string, team: string) =>
    upsertUser(store, { staffNo, name: `n${staffNo}`, role: 'agent', team, languages: ['mandarin'], passwordHash: 'x' });

  it('sends the SQL text and parameters Kysely builds for the same values, call after call', async () => {
    await user('1001', 'ZA');
    await user('1002', 'ZB');
    const sent: CompiledQuery[] = [];
    const spy = store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => args.result,
    });
    const byTeam = compiledOnce((db, p: { team: string; after: string }) =>
      db.selectFrom('users').select(['staff_no']).where('team', '=', p.team).where('staff_no', '>', p.after).where('role', '=', 'agent').orderBy('staff_no'),
    );
    const original = spy.executeQuery.bind(spy);
    spy.executeQuery = (async (q: CompiledQuery) => {
      sent.push(q);
      return original(q);
    }) as typeof spy.executeQuery;
    for (const [team, after] of [
      ['ZA', '1000'],
      ['ZB', '1000'],
      ['ZB', '1002'],
    ] as const) {
      const rows = await byTeam(spy, store.engine, { team, after });
      const built = store.db
        .selectFrom('users')
        .select(['staff_no'])
        .where('team', '=', team)
        .where('staff_no', '>', after)
        .where('role', '=', 'agent')
        .orderBy('staff_no');
      expect(rows).toEqual(await built.execute());
      const last = sent[sent.length - 1]!;
      expect({ sql: last.sql, parameters: last.parameters }).toEqual({ sql: built.compile().sql, parameters: built.compile().parameters });
    }
    expect((await byTeam(store.db, store.engine, { team: 'ZA', after: '1000' })).map((r) => r.staff_no)).toEqual(['1001']);
    expect(await byTeam(store.db, store.engine, { team: 'ZB', after: '1002' })).toEqual([]);
  });

  it('refuses a call that lacks a value the query binds (never runs with a marker in its place)', async () => {
    const byTeam = compiledOnce((db, p: { team: string }) => db.selectFrom('users').select(['staff_no']).where('team', '=', p.team));
    await expect(byTeam(store.db, store.engine, {} as { team: string })).rejects.toThrow(/no value for team/);
  });
});
