import { sql, type Kysely } from 'kysely';
import { audit } from '../../center/store/audit-repo';
import { sha256Hex, verifyAuditChain } from '../../center/store/audit-chain';
import { auditChainText } from '../../shared/sync/audit-chain';
import { openStore, type Store } from '../../center/store/open-store';
import { enginesUnderTest, type EngineUnderTest } from './support/engines';
import { openMigratedTo } from './support/migrated-to';
import { freshStoreEachTest, prepared, seedCases } from './support/seed';
import { changeFeedTransaction } from '../../center/store/changes-repo';
import type { CenterDatabase } from '../../center/store/db-schema';

const engines = await enginesUnderTest();

/** Writes `n` entries through the real `audit` and answers their ids, oldest first. */
async function write(store: Store, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++) await audit(store.db, { actor: `a${i}`, action: 'test.entry', target: `t${i}`, detail: { i } });
  const rows = await store.db.selectFrom('audit_log').select('id').where('action', '=', 'test.entry').orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

describe.each(engines)('the audit log is a hash chain on $name (README "Security"; 个人信息保护法 第55–56条)', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('every entry links to the one before: an untouched log verifies to its last row, the head names it', async () => {
    const ids = await write(store, 5);
    const verdict = await verifyAuditChain(store.db);
    expect(verdict).toMatchObject({ ok: true, rows: ids.length });
    const last = await store.db.selectFrom('audit_log').select('hash').where('id', '=', ids.at(-1)!).executeTakeFirstOrThrow();
    expect(verdict.headHash).toBe(last.hash);
  });

  it('an edited row is named: content_changed at its id', async () => {
    const ids = await write(store, 6);
    await store.db.updateTable('audit_log').set({ actor: 'someone-else' }).where('id', '=', ids[3]).execute();
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: false, rows: 3, firstBroken: { id: ids[3], reason: 'content_changed', afterId: ids[2] } });
  });

  it('an edited row whose hash was recomputed breaks the link of the row after it', async () => {
    const ids = await write(store, 4);
    const row = await store.db.selectFrom('audit_log').selectAll().where('id', '=', ids[1]).executeTakeFirstOrThrow();
    const forged = { ...row, detail: '{"i":99}' };
    await store.db
      .updateTable('audit_log')
      .set({ detail: forged.detail, hash: sha256Hex(auditChainText(row.prev_hash!, forged)) })
      .where('id', '=', ids[1])
      .execute();
    expect((await verifyAuditChain(store.db)).firstBroken).toEqual({ id: ids[2], reason: 'link_broken', afterId: ids[1] });
  });

  it('a removed row is found between the last row that verifies and the first that does not link', async () => {
    const ids = await write(store, 6);
    await store.db.deleteFrom('audit_log').where('id', '=', ids[2]).execute();
    expect((await verifyAuditChain(store.db)).firstBroken).toEqual({ id: ids[3], reason: 'link_broken', afterId: ids[1] });
  });

  it('removing the newest rows is seen against the chain head: tail_missing names the head row', async () => {
    const ids = await write(store, 5);
    await store.db.deleteFrom('audit_log').where('id', '>=', ids[3]).execute();
    expect((await verifyAuditChain(store.db)).firstBroken).toEqual({ id: ids[4], reason: 'tail_missing', afterId: ids[2] });
  });

  it('two rows swapped in id order are caught at the first moved row', async () => {
    const ids = await write(store, 5);
    const [a, b] = [ids[1], ids[2]];
    await sql`update audit_log set id = ${-1} where id = ${a}`.execute(store.db);
    await sql`update audit_log set id = ${a} where id = ${b}`.execute(store.db);
    await sql`update audit_log set id = ${b} where id = ${-1}`.execute(store.db);
    expect((await verifyAuditChain(store.db)).firstBroken).toEqual({ id: a, reason: 'link_broken', afterId: ids[0] });
  });

  it('a row inserted around the chain is unchained', async () => {
    await write(store, 2);
    await store.db
      .insertInto('audit_log')
      .values({ at: new Date().toISOString(), actor: 'x', action: 'forged', target: null, detail: null, prev_hash: null, hash: null })
      .execute();
    await audit(store.db, { actor: 'b', action: 'after' });
    const forged = await store.db.selectFrom('audit_log').select('id').where('action', '=', 'forged').executeTakeFirstOrThrow();
    expect((await verifyAuditChain(store.db)).firstBroken).toMatchObject({ id: Number(forged.id), reason: 'unchained' });
  });

  it('entries written inside a caller’s transaction chain too, and a rolled-back one leaves the chain whole', async () => {
    await write(store, 2);
    await store.db.transaction().execute((trx) => audit(trx, { actor: 'c', action: 'in.trx' }));
    await expect(
      store.db.transaction().execute(async (trx) => {
        await audit(trx, { actor: 'c', action: 'rolled.back' });
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await audit(store.db, { actor: 'c', action: 'after.rollback' });
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
    expect((await store.db.selectFrom('audit_log').select('action').where('action', '=', 'rolled.back').execute()).length).toBe(0);
  });
});

describe.each(engines)('migration 0011-audit-chain on $name', (engine) => {
  it('chains the rows written before it in id order, and later appends continue that chain', async () => {
    const old = await openMigratedTo(engine, '0010-sip-accounts'); // before the chain
    try {
      for (let i = 0; i < 7; i++)
        await sql`insert into audit_log (at, actor, action, target, detail) values (${`2026-01-0${i + 1}T00:00:00.000Z`}, ${'9001'}, ${'old.entry'}, ${null}, ${JSON.stringify({ i, z: 'b', a: 1 })})`.execute(
          old.db,
        );
      await old.db.destroy();
      const opened = await openStore(old.config);
      if (!opened.ok) throw new Error(opened.message);
      try {
        expect(await verifyAuditChain(opened.store.db)).toMatchObject({ ok: true, rows: 7 });
        await audit(opened.store.db, { actor: '9001', action: 'new.entry' });
        expect(await verifyAuditChain(opened.store.db)).toMatchObject({ ok: true, rows: 8 });
        await opened.store.db
          .updateTable('audit_log')
          .set({ detail: '{"i":2,"a":1,"z":"b"}' })
          .where('action', '=', 'old.entry')
          .where('detail', 'like', '{"i":2,%')
          .execute();
        expect((await verifyAuditChain(opened.store.db)).firstBroken?.reason).toBe('content_changed'); // the stored text is hashed, not its meaning
      } finally {
        await opened.store.close();
      }
    } finally {
      await old.done();
    }
  });
});

describe.skipIf(!engines.some((e) => e.name === 'postgres'))('two centre stores appending to one PostgreSQL audit log (README "Security")', () => {
  it('concurrent appends from both keep one valid chain: every row links to the one committed before it', async () => {
    const pgEngine = engines.find((e) => e.name === 'postgres') as EngineUnderTest;
    const first = await pgEngine.open();
    const second = await openStore(first.config);
    if (!second.ok) throw new Error(second.message);
    try {
      const burst = (s: Store, who: string) =>
        Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            i % 3 === 0
              ? // Some inside longer transactions: the head stays locked until they commit.
                s.db.transaction().execute(async (trx) => {
                  await audit(trx, { actor: who, action: 'burst.trx', detail: { i } });
                  await sql`select pg_sleep(0.005)`.execute(trx);
                })
              : audit(s.db, { actor: who, action: 'burst', detail: { i } }),
          ),
        );
      await Promise.all([burst(first.store, 'A'), burst(second.store, 'B')]);
      expect(await verifyAuditChain(first.store.db)).toMatchObject({ ok: true, rows: 60 });
      const hashes = await first.store.db.selectFrom('audit_log').select('prev_hash').execute();
      expect(new Set(hashes.map((h) => h.prev_hash)).size).toBe(60); // no fork: no two rows share a predecessor
    } finally {
      await second.store.close();
      await first.dispose();
    }
  });

  it('a feed transaction auditing before it locks a case does not deadlock with one that locked the case first and audits after', async () => {
    const opened = await (engines.find((e) => e.name === 'postgres') as EngineUnderTest).open();
    try {
      await seedCases(opened.store, [prepared('PD000001')]);
      const touch = (trx: Kysely<CenterDatabase>) =>
        trx.updateTable('cases').set({ updated_at: new Date().toISOString() }).where('policy_no', '=', 'PD000001').execute();
      let release = () => undefined as void;
      const gate = new Promise<void>((r) => (release = r));
      let lockedFirst = () => undefined as void;
      const locked = new Promise<void>((r) => (lockedFirst = r));
      const second = opened.store.db.transaction().execute(async (trx) => {
        await touch(trx);
        lockedFirst();
        await gate;
        await audit(trx, { actor: 'second', action: 'after.lock' });
      });
      await locked;
      const first = changeFeedTransaction(opened.store, async (trx) => {
        await audit(trx, { actor: 'first', action: 'before.lock' });
        setTimeout(release, 150); // by then `first` waits for the case row `second` holds
        await touch(trx);
      });
      await Promise.all([first, second]);
      expect(await verifyAuditChain(opened.store.db)).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await opened.dispose();
    }
  });
});
