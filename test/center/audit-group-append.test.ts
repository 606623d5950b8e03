import { audit } from '../../center/store/audit-repo';
import { verifyAuditChain } from '../../center/store/audit-chain';
import { changeFeedTransaction } from '../../center/store/changes-repo';
import type { Store } from '../../center/store/open-store';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest } from './support/seed';

const engines = await enginesUnderTest();

const actionsInIdOrder = async (store: Store, like: string) =>
  (await store.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', like).orderBy('id').execute()).map(
    (r) => `${r.actor}:${r.action}`,
  );

describe.each(engines)('audit entries written together on $name (README "Security"; 个人信息保护法 第55–56条)', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('a burst of entries outside any transaction chains in call order, and each caller resumes only once its own row is stored', async () => {
    const stored: boolean[] = [];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        audit(store.db, { actor: `d${i}`, action: 'burst.read', detail: { i } }).then(async () => {
          const row = await store.db.selectFrom('audit_log').select('id').where('actor', '=', `d${i}`).executeTakeFirst();
          stored[i] = row !== undefined;
        }),
      ),
    );
    expect(stored).toEqual(Array.from({ length: 60 }, () => true));
    expect(await actionsInIdOrder(store, 'burst.%')).toEqual(Array.from({ length: 60 }, (_, i) => `d${i}:burst.read`));
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 60 });
  });

  it('an entry that cannot be stored fails its own caller only: the others of its burst are kept and the chain holds', async () => {
    const results = await Promise.allSettled([
      audit(store.db, { actor: 'e0', action: 'burst.ok' }),
      audit(store.db, { actor: 'e1', action: 'burst.ok' }),
      // A row the table refuses (actor is required): the caller hears of it, nobody else does.
      audit(store.db, { actor: null as unknown as string, action: 'burst.bad' }),
      audit(store.db, { actor: 'e3', action: 'burst.ok' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await actionsInIdOrder(store, 'burst.%')).toEqual(['e0:burst.ok', 'e1:burst.ok', 'e3:burst.ok']);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 3 });
  });

  it('several entries of one feed transaction chain in the order they were written, after what was there before', async () => {
    await audit(store.db, { actor: 'f', action: 'trx.before' });
    await changeFeedTransaction(store, async (trx) => {
      for (let i = 0; i < 3; i++) await audit(trx, { actor: `f${i}`, action: 'trx.entry' });
    });
    expect(await actionsInIdOrder(store, 'trx.%')).toEqual(['f:trx.before', 'f0:trx.entry', 'f1:trx.entry', 'f2:trx.entry']);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, rows: 4 });
  });
});
