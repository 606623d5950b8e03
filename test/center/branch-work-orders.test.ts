import { randomUUID } from 'node:crypto';
import { assignCases } from '../../center/assign/assign-cases';
import { escalateNearDeadline } from '../../center/assign/escalate';
import { applyPush } from '../../center/sync/push-service';
import { getCaseRow } from '../../center/store/cases-repo';
import { readAudit } from '../../center/store/audit-repo';
import { pushItemSchema } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { PASSWORD, prepared, seedCases, TODAY } from './support/seed';
import { startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { addBranchUser, consoleCall, consoleSignIn, type ConsoleBrowser } from './support/console-client';

const engines = await enginesUnderTest();

// The test centre's today is 2026-03-10 (Tuesday). Branch codes are hierarchical: 861101 is under 8611.
const CASES: [string, string][] = [
  ['PB000001', '861101'],
  ['PB000002', '8611'],
  ['PB000003', '8612'],
  ['PB000004', '8611'],
  ['PB000005', '8611'],
  ['PB000006', '8611'],
];

const result = (policyNo: string, classification: string, kinds: string[], answers?: Record<string, string>) =>
  pushItemSchema.parse({ id: randomUUID(), kind: 'result', policyNo, occurredAt: '2026-03-10T09:05:00+08:00', data: { classification, kinds, answers } });

describe.each(engines)('branch work orders on $name (shared/sync/branch-console.ts; docs/domain.md §7)', (engine) => {
  let center: TestCenter;
  const ids: Record<string, number> = {};
  const as: Record<string, ConsoleBrowser> = {};
  const holder = async (policyNo: string) => (await getCaseRow(center.context.store.db, policyNo))?.assigned_to as string;
  const push = async (policyNo: string, item: ReturnType<typeof result>, today = TODAY) =>
    applyPush(center.context.store, await holder(policyNo), [item], { today });
  const detail = async (id: number, who = '5001') => consoleCall(center.url, 'GET', `/api/branch/work-orders/${id}`, as[who]);

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    await seedCases(
      store,
      CASES.map(([p, code]) =>
        prepared(p, { overrides: { branch: { code, name: `机构${code}` }, agent: { code: '7001' }, policyholder: { name: '张小三' } } }),
      ),
    );
    await assignCases(store, { capacity: 60, actor: 'test' });
    await push('PB000001', result('PB000001', 'problem', ['communication'], { signature: 'no', receipt: 'yes' }), '2026-03-02');
    await push('PB000002', result('PB000002', 'verification', ['wrong_number']));
    await push('PB000003', result('PB000003', 'problem', ['communication']));
    await push('PB000004', result('PB000004', 'problem', ['forged_signature']));
    await push('PB000005', result('PB000005', 'problem', ['communication']));
    await push('PB000006', result('PB000006', 'verification', ['not_reached']));
    for (const [p] of CASES) ids[p] = (await store.db.selectFrom('work_orders').select('id').where('policy_no', '=', p).executeTakeFirstOrThrow()).id;
    for (const [s, code] of [
      ['5001', '8611'],
      ['5002', '861101'],
      ['5003', '8612'],
    ]) {
      await addBranchUser(store, s, code);
      as[s] = (await consoleSignIn(center.url, s)).browser!;
    }
  });
  afterAll(async () => center.close());

  it('a branch sees its own and its sub-branches’ orders, overdue first, counted down in working days', async () => {
    const list = await consoleCall(center.url, 'GET', '/api/branch/work-orders', as['5001']);
    expect(list.status).toBe(200);
    const rows = list.json.value.orders as { policyNo: string; kind: string; status: string; workingDaysLeft: number; holderName: string }[];
    expect(rows.map((o) => o.policyNo)).toEqual(['PB000001', 'PB000006', 'PB000002', 'PB000005', 'PB000004']);
    expect(list.json.value.total).toBe(5);
    // Raised Mon 2 Mar, due Thu 5 Mar; on Tue 10 Mar three working days (6, 9, 10) are past it.
    expect(rows[0]).toMatchObject({ status: 'overdue', due: '2026-03-05', workingDaysLeft: -3, holderName: '张*三' });
    // An unsuccessful case is handed over within 1 working day (docs/domain.md §7): due Wed 11 Mar.
    expect(rows[1]).toMatchObject({ kind: 'unsuccessful_handover', status: 'open', due: '2026-03-11', workingDaysLeft: 1 });
    expect(rows[2]).toMatchObject({ kind: 'verification_contact', status: 'open', due: '2026-03-13', workingDaysLeft: 3 });
    const sub = await consoleCall(center.url, 'GET', '/api/branch/work-orders', as['5002']);
    expect(sub.json.value.orders.map((o: { policyNo: string }) => o.policyNo)).toEqual(['PB000001']);
    expect(await readAudit(center.context.store, { actor: '5002', action: 'personal_data.branch_work_orders_read' })).toHaveLength(1);
    const limited = await consoleCall(center.url, 'GET', '/api/branch/work-orders?status=overdue&limit=1', as['5001']);
    expect([limited.json.value.orders.length, limited.json.value.total]).toEqual([1, 1]);
  });

  it('the sign-in carries the first orders of the list when asked, read and audited as the list is; other roles get the session alone (README "Web console")', async () => {
    const signIn = async (staffNo: string, extra: Record<string, unknown>) => {
      const res = await fetch(`${center.url}/api/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffNo, password: PASSWORD, ...extra }),
      });
      return { status: res.status, json: (await res.json()) as Json };
    };
    const before = (await readAudit(center.context.store, { actor: '5001', action: 'personal_data.branch_work_orders_read' })).length;
    const carried = await signIn('5001', { firstOrders: 2 });
    expect(carried.status).toBe(200);
    const list = await consoleCall(center.url, 'GET', '/api/branch/work-orders?limit=2', as['5001']);
    expect(carried.json.value.orders).toEqual(list.json.value);
    expect(carried.json.value.orders.total).toBe(5);
    expect(carried.json.value.user.staffNo).toBe('5001');
    expect(await readAudit(center.context.store, { actor: '5001', action: 'personal_data.branch_work_orders_read' })).toHaveLength(before + 2);
    expect((await signIn('5001', {})).json.value).not.toHaveProperty('orders');
    // A team lead's console has no order list: asking for it signs in without reading any.
    const lead = await signIn('2001', { firstOrders: 100 });
    expect(lead.status).toBe(200);
    expect(lead.json.value).not.toHaveProperty('orders');
    const bad = await signIn('5001', { firstOrders: 0 });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);
  });

  it("another branch's order is 403; the detail shows masked facts, the findings without recording, and is audited", async () => {
    const other = await detail(ids.PB000001, '5003');
    expect([other.status, other.json.error.code]).toEqual([403, 'forbidden']);
    const d = await detail(ids.PB000001, '5002');
    expect(d.status).toBe(200);
    expect(d.json.value.facts.holderPhone).toContain('*');
    expect(d.json.value.findings).toMatchObject({ result: 'problem', resultKinds: ['communication'] });
    expect(d.json.value.findings.answers.map((a: { questionId: string }) => a.questionId)).toEqual(['signature']);
    expect(d.json.value.sellerMayHandle).toBe(false);
    expect(await readAudit(center.context.store, { actor: '5002', action: 'work_order.view' })).toHaveLength(1);
  });

  it('a write without the CSRF header is 403 and changes nothing; a stale or repeated form is 409 stale_version', async () => {
    const url = `/api/branch/work-orders/${ids.PB000002}/follow-ups`;
    const body = { action: 'contacted_explained', note: '已电话联系客户', version: 0 };
    const noCsrf = await consoleCall(center.url, 'POST', url, as['5001'], body, null);
    expect([noCsrf.status, noCsrf.json.error.code]).toEqual([403, 'csrf_failed']);
    expect((await detail(ids.PB000002)).json.value).toMatchObject({ version: 0, events: [] });
    const first = await consoleCall(center.url, 'POST', url, as['5001'], body);
    expect(first.status).toBe(200);
    expect(first.json.value).toMatchObject({ version: 1, events: [{ type: 'follow_up', action: 'contacted_explained', by: '5001' }] });
    const twice = await consoleCall(center.url, 'POST', url, as['5001'], body);
    expect([twice.status, twice.json.error.code]).toEqual([409, 'stale_version']);
    expect((await detail(ids.PB000002)).json.value.events).toHaveLength(1);
    const otherBranch = await consoleCall(center.url, 'POST', url, as['5003'], { ...body, version: 1 });
    expect([otherBranch.status, otherBranch.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('the same form submitted twice at once: exactly one is applied, the other is 409 stale_version', async () => {
    const url = `/api/branch/work-orders/${ids.PB000006}/follow-ups`;
    const body = { action: 'customer_unreachable', note: '两次提交', version: 0 };
    const both = await Promise.all([consoleCall(center.url, 'POST', url, as['5001'], body), consoleCall(center.url, 'POST', url, as['5001'], body)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await detail(ids.PB000006)).json.value).toMatchObject({ version: 1, events: [{ type: 'follow_up', note: '两次提交' }] });
  });

  it('past due a close needs a 逾期说明; once closed, any edit is 409 order_closed', async () => {
    const url = `/api/branch/work-orders/${ids.PB000001}/close`;
    const body = { resolution: 'resolved', outcome: '已向客户解释', handledBy: '5002', version: 0 };
    const noExplanation = await consoleCall(center.url, 'POST', url, as['5002'], body);
    expect([noExplanation.status, noExplanation.json.error.code]).toEqual([400, 'invalid_request']);
    expect(noExplanation.json.error.message.zh).toContain('逾期说明');
    expect((await detail(ids.PB000001, '5002')).json.value).toMatchObject({ version: 0, status: 'overdue' });
    const closed = await consoleCall(center.url, 'POST', url, as['5002'], { ...body, lateExplanation: '客户出差，无法联系' });
    expect(closed.status).toBe(200);
    expect(closed.json.value).toMatchObject({ status: 'done', lateExplanation: '客户出差，无法联系', outcome: '已向客户解释', version: 1 });
    expect(closed.json.value.events.map((e: { type: string }) => e.type)).toEqual(['late_explanation', 'closed']);
    const edit = await consoleCall(center.url, 'POST', `/api/branch/work-orders/${ids.PB000001}/follow-ups`, as['5002'], {
      action: 'other',
      note: 'x',
      version: 1,
    });
    expect([edit.status, edit.json.error.code]).toEqual([409, 'order_closed']);
  });

  it('a mis-selling order may not be handled by the seller (基本服务规定 第18条)', async () => {
    const url = `/api/branch/work-orders/${ids.PB000004}/close`;
    const bySeller = await consoleCall(center.url, 'POST', url, as['5001'], { resolution: 'resolved', outcome: '已处理', handledBy: '7001', version: 0 });
    expect([bySeller.status, bySeller.json.error.code]).toEqual([400, 'invalid_request']);
    expect(bySeller.json.error.message.zh).toContain('第18条');
    expect((await detail(ids.PB000004)).json.value).toMatchObject({ version: 0, status: 'open' });
    const byOther = await consoleCall(center.url, 'POST', url, as['5001'], { resolution: 'resolved', outcome: '已处理', handledBy: '7777', version: 0 });
    expect(byOther.json.value.status).toBe('done');
  });

  it('a corrected phone sends the case back first in line, straight to the agent of its last call; the revisit’s standard result closes the order', async () => {
    const store = center.context.store;
    const bad = await consoleCall(center.url, 'POST', `/api/branch/work-orders/${ids.PB000002}/phone`, as['5001'], { phone: '12345', version: 1 });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);
    const fixed = await consoleCall(center.url, 'POST', `/api/branch/work-orders/${ids.PB000002}/phone`, as['5001'], { phone: '139 1234 5678', version: 1 });
    expect(fixed.status).toBe(200);
    expect(fixed.json.value.facts.holderPhone).toMatch(/^139\*+5678$/);
    const returned = await getCaseRow(store.db, 'PB000002');
    // The agent who made the last call (still active in the team) has it back at once, and their desk's feed says so.
    expect(returned).toMatchObject({ status: 'assigned', kind: 'returned', assigned_to: '1002' });
    const feed = await store.db.selectFrom('changes').selectAll().where('policy_no', '=', 'PB000002').where('staff_no', '=', '1002').execute();
    expect(feed.at(-1)).toMatchObject({ op: 'upsert', reason: 'assigned' });
    const others = await store.db.selectFrom('cases').select('priority').where('team', '=', 'A').where('policy_no', '<>', 'PB000002').execute();
    expect(others.every((o) => Number(o.priority) > Number(returned!.priority))).toBe(true);
    // Escalating every case near its deadline does not push it back behind them.
    expect(returned!.deadline).not.toBeNull();
    await escalateNearDeadline(store, '2027-12-31');
    expect(await getCaseRow(store.db, 'PB000002')).toMatchObject({ escalated: 1, priority: returned!.priority });
    await assignCases(store, { capacity: 60, actor: 'test' });
    await push('PB000002', result('PB000002', 'standard', []));
    const after = (await detail(ids.PB000002)).json.value;
    expect(after.status).toBe('done');
    expect(after.events.map((e: { type: string }) => e.type)).toEqual(['follow_up', 'phone', 'closed']);
    const orders = await store.db.selectFrom('work_orders').select('id').where('policy_no', '=', 'PB000002').execute();
    expect(orders).toHaveLength(1);
  });

  it('a close with `revisit` returns the case; a non-standard revisit result reopens the same order with a new deadline', async () => {
    const store = center.context.store;
    const close = await consoleCall(center.url, 'POST', `/api/branch/work-orders/${ids.PB000005}/close`, as['5001'], {
      resolution: 'revisit',
      outcome: '客户要求再次回访',
      handledBy: '7777',
      version: 0,
    });
    expect(close.json.value).toMatchObject({ status: 'done' });
    expect(await getCaseRow(store.db, 'PB000005')).toMatchObject({ status: 'assigned', kind: 'returned', assigned_to: '1001' });
    await assignCases(store, { capacity: 60, actor: 'test' });
    await push('PB000005', result('PB000005', 'problem', ['communication']), '2026-03-11');
    const reopened = (await detail(ids.PB000005)).json.value;
    expect(reopened).toMatchObject({ status: 'open', due: '2026-03-16', outcome: null, closedAt: null });
    expect(reopened.events.map((e: { type: string }) => e.type)).toEqual(['closed', 'reopened']);
    expect(await store.db.selectFrom('work_orders').select('id').where('policy_no', '=', 'PB000005').execute()).toHaveLength(1);
  });

  it('when the agent of the last call is no longer active, the returned case waits unassigned, first in its team’s line (docs/domain.md §7)', async () => {
    const store = center.context.store;
    const agent = (await getCaseRow(store.db, 'PB000006'))!.result_by!;
    await store.db.updateTable('users').set({ active: 0 }).where('staff_no', '=', agent).execute();
    try {
      const close = await consoleCall(center.url, 'POST', `/api/branch/work-orders/${ids.PB000006}/close`, as['5001'], {
        resolution: 'revisit',
        outcome: '客户要求再次回访',
        handledBy: '7777',
        version: 1,
      });
      expect(close.json.value).toMatchObject({ status: 'done' });
      expect(await getCaseRow(store.db, 'PB000006')).toMatchObject({ status: 'returned', kind: 'returned', assigned_to: null });
    } finally {
      await store.db.updateTable('users').set({ active: 1 }).where('staff_no', '=', agent).execute();
    }
  });
});
