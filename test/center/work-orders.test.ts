import { randomUUID } from 'node:crypto';
import { enginesUnderTest } from './support/engines';
import { freshStoreEachTest, prepared, seedCases } from './support/seed';
import type { Store } from '../../center/store/open-store';
import { assignCases } from '../../center/assign/assign-cases';
import { escalateNearDeadline } from '../../center/assign/escalate';
import { applyPush } from '../../center/sync/push-service';
import { closeCase, getCaseRow } from '../../center/store/cases-repo';
import { closeWorkOrder, explainLateWorkOrder, listWorkOrders, raiseWorkOrderInTrx } from '../../center/work-orders/work-orders-repo';
import { followUpForResult } from '../../center/work-orders/follow-up-for-result';
import { readAudit } from '../../center/store/audit-repo';
import { pushItemSchema, type ParsedPushItem, type ResultItem } from '../../shared/sync';

const engines = await enginesUnderTest();

function result(policyNo: string, classification: string, kinds: string[] = [], id = randomUUID()): ParsedPushItem {
  return pushItemSchema.parse({ id, kind: 'result', policyNo, occurredAt: '2026-03-10T09:05:00+08:00', data: { classification, kinds } });
}

/** Seeds cases, assigns them and returns who holds each. */
async function assigned(store: Store, policyNos: string[]): Promise<Map<string, string>> {
  await seedCases(
    store,
    policyNos.map((p) => prepared(p)),
  );
  await assignCases(store, { capacity: 60, actor: '9001' });
  const holders = new Map<string, string>();
  for (const p of policyNos) holders.set(p, (await getCaseRow(store.db, p))?.assigned_to as string);
  return holders;
}

describe('follow-up of a pushed result (scheme of docs/domain.md §6/§7)', () => {
  const branch = { branch: { code: 'B9', name: '九分' } };
  it('standard needs none; the most severe pushed kind of the category sets the order', () => {
    expect(followUpForResult('standard', [], branch)).toBeNull();
    // forged signature and communication pushed together: the scheme lists forged signature first (第18条, 15 working days, not the seller)
    expect(followUpForResult('problem', ['communication', 'forged_signature'], branch)).toMatchObject({
      workOrderKind: 'mis_selling_resolution',
      deadlineWorkingDays: 15,
      sellerMayHandle: false,
      owner: { branchCode: 'B9', branchName: '九分' },
      ruleSource: 'kind',
    });
    expect(followUpForResult('problem', ['communication'], branch)).toMatchObject({
      workOrderKind: 'problem_explanation',
      deadlineWorkingDays: 3,
      sellerMayHandle: false,
    });
    // bare codes are read with the category's prefix (ver_wrong_number, mis_payment_term)
    expect(followUpForResult('verification', ['wrong_number'], branch)).toMatchObject({
      workOrderKind: 'verification_contact',
      deadlineWorkingDays: 3,
      sellerMayHandle: true,
      ruleSource: 'kind',
    });
    expect(followUpForResult('verification', ['shared_number'], branch)).toMatchObject({ sellerMayHandle: false });
    expect(followUpForResult('problem', ['payment_term'], branch)).toMatchObject({ workOrderKind: 'mis_selling_resolution', ruleSource: 'kind' });
    expect(followUpForResult('substandard', ['sub_payment_term'], branch)).toMatchObject({ workOrderKind: 'substandard_notice', sellerMayHandle: true });
  });

  it('unknown kinds fall back on the category, never on no order', () => {
    expect(followUpForResult('problem', ['something_new'], branch)).toMatchObject({
      workOrderKind: 'problem_explanation',
      deadlineWorkingDays: 3,
      sellerMayHandle: false,
      ruleSource: 'category',
    });
    expect(followUpForResult('verification', [], branch)).toMatchObject({ workOrderKind: 'verification_contact', ruleSource: 'category' });
    expect(followUpForResult('substandard', [], branch)).toMatchObject({ workOrderKind: 'substandard_notice', ruleSource: 'category' });
  });
});

describe.each(engines)('work orders on $name', (engine) => {
  let store: Store;
  freshStoreEachTest(engine, (s) => (store = s));

  it('a problem result raises exactly one order to the selling branch, due in working days across the 劳动节 holiday', async () => {
    const h = await assigned(store, ['PW000001']);
    const agent = h.get('PW000001') as string;
    // Thursday 2026-04-30; 1–5 May are the Labour Day holiday: 3 working days are 6, 7, 8 May.
    const item = result('PW000001', 'problem', ['communication']);
    const first = await applyPush(store, agent, [item], { today: '2026-04-30' });
    expect(first.acks[0].status).toBe('accepted');
    const orders = await listWorkOrders(store.db, {}, '2026-04-30');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      policyNo: 'PW000001',
      team: 'A',
      category: 'problem',
      kind: 'problem_explanation',
      resultKinds: ['communication'],
      owner: { branchCode: 'B001', branchName: '测试分公司' },
      sellerMayHandle: false,
      sellerCode: 'A001',
      raisedBy: agent,
      sourceItemId: item.id,
      fromDate: '2026-04-30',
      due: '2026-05-08',
      workingDays: 3,
      calendarUncertain: false,
      status: 'open',
      late: false,
    });
    expect(Number.isNaN(Date.parse(orders[0].createdAt))).toBe(false);

    // redelivered after a lost answer (even on a later day): a duplicate, no second order
    const again = await applyPush(store, agent, [item], { today: '2026-05-06' });
    expect(again.acks[0].status).toBe('duplicate');
    expect(await listWorkOrders(store.db, {}, '2026-05-06')).toHaveLength(1);
  });

  it('mis-selling (forged signature) is due in 15 working days over 清明 and may not be handled by the seller', async () => {
    const h = await assigned(store, ['PW000002']);
    await applyPush(store, h.get('PW000002') as string, [result('PW000002', 'problem', ['forged_signature'])], { today: '2026-04-02' });
    const [order] = await listWorkOrders(store.db, {}, '2026-04-02');
    // Thu 2 Apr; 4–6 Apr are 清明: 3 Apr, then 7–10, 13–17, 20–24 Apr → 24 Apr
    expect(order).toMatchObject({ kind: 'mis_selling_resolution', due: '2026-04-24', workingDays: 15, sellerMayHandle: false });
    const bySeller = await closeWorkOrder(store, order.id, { outcome: '已解释', handledBy: 'A001' }, '2001', '2026-04-10');
    expect(bySeller.ok || bySeller.error.code).toBe('invalid_request');
    const byOther = await closeWorkOrder(store, order.id, { outcome: '督导已上门解释，客户撤回投诉', handledBy: 'S077' }, '2001', '2026-04-10');
    expect(byOther.ok && byOther.value).toMatchObject({ status: 'done', late: false, handledBy: 'S077', closedBy: '2001' });
  });

  it('a verification result raised on a Friday is due the next Wednesday; a standard result raises none', async () => {
    const h = await assigned(store, ['PW000003', 'PW000004']);
    await applyPush(store, h.get('PW000003') as string, [result('PW000003', 'verification', ['wrong_number'])], { today: '2026-03-13' });
    await applyPush(store, h.get('PW000004') as string, [result('PW000004', 'standard')], { today: '2026-03-13' });
    const orders = await listWorkOrders(store.db, {}, '2026-03-13');
    expect(orders.map((o) => [o.policyNo, o.kind, o.due, o.sellerMayHandle])).toEqual([['PW000003', 'verification_contact', '2026-03-18', true]]);
    expect((await getCaseRow(store.db, 'PW000004'))?.status).toBe('completed');
  });

  it('a result for a case already closed elsewhere raises no order (the case is not handed to the branch)', async () => {
    const h = await assigned(store, ['PW000005']);
    await closeCase(store, 'PW000005', '客户已退保', '9001');
    const out = await applyPush(store, h.get('PW000005') as string, [result('PW000005', 'problem', ['forged_signature'])], { today: '2026-03-10' });
    expect(out.acks[0]).toMatchObject({ status: 'accepted', caseNote: 'already_closed' });
    expect(await listWorkOrders(store.db, {}, '2026-03-10')).toEqual([]);
  });

  it('the store refuses a second order for the same result even if asked directly', async () => {
    const h = await assigned(store, ['PW000006']);
    const item = result('PW000006', 'problem', ['communication']) as ResultItem;
    await applyPush(store, h.get('PW000006') as string, [item], { today: '2026-03-10' });
    const row = (await getCaseRow(store.db, 'PW000006'))!;
    await expect(store.db.transaction().execute((trx) => raiseWorkOrderInTrx(trx, row, item, '1001', { today: '2026-03-10' }))).rejects.toThrow();
    expect(await listWorkOrders(store.db, {}, '2026-03-10')).toHaveLength(1);
  });

  it('detects overdue orders; closing late needs a 逾期说明; filters by branch, status and lateness', async () => {
    const h = await assigned(store, ['PW000007', 'PW000008']);
    await applyPush(store, h.get('PW000007') as string, [result('PW000007', 'problem', ['communication'])], { today: '2026-03-10' }); // due Fri 03-13
    await applyPush(store, h.get('PW000008') as string, [result('PW000008', 'verification', ['refused'])], { today: '2026-03-12' }); // due Tue 03-17
    const [a, b] = await listWorkOrders(store.db, {}, '2026-03-13');
    expect([a.due, b.due]).toEqual(['2026-03-13', '2026-03-17']);
    // the due day itself is still in time; the weekend after it is not
    expect((await listWorkOrders(store.db, { status: 'overdue' }, '2026-03-13')).length).toBe(0);
    const monday = '2026-03-16';
    const overdue = await listWorkOrders(store.db, { status: 'overdue' }, monday);
    expect(overdue.map((o) => o.policyNo)).toEqual(['PW000007']);
    expect(overdue[0]).toMatchObject({ status: 'overdue', late: true });
    expect((await listWorkOrders(store.db, { status: 'open' }, monday)).map((o) => o.policyNo)).toEqual(['PW000008']);
    expect(await listWorkOrders(store.db, { branchCode: 'B001', late: true }, monday)).toHaveLength(1);
    expect(await listWorkOrders(store.db, { branchCode: 'OTHER' }, monday)).toEqual([]);

    const noReason = await closeWorkOrder(store, a.id, { outcome: '已向客户解释' }, '2001', monday);
    expect(noReason.ok || noReason.error.code).toBe('invalid_request');
    const early = await explainLateWorkOrder(store, b.id, '不需要', '2001', monday);
    expect(early.ok || early.error.code).toBe('conflict');
    const explained = await explainLateWorkOrder(store, a.id, '分公司负责人出差，延误两日', '2001', monday);
    expect(explained.ok && explained.value.lateExplanation).toBe('分公司负责人出差，延误两日');
    expect((await explainLateWorkOrder(store, a.id, '再说一次', '2001', monday)).ok).toBe(false);
    const closed = await closeWorkOrder(store, a.id, { outcome: '已向客户解释，客户认可' }, '2001', monday);
    expect(closed.ok && closed.value).toMatchObject({ status: 'done', late: true, outcome: '已向客户解释，客户认可' });
    expect((await closeWorkOrder(store, a.id, { outcome: '再次办结' }, '2001', monday)).ok).toBe(false);
    // done late still counts as late (monthly report: overdue orders, docs/domain.md §8), done in time does not
    expect((await listWorkOrders(store.db, { late: true }, monday)).map((o) => o.policyNo)).toEqual(['PW000007']);
    const onTime = await closeWorkOrder(store, b.id, { outcome: '已确认正确联系电话' }, '2001', monday);
    expect(onTime.ok && onTime.value).toMatchObject({ status: 'done', late: false });
    expect((await listWorkOrders(store.db, { status: 'done' }, '2026-04-30')).map((o) => [o.policyNo, o.late])).toEqual([
      ['PW000007', true],
      ['PW000008', false],
    ]);

    const actions = (await readAudit(store, { actor: '2001' })).map((e) => e.action);
    expect(actions.filter((x) => x === 'work_order.close')).toHaveLength(2);
    expect(actions).toContain('work_order.late_explanation');
  });

  it('a late explanation given with the closing is recorded with it', async () => {
    const h = await assigned(store, ['PW000009']);
    await applyPush(store, h.get('PW000009') as string, [result('PW000009', 'substandard', ['sub_non_guaranteed'])], { today: '2026-03-10' });
    const [o] = await listWorkOrders(store.db, {}, '2026-03-20');
    const closed = await closeWorkOrder(store, o.id, { outcome: '已告知', lateExplanation: '系统故障' }, '9001', '2026-03-20');
    expect(closed.ok && closed.value).toMatchObject({ lateExplanation: '系统故障', lateExplainedBy: '9001', late: true });
  });

  it('escalates by working days: from a Friday, 2 working days reach Tuesday; before 劳动节 they reach past it', async () => {
    await seedCases(
      store,
      ['PE000001', 'PE000002', 'PE000003', 'PE000004'].map((p) => prepared(p)),
    );
    const setDeadline = (p: string, d: string) => store.db.updateTable('cases').set({ deadline: d }).where('policy_no', '=', p).execute();
    await setDeadline('PE000001', '2026-03-17'); // Tue: within 2 working days of Fri 03-13 (Mon, Tue)
    await setDeadline('PE000002', '2026-03-18'); // Wed: not yet
    await setDeadline('PE000003', '2026-05-07'); // Thu after the holiday: within 2 working days of 04-30 (6, 7 May)
    await setDeadline('PE000004', '2026-05-08');
    const fri = await escalateNearDeadline(store, '2026-03-13', 2);
    expect(fri.limit).toBe('2026-03-17');
    expect(fri.escalated.map((e) => e.policyNo)).toEqual(['PE000001']);
    const beforeHoliday = await escalateNearDeadline(store, '2026-04-30', 2);
    expect(beforeHoliday.limit).toBe('2026-05-07');
    expect(beforeHoliday.escalated.map((e) => e.policyNo).sort()).toEqual(['PE000002', 'PE000003']);
    expect(beforeHoliday.calendarUncertain).toBe(false);
    expect((await getCaseRow(store.db, 'PE000004'))?.escalated).toBe(0);
  });
});
