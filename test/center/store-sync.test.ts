import { randomUUID } from 'node:crypto';
import { enginesUnderTest } from './support/engines';
import { PASSWORD, TODAY, freshStoreEachTest, prepared, seedCases } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { assignCases } from '../../center/assign/assign-cases';
import { escalateNearDeadline } from '../../center/assign/escalate';
import { applyPush } from '../../center/sync/push-service';
import { pullChanges } from '../../center/sync/pull-service';
import { closeCase, getCaseRow, reassignCase } from '../../center/store/cases-repo';
import { AuthService } from '../../center/auth/auth-service';
import { toNum } from '../../center/store/to-num';
import { storeImportChunk } from '../../center/store/import-repo';
import { consumeRefreshToken, REUSE_GRACE_MS } from '../../center/store/refresh-tokens-repo';
import { pushItemSchema, type ParsedPushItem, type PullResponse } from '../../shared/sync';

const engines = await enginesUnderTest();

function attempt(policyNo: string, id = randomUUID()): ParsedPushItem {
  return pushItemSchema.parse({
    id,
    kind: 'attempt',
    policyNo,
    occurredAt: '2026-03-10T09:00:00+08:00',
    data: { channel: 'phone', outcome: 'connected', durationSec: 120 },
  });
}
function result(policyNo: string, classification = 'standard', id = randomUUID()): ParsedPushItem {
  return pushItemSchema.parse({ id, kind: 'result', policyNo, occurredAt: '2026-03-10T09:05:00+08:00', data: { classification } });
}
async function pullAll(store: Store, staffNo: string, cursor: string | null): Promise<PullResponse> {
  const r = await pullChanges(store, staffNo, cursor, 200);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

describe.each(engines)('case centre store on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('counts come back as numbers through toNum on both engines (PostgreSQL gives strings)', async () => {
    await seedCases(store, [prepared('P1000001'), prepared('P1000002')]);
    const row = await store.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(toNum(row.n)).toBe(2);
    if (engine.name === 'postgres') expect(typeof row.n).toBe('string');
  });

  it('assigns by team, by dialect and by load; 60+ policyholders get a human phone visit', async () => {
    await seedCases(store, [
      prepared('P2000001'),
      prepared('P2000002'),
      prepared('P2000003', { language: 'cantonese' }),
      prepared('P2000004', { team: 'B' }),
      prepared('P2000005', { team: 'C' }),
      prepared('P2000006', { language: 'hakka' }),
      prepared('P2000007', { overrides: { policyholder: { birthDate: '1950-01-01' } } }),
    ]);
    const out = await assignCases(store, { capacity: 60, actor: '9001' });
    const by = new Map(out.assigned.map((a) => [a.policyNo, a.staffNo]));
    expect(by.get('P2000003')).toBe('1002'); // only 1002 speaks Cantonese
    expect(by.get('P2000004')).toBe('1101'); // team B
    expect(out.unassigned).toEqual(
      expect.arrayContaining([
        { policyNo: 'P2000005', reason: 'no_agent_in_team' },
        { policyNo: 'P2000006', reason: 'no_agent_with_language' },
      ]),
    );
    const teamA = out.assigned.filter((a) => a.staffNo === '1001' || a.staffNo === '1002');
    const loads = ['1001', '1002'].map((s) => teamA.filter((a) => a.staffNo === s).length);
    expect(Math.abs(loads[0] - loads[1])).toBeLessThanOrEqual(1);
    const old = await getCaseRow(store.db, 'P2000007');
    expect(old?.visit_mode).toBe('human_phone');
    expect((await getCaseRow(store.db, 'P2000001'))?.visit_mode).toBe('phone');
  });

  it('verification and returned cases are assigned before new ones when capacity is short (docs/domain.md §7)', async () => {
    await seedCases(store, [
      prepared('P3000001'),
      prepared('P3000002', { kind: 'returned', returnMonth: '2025-12' }),
      prepared('P3000003', { kind: 'returned', returnMonth: '2026-02' }),
      prepared('P3000004', { kind: 'verification' }),
    ]);
    const out = await assignCases(store, { capacity: 1, actor: '9001' });
    // Two agents in team A with capacity 1 each: the verification case and last month's returned case win.
    expect(out.assigned.map((a) => a.policyNo).sort()).toEqual(['P3000003', 'P3000004']);
  });

  it('pull gives a snapshot, then deltas; reassignment drops the case from the first agent', async () => {
    await seedCases(store, [prepared('P4000001'), prepared('P4000002')]);
    await assignCases(store, { capacity: 1, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P4000001'))?.assigned_to as string;
    const other = holder === '1001' ? '1002' : '1001';
    const snap = await pullAll(store, holder, null);
    expect(snap.snapshot).toBe(true);
    expect(snap.upserts.map((u) => u.policyNo)).toEqual(['P4000001']);
    const empty = await pullAll(store, holder, snap.cursor);
    expect(empty.upserts).toEqual([]);
    expect(empty.drops).toEqual([]);

    const re = await reassignCase(store, 'P4000001', other, '2001');
    expect(re.ok).toBe(true);
    const after = await pullAll(store, holder, snap.cursor);
    expect(after.drops).toEqual([{ policyNo: 'P4000001', reason: 'reassigned' }]);
    const otherSnap = await pullAll(store, other, null);
    expect(otherSnap.upserts.map((u) => u.policyNo).sort()).toEqual(['P4000001', 'P4000002']);
  });

  it('a malformed or foreign cursor is a typed error', async () => {
    const bad = await pullChanges(store, '1001', 'garbage', 10);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_cursor');
    const future = await pullChanges(store, '1001', 'c1-999999', 10);
    expect(future.ok).toBe(false);
  });

  it('push is exactly once: repeating a batch (timeout, restart) stores and counts nothing twice', async () => {
    await seedCases(store, [prepared('P5000001')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P5000001'))?.assigned_to as string;
    const batch = [attempt('P5000001'), attempt('P5000001'), result('P5000001')];
    const first = await applyPush(store, holder, batch);
    expect(first.acks.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const again = await applyPush(store, holder, batch);
    expect(again.acks.map((a) => a.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const row = await getCaseRow(store.db, 'P5000001');
    expect(row?.attempt_count).toBe(2);
    expect(row?.status).toBe('completed');
    const n = await store.db
      .selectFrom('sync_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(toNum(n.n)).toBe(3);
  });

  it('an attempt cut off after identity keeps the answers it carries to the next call (docs/domain.md §6): stored with the attempt, the case stays open', async () => {
    await seedCases(store, [prepared('P5000009')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P5000009'))?.assigned_to as string;
    const carried = { cutOffAt: '2026-03-10T09:03:00+08:00', answers: { insurance_nature: 'no->pending' } };
    const item = pushItemSchema.parse({
      id: randomUUID(),
      kind: 'attempt',
      policyNo: 'P5000009',
      occurredAt: '2026-03-10T09:00:00+08:00',
      data: { channel: 'phone', outcome: 'hung_up', carried },
    });
    expect((await applyPush(store, holder, [item])).acks[0].status).toBe('accepted');
    const kept = await store.db.selectFrom('sync_items').select('payload').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(JSON.parse(kept.payload)).toMatchObject({ data: { carried } });
    expect((await getCaseRow(store.db, 'P5000009'))?.status).toBe('in_progress');
  });

  it('an id reused for different content, an unknown case and a never-assigned case are rejected and change nothing', async () => {
    await seedCases(store, [prepared('P6000001')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P6000001'))?.assigned_to as string;
    const stranger = '1101';
    const a = attempt('P6000001');
    await applyPush(store, holder, [a]);
    const out = await applyPush(store, holder, [{ ...a, data: { ...(a as { data: object }).data, durationSec: 999 } } as ParsedPushItem, attempt('NOPE0001')]);
    expect(out.acks.map((x) => [x.status, x.reason?.code])).toEqual([
      ['rejected', 'id_reused'],
      ['rejected', 'unknown_case'],
    ]);
    const foreign = await applyPush(store, stranger, [attempt('P6000001')]);
    expect(foreign.acks[0].reason?.code).toBe('not_assigned');
    expect((await getCaseRow(store.db, 'P6000001'))?.attempt_count).toBe(1);
  });

  it('a case reassigned while the first agent was offline: the result is accepted and attributed to who called', async () => {
    await seedCases(store, [prepared('P7000001')]);
    await store.db.updateTable('users').set({ active: 0 }).where('staff_no', '=', '1002').execute();
    await assignCases(store, { capacity: 60, actor: '9001' });
    expect((await getCaseRow(store.db, 'P7000001'))?.assigned_to).toBe('1001');
    await store.db.updateTable('users').set({ active: 1 }).where('staff_no', '=', '1002').execute();
    const snap2 = await pullAll(store, '1002', null);
    await reassignCase(store, 'P7000001', '1002', '2001'); // 1001 is offline meanwhile
    const offline = [attempt('P7000001'), result('P7000001', 'substandard')];
    const acks = await applyPush(store, '1001', offline);
    expect(acks.acks.every((a) => a.status === 'accepted' && a.attributedTo === '1001' && a.caseNote === 'reassigned')).toBe(true);
    const row = await getCaseRow(store.db, 'P7000001');
    expect(row?.status).toBe('completed');
    expect(row?.result_by).toBe('1001');
    // The new holder is told to drop it.
    const delta = await pullAll(store, '1002', snap2.cursor);
    expect(delta.drops).toEqual([{ policyNo: 'P7000001', reason: 'completed' }]);
  });

  it('a case closed elsewhere: the workstation is told to drop it; a late result is still recorded', async () => {
    await seedCases(store, [prepared('P8000001')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P8000001'))?.assigned_to as string;
    const snap = await pullAll(store, holder, null);
    const closed = await closeCase(store, 'P8000001', 'surrendered', '9001');
    expect(closed.ok && closed.value.touched).toEqual([holder]);
    const delta = await pullAll(store, holder, snap.cursor);
    expect(delta.drops).toEqual([{ policyNo: 'P8000001', reason: 'closed' }]);
    const late = await applyPush(store, holder, [result('P8000001')]);
    expect(late.acks[0]).toMatchObject({ status: 'accepted', caseNote: 'already_closed' });
    expect((await getCaseRow(store.db, 'P8000001'))?.status).toBe('closed');
  });

  it('re-import updates a waiting case without duplicating it and never disturbs a case in progress', async () => {
    await seedCases(store, [prepared('P9000001'), prepared('P9000002')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'P9000002'))?.assigned_to as string;
    await applyPush(store, holder, [attempt('P9000002')]);
    const changed = { overrides: { policyholder: { address: '测试省新地址2号' } } };
    const out = await storeImportChunk(store, [prepared('P9000001', changed), prepared('P9000002', changed)], TODAY);
    expect(out.outcomes).toEqual(['updated', 'kept_in_progress']);
    const same = await storeImportChunk(store, [prepared('P9000001', changed)], TODAY);
    expect(same.outcomes).toEqual(['unchanged']);
    const rows = await store.db.selectFrom('cases').select(['policy_no', 'data']).orderBy('policy_no').execute();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0].data).policyholder.address).toBe('测试省新地址2号');
    expect(JSON.parse(rows[1].data).policyholder.address).not.toBe('测试省新地址2号');
  });

  it('a verification result waits for the branch; re-imported as 核实件 it is queued again ahead of new work', async () => {
    await seedCases(store, [prepared('PR000001')]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const holder = (await getCaseRow(store.db, 'PR000001'))?.assigned_to as string;
    await applyPush(store, holder, [attempt('PR000001'), result('PR000001', 'verification')]);
    expect((await getCaseRow(store.db, 'PR000001'))?.status).toBe('awaiting_branch');
    const plain = await storeImportChunk(store, [prepared('PR000001')], TODAY);
    expect(plain.outcomes).toEqual(['kept_in_progress']);
    await seedCases(store, [prepared('PR000002'), prepared('PR000003')]);
    const back = await storeImportChunk(store, [prepared('PR000001', { kind: 'verification' })], TODAY);
    expect(back.outcomes).toEqual(['reopened']);
    const out = await assignCases(store, { capacity: 1, actor: '9001' });
    expect(out.assigned.map((a) => a.policyNo)).toContain('PR000001');
    expect(out.assigned[0].policyNo).toBe('PR000001');
  });

  it('escalates cases near their deadline once and tells the holder', async () => {
    await seedCases(store, [
      prepared('PA000001'),
      prepared('PA000002', { overrides: { dates: { receiptSigned: '2026-03-09', receiptEntered: '2026-03-09', receiptWrittenOff: '2026-03-09' } } }),
    ]);
    await assignCases(store, { capacity: 60, actor: '9001' });
    const deadline1 = (await getCaseRow(store.db, 'PA000001'))?.deadline as string;
    // 5 working days from Tuesday 2026-03-10 reach Tuesday 03-17 (the window counts working days).
    const esc = await escalateNearDeadline(store, TODAY, 5);
    expect(esc.limit).toBe('2026-03-17');
    expect(esc.escalated.map((e) => e.policyNo)).toEqual(['PA000001']);
    expect(deadline1 <= '2026-03-17').toBe(true);
    expect((await escalateNearDeadline(store, TODAY, 5)).escalated).toEqual([]);
    expect((await getCaseRow(store.db, 'PA000001'))?.escalated).toBe(1);
  });

  it('refresh tokens rotate; a repeat within the grace period (lost answer) re-issues, a later replay revokes the session', async () => {
    const auth = await AuthService.create(store);
    const login = await auth.login('1001', PASSWORD);
    if (!login.ok) throw new Error('login failed');
    const wrong = await auth.login('1001', 'wrong-password');
    expect(wrong.ok || wrong.error.code).toBe('bad_credentials');
    const r1 = await auth.refresh(login.value.refreshToken);
    if (!r1.ok) throw new Error('refresh failed');
    // The answer to r1 was lost: the client repeats with the old token at once and gets a new pair.
    const retry = await auth.refresh(login.value.refreshToken);
    if (!retry.ok) throw new Error('the repeat within the grace period should succeed');
    const next = await auth.refresh(retry.value.refreshToken);
    if (!next.ok) throw new Error('normal rotation after the repeat should succeed');
    // r1's token was retired by the repeat; using it anyway means two holders: revoke the session.
    expect((await auth.refresh(r1.value.refreshToken)).ok).toBe(false);
    expect((await auth.refresh(next.value.refreshToken)).ok).toBe(false);
    // A replay long after the rotation is theft, too.
    const login2 = await auth.login('1001', PASSWORD);
    if (!login2.ok) throw new Error('login failed');
    const r2 = await auth.refresh(login2.value.refreshToken);
    if (!r2.ok) throw new Error('refresh failed');
    const late = await consumeRefreshToken(store, login2.value.refreshToken, Date.now() + REUSE_GRACE_MS + 5000);
    expect(late).toEqual({ ok: false, reason: 'reused' });
    expect((await auth.refresh(r2.value.refreshToken)).ok).toBe(false);
    expect((await auth.authenticate(`Bearer ${login.value.accessToken}`)).ok).toBe(true); // access tokens simply expire
    await auth.logout(login.value.refreshToken, '1001');
  });

  it('after logout no refresh token of the session works, not even within the grace period', async () => {
    const auth = await AuthService.create(store);
    const login = await auth.login('1002', PASSWORD);
    if (!login.ok) throw new Error('login failed');
    const r1 = await auth.refresh(login.value.refreshToken);
    if (!r1.ok) throw new Error('refresh failed');
    await auth.logout(r1.value.refreshToken, '1002');
    expect((await auth.refresh(r1.value.refreshToken)).ok).toBe(false);
    expect((await auth.refresh(login.value.refreshToken)).ok).toBe(false);
  });
});
