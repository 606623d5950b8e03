import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { appendChange, beyondFeed, changeFeedTransaction, changesSince } from '../../center/store/changes-repo';

const engines = await enginesUnderTest();

// The change feed behind pull cursors: sequence order must equal commit order, so a reader's
// cursor never passes a change that commits later (changes-repo.ts).

describe.each(engines)('the change feed on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('a change outside a feed transaction is refused (it would be numbered without the lock)', async () => {
    await expect(appendChange(store.db, '1001', 'P1', 'upsert')).rejects.toThrow(/outside changeFeedTransaction/);
  });

  it('a feed transaction that rolls back leaves no change', async () => {
    await expect(
      changeFeedTransaction(store, async (trx) => {
        await appendChange(trx, '1001', 'P1', 'upsert', 'test');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await changesSince(store, '1001', 0, 10)).toEqual([]);
    await changeFeedTransaction(store, (trx) => appendChange(trx, '1001', 'P2', 'drop', 'test'));
    expect((await changesSince(store, '1001', 0, 10)).map((c) => c.policyNo)).toEqual(['P2']);
  });

  it('a cursor past the last change is beyond the feed, one at or before it is not, also once the feed was read (pull cursors, centre README "HTTP API")', async () => {
    await changeFeedTransaction(store, (trx) => appendChange(trx, '1001', 'P1', 'upsert', 'test'));
    const [first] = await changesSince(store, '1001', 0, 10);
    expect(await beyondFeed(store.db, first!.seq)).toBe(false);
    expect(await beyondFeed(store.db, first!.seq + 1)).toBe(true);
    // A change committed meanwhile (here or by another centre process) moves the end of the feed.
    await changeFeedTransaction(store, (trx) => appendChange(trx, '1002', 'P2', 'upsert', 'test'));
    expect(await beyondFeed(store.db, first!.seq + 1)).toBe(false);
    expect(await beyondFeed(store.db, first!.seq + 2)).toBe(true);
  });

  // Only PostgreSQL runs writers concurrently (SQLite has one writer): the property is its.
  if (engine.name === 'postgres')
    it('a long transaction holds the feed lock only at its end: another commits meanwhile, and numbers follow commit order', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let longStarted!: () => void;
      const started = new Promise<void>((r) => (longStarted = r));
      const long = changeFeedTransaction(store, async (trx) => {
        await appendChange(trx, '1001', 'P-LONG', 'upsert', 'test');
        longStarted();
        await held; // a push still doing its row work
      });
      await started;
      // With the lock taken at the start this would wait for the long one to finish.
      await changeFeedTransaction(store, (trx) => appendChange(trx, '1001', 'P-SHORT', 'upsert', 'test'));
      const meanwhile = await changesSince(store, '1001', 0, 10);
      expect(meanwhile.map((c) => c.policyNo)).toEqual(['P-SHORT']);
      release();
      await long;
      const after = await changesSince(store, '1001', meanwhile[0]!.seq, 10);
      expect(after.map((c) => c.policyNo)).toEqual(['P-LONG']);
    });
});
