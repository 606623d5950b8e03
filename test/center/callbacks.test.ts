import { randomUUID } from 'node:crypto';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest, prepared, seedAssignedCases } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { applyPush } from '../../center/sync/push-service';
import { pullChanges } from '../../center/sync/pull-service';
import { getCaseRow } from '../../center/store/cases-repo';
import { pushItemSchema, pushRequestSchema, type ParsedPushItem, type PullResponse } from '../../shared/sync';

const engines = await enginesUnderTest();

function callback(policyNo: string, assignee: string | null, id = randomUUID(), bookedBy = '1001'): ParsedPushItem {
  return pushItemSchema.parse({
    id,
    kind: 'callback',
    policyNo,
    occurredAt: '2026-03-10T09:05:00+08:00',
    data: { dueAt: '2026-03-11T10:00:00+08:00', assignee, bookedBy, note: '客户开车，明早再打', overrideReason: '客户出差' },
  });
}
async function pull(store: Store, staffNo: string, cursor: string | null): Promise<PullResponse> {
  const r = await pullChanges(store, staffNo, cursor, 200);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

describe('callback push item (protocol)', () => {
  it('is optional and additive: old pushes still validate, a bad due time does not', () => {
    const attempt = { id: randomUUID(), kind: 'attempt', policyNo: 'P0001', occurredAt: '2026-03-10T09:00:00Z', data: { channel: 'phone', outcome: 'busy' } };
    expect(pushRequestSchema.safeParse({ items: [attempt] }).success).toBe(true);
    const bad = {
      id: randomUUID(),
      kind: 'callback',
      policyNo: 'P0001',
      occurredAt: '2026-03-10T09:00:00Z',
      data: { dueAt: 'tomorrow', assignee: '1002', bookedBy: '1001' },
    };
    expect(pushItemSchema.safeParse(bad).success).toBe(false);
  });
});

describe.each(engines)('callbacks on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(
    engine,
    (s) => (store = s),
    (s) => seedAssignedCases(s, [prepared('P7000001'), prepared('P7000002'), prepared('P7000003')]),
  );

  it('a callback 1001 books for 1002 reaches 1002 once, with its case; redelivery does not duplicate', async () => {
    const before1002 = (await pull(store, '1002', null)).cursor;
    const before1001 = (await pull(store, '1001', null)).cursor;
    const item = callback('P7000001', '1002');

    const first = await applyPush(store, '1001', [item]);
    expect(first.acks).toEqual([{ id: item.id, status: 'accepted', attributedTo: '1001' }]);
    expect(first.touched).toEqual(expect.arrayContaining(['1002', '1001']));

    const delta = await pull(store, '1002', before1002);
    expect(delta.upserts.map((c) => c.policyNo)).toEqual(['P7000001']);
    expect(delta.callbacks).toEqual([
      {
        id: item.id,
        policyNo: 'P7000001',
        dueAt: '2026-03-11T10:00:00+08:00',
        assignee: '1002',
        bookedBy: '1001',
        bookedAt: '2026-03-10T09:05:00+08:00',
        note: '客户开车，明早再打',
        overrideReason: '客户出差',
      },
    ]);
    // The case went with the callback; the booker's workstation drops it.
    expect((await getCaseRow(store.db, 'P7000001'))?.assigned_to).toBe('1002');
    expect((await pull(store, '1001', before1001)).drops).toEqual([{ policyNo: 'P7000001', reason: 'reassigned' }]);

    // Redelivery after a lost ack: duplicate, nothing stored or routed again.
    const again = await applyPush(store, '1001', [item]);
    expect(again.acks[0].status).toBe('duplicate');
    expect(again.touched).toEqual([]);
    const rows = await store.db.selectFrom('callbacks').select('id').where('id', '=', item.id).execute();
    expect(rows).toHaveLength(1);
    expect((await pull(store, '1002', delta.cursor)).upserts).toEqual([]);

    // A fresh snapshot of 1002 carries it exactly once too.
    const snap = await pull(store, '1002', null);
    expect(snap.callbacks?.map((c) => c.id)).toEqual([item.id]);
    expect((await pull(store, '1001', null)).callbacks).toEqual([]);
  });

  it('a callback for "anyone" goes to the case holder and bumps their cursor', async () => {
    const cursor = (await pull(store, '1001', null)).cursor;
    const item = callback('P7000002', null);
    expect((await applyPush(store, '1001', [item])).acks[0].status).toBe('accepted');
    const delta = await pull(store, '1001', cursor);
    expect(delta.upserts.map((c) => c.policyNo)).toEqual(['P7000002']);
    expect(delta.callbacks?.map((c) => [c.id, c.assignee])).toEqual([[item.id, null]]);
    expect((await getCaseRow(store.db, 'P7000002'))?.assigned_to).toBe('1001');
  });

  it('refuses an assignee outside the case team or not an agent, and a booker who never had the case', async () => {
    const otherTeam = callback('P7000003', '1101');
    const qa = callback('P7000003', '3001');
    const nobody = callback('P7000003', '4040');
    const out = await applyPush(store, '1001', [otherTeam, qa, nobody]);
    expect(out.acks.map((a) => [a.status, a.reason?.code])).toEqual([
      ['rejected', 'bad_assignee'],
      ['rejected', 'bad_assignee'],
      ['rejected', 'bad_assignee'],
    ]);
    const stranger = await applyPush(store, '1002', [callback('P7000003', '1002', randomUUID(), '1002')]);
    expect(stranger.acks[0].reason?.code).toBe('not_assigned');
    const n = await store.db.selectFrom('callbacks').select('id').execute();
    expect(n).toEqual([]);
    expect((await getCaseRow(store.db, 'P7000003'))?.assigned_to).toBe('1001');
  });
});
