import { randomUUID } from 'node:crypto';
import { assignCases } from '../../center/assign/assign-cases';
import { getCaseRow } from '../../center/store/cases-repo';
import { applyPush } from '../../center/sync/push-service';
import { readAudit } from '../../center/store/audit-repo';
import { pushItemSchema } from '../../shared/sync';
import { prepared, seedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';
import { stateDigest } from './support/state-digest';

// The test centre's today is 2026-03-10 (Tuesday).
let center: TestCenter;
let holderA: string;
let holderB: string;
const tokens: Record<string, string> = {};

const resultItem = (policyNo: string, classification: string, kinds: string[] = []) => ({
  id: randomUUID(),
  kind: 'result',
  policyNo,
  occurredAt: '2026-03-10T09:05:00+08:00',
  data: { classification, kinds },
});

beforeAll(async () => {
  center = await startTestCenter();
  const store = center.context.store;
  await seedCases(store, [prepared('PH000001'), prepared('PH000002'), prepared('PH000003'), prepared('PH000004', { team: 'B' })]);
  await assignCases(store, { capacity: 60, actor: 'test' });
  holderA = (await getCaseRow(store.db, 'PH000001'))?.assigned_to as string;
  holderB = (await getCaseRow(store.db, 'PH000004'))?.assigned_to as string;
  for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
});
afterAll(async () => center.close());

describe('work orders over HTTP', () => {
  it('a pushed problem result raises one order; the repeated push is a duplicate and raises none', async () => {
    const item = resultItem('PH000001', 'problem', ['forged_signature']);
    const first = await post(`${center.url}/api/sync/push`, { items: [item] }, tokens[holderA]);
    expect(first.json.value.acks[0].status).toBe('accepted');
    const repeat = await post(`${center.url}/api/sync/push`, { items: [item] }, tokens[holderA]);
    expect(repeat.json.value.acks[0].status).toBe('duplicate');
    const list = await get(`${center.url}/api/team/work-orders?policyNo=PH000001`, tokens['2001']);
    expect(list.status).toBe(200);
    expect(list.json.value).toHaveLength(1);
    // 15 working days from Tue 2026-03-10: 11–13, 16–20, 23–27, 30–31 Mar → 31 Mar
    expect(list.json.value[0]).toMatchObject({ kind: 'mis_selling_resolution', due: '2026-03-31', sellerMayHandle: false, status: 'open', raisedBy: holderA });
  });

  it('a standard result pushed over HTTP raises none', async () => {
    const holder = (await getCaseRow(center.context.store.db, 'PH000002'))?.assigned_to as string;
    await post(`${center.url}/api/sync/push`, { items: [resultItem('PH000002', 'standard')] }, tokens[holder]);
    const list = await get(`${center.url}/api/team/work-orders?policyNo=PH000002`, tokens['9001']);
    expect(list.json.value).toEqual([]);
  });

  it('agents and QA may not list or close work orders; leads only see and touch their own team', async () => {
    await post(`${center.url}/api/sync/push`, { items: [resultItem('PH000004', 'verification', ['wrong_number'])] }, tokens[holderB]);
    const before = await stateDigest(center.context.store);
    for (const s of ['1001', '3001']) {
      const r = await get(`${center.url}/api/team/work-orders`, tokens[s]);
      expect([r.status, r.json.error.code]).toEqual([403, 'forbidden']);
    }
    const leadA = await get(`${center.url}/api/team/work-orders`, tokens['2001']);
    expect(leadA.json.value.every((o: { team: string }) => o.team === 'A')).toBe(true);
    const peek = await get(`${center.url}/api/team/work-orders?team=B`, tokens['2001']);
    expect([peek.status, peek.json.error.code]).toEqual([403, 'wrong_team']);
    const leadB = await get(`${center.url}/api/team/work-orders`, tokens['2101']);
    expect(leadB.json.value.map((o: { policyNo: string }) => o.policyNo)).toEqual(['PH000004']);
    const all = await get(`${center.url}/api/team/work-orders`, tokens['9001']);
    expect(all.json.value.map((o: { policyNo: string }) => o.policyNo).sort()).toEqual(['PH000001', 'PH000004']);

    const idA = leadA.json.value[0].id as number;
    const byAgent = await post(`${center.url}/api/team/work-orders/${idA}/close`, { outcome: 'x' }, tokens['1001']);
    expect([byAgent.status, byAgent.json.error.code]).toEqual([403, 'forbidden']);
    const byOtherLead = await post(`${center.url}/api/team/work-orders/${idA}/close`, { outcome: 'x' }, tokens['2101']);
    expect([byOtherLead.status, byOtherLead.json.error.code]).toEqual([403, 'wrong_team']);
    const explainByQa = await post(`${center.url}/api/team/work-orders/${idA}/late-explanation`, { explanation: 'x' }, tokens['3001']);
    expect(explainByQa.status).toBe(403);
    const noToken = await get(`${center.url}/api/team/work-orders`);
    expect(noToken.status).toBe(401);
    expect(await stateDigest(center.context.store)).toBe(before);
  });

  it('bad ids, bad filters and bad bodies get clear errors and change nothing', async () => {
    const before = await stateDigest(center.context.store);
    expect((await post(`${center.url}/api/team/work-orders/abc/close`, { outcome: 'x' }, tokens['2001'])).json.error.code).toBe('invalid_request');
    expect((await post(`${center.url}/api/team/work-orders/999999/close`, { outcome: 'x' }, tokens['2001'])).status).toBe(404);
    expect((await get(`${center.url}/api/team/work-orders?status=lost`, tokens['2001'])).json.error.code).toBe('invalid_request');
    const id = (await get(`${center.url}/api/team/work-orders?policyNo=PH000001`, tokens['2001'])).json.value[0].id as number;
    expect((await post(`${center.url}/api/team/work-orders/${id}/close`, { outcome: '' }, tokens['2001'])).json.error.code).toBe('invalid_request');
    expect((await post(`${center.url}/api/team/work-orders/${id}/close`, { outcome: 'ok', admin: true }, tokens['2001'])).json.error.code).toBe(
      'invalid_request',
    );
    // not late yet: no explanation accepted
    expect((await post(`${center.url}/api/team/work-orders/${id}/late-explanation`, { explanation: '提前说明' }, tokens['2001'])).json.error.code).toBe(
      'conflict',
    );
    // the seller may not handle a mis-selling order (第18条)
    expect((await post(`${center.url}/api/team/work-orders/${id}/close`, { outcome: '已处理', handledBy: 'A001' }, tokens['2001'])).json.error.code).toBe(
      'invalid_request',
    );
    expect(await stateDigest(center.context.store)).toBe(before);
  });

  it('an overdue order is listed as overdue, explained and closed by the lead; both actions are audited', async () => {
    const store = center.context.store;
    const holder = (await getCaseRow(store.db, 'PH000003'))?.assigned_to as string;
    // raised on Mon 2026-03-02 (3 working days → Thu 03-05): overdue on the centre's today, 03-10
    await applyPush(store, holder, [pushItemSchema.parse(resultItem('PH000003', 'problem', ['communication']))], { today: '2026-03-02' });
    const overdue = await get(`${center.url}/api/team/work-orders?status=overdue`, tokens['2001']);
    expect(overdue.json.value.map((o: { policyNo: string; due: string }) => [o.policyNo, o.due])).toEqual([['PH000003', '2026-03-05']]);
    expect((await get(`${center.url}/api/team/work-orders?overdue=1&branch=B001`, tokens['2001'])).json.value).toHaveLength(1);
    const id = overdue.json.value[0].id as number;
    const refused = await post(`${center.url}/api/team/work-orders/${id}/close`, { outcome: '已解释' }, tokens['2001']);
    expect(refused.json.error.message.zh).toContain('逾期说明');
    const explained = await post(`${center.url}/api/team/work-orders/${id}/late-explanation`, { explanation: '客户出差，约定回来后面谈' }, tokens['2001']);
    expect(explained.json.value).toMatchObject({ status: 'overdue', lateExplanation: '客户出差，约定回来后面谈', lateExplainedBy: '2001' });
    const closed = await post(`${center.url}/api/team/work-orders/${id}/close`, { outcome: '已面谈解释，客户认可', handledBy: 'S100' }, tokens['2001']);
    expect(closed.json.value).toMatchObject({ status: 'done', late: true, closedBy: '2001' });
    expect((await get(`${center.url}/api/team/work-orders?status=overdue`, tokens['2001'])).json.value).toEqual([]);
    const audit = await readAudit(store, { actor: '2001' });
    expect(
      audit
        .filter((e) => e.target === 'PH000003')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['work_order.close', 'work_order.late_explanation']);
  });
});
