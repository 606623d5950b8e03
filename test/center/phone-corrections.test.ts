import { randomUUID } from 'node:crypto';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest, prepared, seedAssignedCases } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { applyPush } from '../../center/sync/push-service';
import { pullChanges } from '../../center/sync/pull-service';
import { getCaseRow, reassignCase } from '../../center/store/cases-repo';
import { readAudit } from '../../center/store/audit-repo';
import { pushItemSchema, pullResponseSchema, type ParsedPushItem, type PullResponse } from '../../shared/sync';

const engines = await enginesUnderTest();

function correction(policyNo: string, opts: { id?: string; correctedBy?: string; corrected?: string | null } = {}): ParsedPushItem {
  return pushItemSchema.parse({
    id: opts.id ?? randomUUID(),
    kind: 'phone_correction',
    policyNo,
    occurredAt: '2026-03-10T09:15:00+08:00',
    data: {
      original: '13800138000',
      corrected: opts.corrected === undefined ? '139-0013-9000' : opts.corrected,
      reason: '接听人称号码已换',
      correctedBy: opts.correctedBy ?? '1001',
    },
  });
}

function result(policyNo: string, override?: { computedClassification: string; computedKinds: string[]; reason: string }): ParsedPushItem {
  return pushItemSchema.parse({
    id: randomUUID(),
    kind: 'result',
    policyNo,
    occurredAt: '2026-03-10T09:30:00+08:00',
    data: { classification: 'standard', kinds: [], ...(override ? { override } : {}) },
  });
}

async function pull(store: Store, staffNo: string, cursor: string | null): Promise<PullResponse> {
  const r = await pullChanges(store, staffNo, cursor, 200);
  if (!r.ok) throw new Error(r.error.message.en);
  // What the workstation would accept: the answer must satisfy the shared schema.
  return pullResponseSchema.parse(r.value);
}

describe('phone_correction push item (protocol)', () => {
  it('accepts a marked-wrong number (corrected null) and refuses a correction that is not a number', () => {
    expect(pushItemSchema.safeParse(correction('P0001', { corrected: null })).success).toBe(true);
    const bad = { ...correction('P0001'), data: { original: '13800138000', corrected: 'call me', reason: 'x', correctedBy: '1001' } };
    expect(pushItemSchema.safeParse(bad).success).toBe(false);
  });
});

describe.each(engines)('phone corrections and result overrides on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(
    engine,
    (s) => (store = s),
    (s) => seedAssignedCases(s, [prepared('P8000001'), prepared('P8000002', { language: 'cantonese' }), prepared('P8000003')]),
  );

  it('stores a correction once, delivers it in the holder’s delta and snapshot, and audits it', async () => {
    const cursor = (await pull(store, '1001', null)).cursor;
    const versionBefore = Number((await getCaseRow(store.db, 'P8000001'))?.version);
    const item = correction('P8000001');

    const first = await applyPush(store, '1001', [item]);
    expect(first.acks).toEqual([{ id: item.id, status: 'accepted', attributedTo: '1001' }]);
    expect(first.touched).toEqual(['1001']);
    expect(Number((await getCaseRow(store.db, 'P8000001'))?.version)).toBe(versionBefore + 1);

    const expected = {
      id: item.id,
      policyNo: 'P8000001',
      original: '13800138000',
      corrected: '139-0013-9000',
      reason: '接听人称号码已换',
      correctedBy: '1001',
      correctedAt: '2026-03-10T09:15:00+08:00',
    };
    const delta = await pull(store, '1001', cursor);
    expect(delta.upserts.map((c) => c.policyNo)).toEqual(['P8000001']);
    expect(delta.upserts[0].version).toBe(versionBefore + 1);
    expect(delta.phoneCorrections).toEqual([expected]);

    // Redelivery after a lost ack: duplicate, nothing stored, routed or audited again.
    const again = await applyPush(store, '1001', [item]);
    expect(again.acks).toEqual([{ id: item.id, status: 'duplicate', attributedTo: '1001' }]);
    expect(again.touched).toEqual([]);
    expect(await store.db.selectFrom('phone_corrections').select('id').execute()).toEqual([{ id: item.id }]);
    expect((await pull(store, '1001', delta.cursor)).upserts).toEqual([]);

    const snap = await pull(store, '1001', null);
    expect(snap.phoneCorrections).toEqual([expected]);

    const entries = await readAudit(store, { action: 'case.phone_correction' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: '1001', target: 'P8000001', detail: { item: item.id, markedWrongOnly: false, deliveredTo: '1001' } });
    // The numbers stay in phone_corrections, not in the audit log.
    expect(JSON.stringify(entries[0])).not.toContain('13800138000');
  });

  it('reaches the colleague who holds the case now, attributed to the agent who corrected it', async () => {
    const cursor1002 = (await pull(store, '1002', null)).cursor;
    expect((await reassignCase(store, 'P8000002', '1002', '2001')).ok).toBe(true);
    const after1002 = await pull(store, '1002', cursor1002);
    expect(after1002.phoneCorrections).toEqual([]);
    const cursor1001 = (await pull(store, '1001', null)).cursor;

    const item = correction('P8000002', { corrected: null });
    const out = await applyPush(store, '1001', [item]);
    expect(out.acks).toEqual([{ id: item.id, status: 'accepted', attributedTo: '1001', caseNote: 'reassigned' }]);
    expect(out.touched).toEqual(['1002']);

    const delta = await pull(store, '1002', after1002.cursor);
    expect(delta.upserts.map((c) => [c.policyNo, c.language])).toEqual([['P8000002', 'cantonese']]);
    expect(delta.phoneCorrections?.map((c) => [c.id, c.correctedBy, c.corrected])).toEqual([[item.id, '1001', null]]);
    expect((await pull(store, '1002', null)).phoneCorrections?.map((c) => c.id)).toEqual([item.id]);
    // The corrector no longer holds the case: nothing for their workstation.
    const mine = await pull(store, '1001', cursor1001);
    expect(mine.upserts).toEqual([]);
    expect((await pull(store, '1001', null)).phoneCorrections).toEqual([]);
  });

  it('rejects a case never assigned to the caller, a correctedBy that is not the caller, and an unknown case', async () => {
    const stranger = correction('P8000003', { correctedBy: '1002' });
    const impostor = correction('P8000003', { correctedBy: '1002' });
    const unknown = correction('P9999999');
    expect((await applyPush(store, '1002', [stranger])).acks[0]).toMatchObject({ status: 'rejected', reason: { code: 'not_assigned' } });
    const out = await applyPush(store, '1001', [impostor, unknown]);
    expect(out.acks.map((a) => [a.status, a.reason?.code])).toEqual([
      ['rejected', 'not_caller'],
      ['rejected', 'unknown_case'],
    ]);
    expect(out.acks[0].reason?.zh).toContain('1002');
    expect(out.touched).toEqual([]);
    expect(await store.db.selectFrom('phone_corrections').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('sync_items').select('id').execute()).toEqual([]);
    expect(await readAudit(store, { action: 'case.phone_correction' })).toEqual([]);
  });

  it('keeps a correction on a finished case as a fact without delivering it', async () => {
    expect((await applyPush(store, '1001', [result('P8000003')])).acks[0].status).toBe('accepted');
    const cursor = (await pull(store, '1001', null)).cursor;
    const versionBefore = Number((await getCaseRow(store.db, 'P8000003'))?.version);
    const item = correction('P8000003');
    const out = await applyPush(store, '1001', [item]);
    expect(out.acks).toEqual([{ id: item.id, status: 'accepted', attributedTo: '1001', caseNote: 'already_closed' }]);
    expect(out.touched).toEqual([]);
    expect(await store.db.selectFrom('phone_corrections').select(['id', 'corrected_by']).execute()).toEqual([{ id: item.id, corrected_by: '1001' }]);
    expect(Number((await getCaseRow(store.db, 'P8000003'))?.version)).toBe(versionBefore);
    expect((await pull(store, '1001', cursor)).upserts).toEqual([]);
  });

  it('sends the case language on every pulled case, snapshot and delta', async () => {
    const snap = await pull(store, '1001', null);
    expect(Object.fromEntries(snap.upserts.map((c) => [c.policyNo, c.language]))).toEqual({
      P8000001: 'mandarin',
      P8000002: 'cantonese',
      P8000003: 'mandarin',
    });
    expect((await reassignCase(store, 'P8000002', '1002', '2001')).ok).toBe(true);
    expect((await reassignCase(store, 'P8000002', '1001', '2001')).ok).toBe(true);
    const delta = await pull(store, '1001', snap.cursor);
    expect(delta.upserts.map((c) => [c.policyNo, c.language])).toEqual([['P8000002', 'cantonese']]);
  });

  it('stores a result’s override on the case row, and null for a result without one', async () => {
    const override = { computedClassification: 'problem', computedKinds: ['mis_selling'], reason: '客户复述后确认理解条款，系统误判' };
    const overridden = result('P8000001', override);
    const kept = result('P8000002');
    expect((await applyPush(store, '1001', [overridden, kept])).acks.map((a) => a.status)).toEqual(['accepted', 'accepted']);
    const row = await getCaseRow(store.db, 'P8000001');
    expect(row?.result_class).toBe('standard');
    expect(JSON.parse(row?.result_override ?? 'null')).toEqual(override);
    expect((await getCaseRow(store.db, 'P8000002'))?.result_override).toBeNull();
    // Redelivered: still one result, override unchanged.
    expect((await applyPush(store, '1001', [overridden])).acks[0].status).toBe('duplicate');
    expect(JSON.parse((await getCaseRow(store.db, 'P8000001'))?.result_override ?? 'null')).toEqual(override);
  });
});
