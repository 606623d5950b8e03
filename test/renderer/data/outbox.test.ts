import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { HuifangDb } from '../../../renderer/data/huifang-db';
import { CACHE_VERSION } from '../../../renderer/data/migrations';
import { applyAcks, countPendingOutbox, pendingOutbox } from '../../../renderer/data/outbox-repo';
import { addToOutbox, enqueueOutbox, prepareOutbox } from '../../../renderer/data/outbox-writer';
import { sealLegacyRows } from '../../../renderer/data/seal-legacy-rows';
import { sealedRows } from '../../../renderer/data/sealed-rows';
import { windowCipher } from '../../../renderer/data/window-cipher';
import { newId } from '../../../renderer/data/new-id';
import type { PushItem } from '../../../shared/sync';

const result = (policyNo: string): PushItem => ({
  id: newId(),
  kind: 'result',
  policyNo,
  occurredAt: '2026-11-25T10:00:00.000+08:00',
  data: { classification: 'standard', kinds: [] },
});

describe('offline cache: outbox', () => {
  it('survives a reload: entries written before closing are pending after reopening', async () => {
    const name = `outbox-reload-${Math.random()}`;
    const first = new HuifangDb(name);
    const items = [result('P0001'), result('P0002')];
    const entries = [await prepareOutbox(items[0], '1001'), await prepareOutbox(items[1], '1001')];
    await first.transaction('rw', first.outbox, async () => {
      for (const entry of entries) await enqueueOutbox(first, entry);
    });
    first.close();
    const reopened = new HuifangDb(name);
    const pending = await pendingOutbox(reopened, 10, '1001');
    expect(pending.map((e) => e.item.id)).toEqual(items.map((i) => i.id));
    expect(await countPendingOutbox(reopened)).toBe(2);
    reopened.close();
  });

  it('delivers exactly once: accepted and duplicate acks both stop re-sending; the same id is never queued twice', async () => {
    const db = new HuifangDb(`outbox-acks-${Math.random()}`);
    const a = result('P0001');
    const b = result('P0002');
    const c = result('P0003');
    for (const item of [a, b, c]) await addToOutbox(db, item, '1001');
    await expect(addToOutbox(db, a, '1001')).rejects.toThrow();
    const counts = await applyAcks(db, [
      { id: a.id, status: 'accepted' },
      { id: b.id, status: 'duplicate' },
      { id: c.id, status: 'rejected', reason: { code: 'unknown_case', zh: '没有这个保单', en: 'unknown case' } },
    ]);
    expect(counts).toEqual({ delivered: 2, rejected: 1 });
    expect(await pendingOutbox(db, 10, '1001')).toEqual([]);
    expect((await db.outbox.get(c.id))?.lastError).toBe('没有这个保单');
    // A late repeated ack changes nothing.
    expect(await applyAcks(db, [{ id: a.id, status: 'accepted' }])).toEqual({ delivered: 0, rejected: 0 });
    db.close();
  });

  it('only the author pushes an entry (the centre attributes items to the caller)', async () => {
    const db = new HuifangDb(`outbox-author-${Math.random()}`);
    await addToOutbox(db, result('P0001'), '1001');
    await addToOutbox(db, result('P0002'), '2001');
    expect((await pendingOutbox(db, 10, '2001')).map((e) => (e.item.kind === 'result' ? e.item.policyNo : null))).toEqual(['P0002']);
    db.close();
  });
});

describe('offline cache: migrations', () => {
  it('upgrades a version-1 cache: outbox entries become pending, phone corrections exist', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new HuifangDb(name, 1);
    const item = result('P0009');
    // v1 entries had no delivery state.
    await v1.table('outbox').add({ id: item.id, item, author: '1001', createdAt: '2026-11-01T00:00:00.000Z' });
    v1.close();
    const latest = new HuifangDb(name);
    await latest.open();
    expect(latest.verno).toBe(CACHE_VERSION);
    const cipher = await windowCipher();
    expect(await sealLegacyRows(latest, cipher)).toBe(1);
    expect(await pendingOutbox(latest, 10, '1001')).toHaveLength(1);
    expect((await latest.outbox.get(item.id))?.tries).toBe(0);
    await latest.phoneCorrections.add(
      await sealedRows.sealCorrection(cipher, {
        id: newId(),
        policyNo: 'P0009',
        original: '13800000001',
        corrected: '13800000002',
        reason: '客户更正',
        by: '1001',
        at: '2026-11-25T00:00:00.000Z',
      }),
    );
    expect(await latest.phoneCorrections.count()).toBe(1);
    latest.close();
    await Dexie.delete(name);
  });
});

describe('offline cache: malformed entries', () => {
  it('an entry that breaks the protocol is set aside as rejected with the reason; the rest still go out', async () => {
    const { setAsideMalformed } = await import('../../../renderer/data/outbox-repo');
    const db = new HuifangDb(`malformed-${Math.random()}`);
    const good = result('P0000000001');
    const bad = { ...result('P0000000002'), data: { classification: 'excellent', kinds: [] } } as unknown as PushItem;
    await addToOutbox(db, good, '1001');
    await addToOutbox(db, bad, '1001');
    const fit = await setAsideMalformed(db, await pendingOutbox(db, 10, '1001'));
    expect(fit.map((e) => e.id)).toEqual([good.id]);
    const set = await db.outbox.get(bad.id);
    expect(set).toMatchObject({ state: 'rejected', lastError: expect.stringContaining('data.classification') });
    expect(await countPendingOutbox(db)).toBe(1);
  });
});
