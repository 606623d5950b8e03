import { randomUUID } from 'node:crypto';
import { reassignCase } from '../../center/store/cases-repo';
import { readAudit } from '../../center/store/audit-repo';
import { CenterClient } from '../../main/services/center/center-client';
import { rosterResponseSchema } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { PASSWORD, prepared, seedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

const correction = (policyNo: string, correctedBy: string, corrected: string | null = '13900139000') => ({
  id: randomUUID(),
  kind: 'phone_correction',
  policyNo,
  occurredAt: '2026-03-10T09:15:00+08:00',
  data: { original: '13800138000', corrected, reason: '号码已停机', correctedBy },
});

describe.each(engines)('team roster, phone-correction listing and result overrides over HTTP on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    await seedCases(store, [prepared('PR000001'), prepared('PR000002'), prepared('PR000003', { team: 'B' })]);
    for (const [no, to, by] of [
      ['PR000001', '1001', '2001'],
      ['PR000002', '1002', '2001'],
      ['PR000003', '1101', '2101'],
    ]) {
      expect((await reassignCase(store, no, to, by)).ok).toBe(true);
    }
    // An inactive agent of team A must not be offered as a colleague.
    await store.db
      .insertInto('users')
      .values({
        staff_no: '1003',
        name: '离职坐席',
        role: 'agent',
        team: 'A',
        languages: '["mandarin"]',
        password_hash: 'x',
        active: 0,
        created_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('lists the active agents and team leads of the caller’s team, sorted by staff number', async () => {
    const expectedA = {
      team: 'A',
      members: [
        { staffNo: '1001', name: '坐席甲', role: 'agent', languages: ['mandarin'] },
        { staffNo: '1002', name: '坐席乙', role: 'agent', languages: ['mandarin', 'cantonese'] },
        { staffNo: '2001', name: '组长A', role: 'team_lead', languages: ['mandarin'] },
      ],
    };
    for (const who of ['1002', '2001', '3001', '9001']) {
      const r = await get(`${center.url}/api/team/roster`, tokens[who]);
      expect(r.status, who).toBe(200);
      expect(rosterResponseSchema.parse(r.json.value)).toEqual(expectedA);
    }
    const b = await get(`${center.url}/api/team/roster?team=B`, tokens['9001']);
    expect(b.json.value.members.map((m: { staffNo: string }) => m.staffNo)).toEqual(['1101', '2101']);
    const own = await get(`${center.url}/api/team/roster?team=A`, tokens['1001']);
    expect(own.status).toBe(200);
  });

  it('refuses another team to non-admins and anonymous callers', async () => {
    const other = await get(`${center.url}/api/team/roster?team=B`, tokens['1001']);
    expect([other.status, other.json.error.code]).toEqual([403, 'wrong_team']);
    const lead = await get(`${center.url}/api/team/roster?team=A`, tokens['2101']);
    expect(lead.json.error.code).toBe('wrong_team');
    const anon = await get(`${center.url}/api/team/roster`);
    expect(anon.status).toBe(401);
  });

  it('CenterClient.roster() reads it as the signed-in agent', async () => {
    const client = new CenterClient({ baseUrl: center.url });
    expect((await client.login('1101', PASSWORD)).ok).toBe(true);
    const r = await client.roster();
    expect(r.ok && r.value).toEqual({
      team: 'B',
      members: [
        { staffNo: '1101', name: '坐席丙', role: 'agent', languages: ['mandarin'] },
        { staffNo: '2101', name: '组长B', role: 'team_lead', languages: ['mandarin'] },
      ],
    });
  });

  it('lists phone corrections for the team’s branch work, by team and since, and audits each listing', async () => {
    const a1 = correction('PR000001', '1001');
    const first = await post(`${center.url}/api/sync/push`, { items: [a1] }, tokens['1001']);
    expect(first.json.value.acks[0].status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 5));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const a2 = correction('PR000002', '1002', null);
    const b1 = correction('PR000003', '1101');
    expect((await post(`${center.url}/api/sync/push`, { items: [a2] }, tokens['1002'])).json.value.acks[0].status).toBe('accepted');
    expect((await post(`${center.url}/api/sync/push`, { items: [b1] }, tokens['1101'])).json.value.acks[0].status).toBe('accepted');
    // A redelivery is not listed twice.
    expect((await post(`${center.url}/api/sync/push`, { items: [a1] }, tokens['1001'])).json.value.acks[0].status).toBe('duplicate');

    const all = await get(`${center.url}/api/team/phone-corrections`, tokens['2001']);
    expect(all.status).toBe(200);
    expect(all.json.value.hasMore).toBe(false);
    expect(all.json.value.items.map((i: { id: string }) => i.id)).toEqual([a1.id, a2.id]);
    expect(all.json.value.items[0]).toMatchObject({
      policyNo: 'PR000001',
      original: '13800138000',
      corrected: '13900139000',
      reason: '号码已停机',
      correctedBy: '1001',
      correctedAt: '2026-03-10T09:15:00+08:00',
      team: 'A',
    });
    expect(all.json.value.items[1]).toMatchObject({ corrected: null, correctedBy: '1002' });

    const since = await get(`${center.url}/api/team/phone-corrections?since=${encodeURIComponent(between)}`, tokens['2001']);
    expect(since.json.value.items.map((i: { id: string }) => i.id)).toEqual([a2.id]);
    const paged = await get(`${center.url}/api/team/phone-corrections?limit=1`, tokens['2001']);
    expect(paged.json.value).toMatchObject({ hasMore: true, items: [{ id: a1.id }] });

    const b = await get(`${center.url}/api/team/phone-corrections`, tokens['2101']);
    expect(b.json.value.items.map((i: { id: string }) => i.id)).toEqual([b1.id]);
    const admin = await get(`${center.url}/api/team/phone-corrections`, tokens['9001']);
    expect(admin.json.value.items.map((i: { id: string }) => i.id).sort()).toEqual([a1.id, a2.id, b1.id].sort());
    const adminB = await get(`${center.url}/api/team/phone-corrections?team=B`, tokens['9001']);
    expect(adminB.json.value.items.map((i: { id: string }) => i.id)).toEqual([b1.id]);

    expect((await get(`${center.url}/api/team/phone-corrections?team=A`, tokens['2101'])).json.error.code).toBe('wrong_team');
    expect((await get(`${center.url}/api/team/phone-corrections`, tokens['1001'])).status).toBe(403);
    expect((await get(`${center.url}/api/team/phone-corrections`, tokens['3001'])).status).toBe(403);
    const bad = await get(`${center.url}/api/team/phone-corrections?since=yesterday`, tokens['2001']);
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);

    const reads = await readAudit(center.context.store, { action: 'personal_data.phone_corrections_read', actor: '2001' });
    expect(reads).toHaveLength(3);
    expect(reads[reads.length - 1]).toMatchObject({ target: 'A', detail: { team: 'A', since: null, rows: 2 } });
    const changes = await readAudit(center.context.store, { action: 'case.phone_correction' });
    expect(changes.map((e) => [e.actor, e.target]).sort()).toEqual([
      ['1001', 'PR000001'],
      ['1002', 'PR000002'],
      ['1101', 'PR000003'],
    ]);
  });

  it('shows a result’s override in the team list and the case view', async () => {
    const override = { computedClassification: 'substandard', computedKinds: ['sub_unclear_answer'], reason: '客户当场补答清楚' };
    const item = {
      id: randomUUID(),
      kind: 'result',
      policyNo: 'PR000001',
      occurredAt: '2026-03-10T09:40:00+08:00',
      data: { classification: 'standard', kinds: [], override },
    };
    expect((await post(`${center.url}/api/sync/push`, { items: [item] }, tokens['1001'])).json.value.acks[0].status).toBe('accepted');
    const list = await get(`${center.url}/api/team/cases`, tokens['2001']);
    const rows = list.json.value as { policyNo: string; resultClass: string | null; override: unknown }[];
    expect(rows.find((r) => r.policyNo === 'PR000001')).toMatchObject({ resultClass: 'standard', override });
    expect(rows.find((r) => r.policyNo === 'PR000002')).toMatchObject({ resultClass: null, override: null });
    const one = await get(`${center.url}/api/cases/PR000001`, tokens['2001']);
    expect(one.json.value).toMatchObject({ resultClass: 'standard', resultOverride: override, resultProxy: null });
  });

  it('keeps the authorised family member who answered with the result; refuses one the rules do not allow', async () => {
    const result = (proxy: unknown) => ({
      id: randomUUID(),
      kind: 'result',
      policyNo: 'PR000002',
      occurredAt: '2026-03-10T10:00:00+08:00',
      data: { classification: 'standard', kinds: [], proxy },
    });
    const refused = await post(`${center.url}/api/sync/push`, { items: [result({ relation: 'neighbour', name: '王五', reason: 'busy' })] }, tokens['1002']);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.error)).toMatch(/proxy/);
    const proxy = { relation: 'spouse', name: '李四', reason: 'language_barrier' };
    expect((await post(`${center.url}/api/sync/push`, { items: [result(proxy)] }, tokens['1002'])).json.value.acks[0].status).toBe('accepted');
    const one = await get(`${center.url}/api/cases/PR000002`, tokens['2001']);
    expect(one.json.value).toMatchObject({ resultClass: 'standard', resultProxy: proxy });
  });
});
