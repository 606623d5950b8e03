import { randomUUID } from 'node:crypto';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

// An inbound call the desk refused is kept as a missed call the agent sees and the
// centre reports (a policyholder ringing back is never left unanswered).

const engines = await enginesUnderTest();

const missed = (from: string, at: string, sipCode = 480) => ({
  id: randomUUID(),
  kind: 'missed_call',
  occurredAt: at,
  data: { from, sipCode, workstationId: 'ws-test' },
});

describe.each(engines)('missed calls reported to the team lead on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    for (const s of ['1001', '1101', '2001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('a desk pushes its missed calls (no case); the lead lists their team’s, the admin every team’s, and each listing is audited', async () => {
    const a = await post(`${center.url}/api/sync/push`, { items: [missed('13800138000', '2026-03-10T01:00:00.000Z', 486)] }, tokens['1001']);
    expect(a.json.value.acks[0].status).toBe('accepted');
    const b = await post(`${center.url}/api/sync/push`, { items: [missed('', '2026-03-10T02:00:00.000Z')] }, tokens['1101']);
    expect(b.json.value.acks[0].status).toBe('accepted');

    const lead = await get(`${center.url}/api/team/missed-calls`, tokens['2001']);
    expect(lead.status).toBe(200);
    expect(lead.json.value.items).toMatchObject([{ staffNo: '1001', team: 'A', from: '13800138000', sipCode: 486, at: '2026-03-10T01:00:00.000Z' }]);
    const all = await get(`${center.url}/api/team/missed-calls?since=2026-03-10T01:30:00Z`, tokens['9001']);
    expect(all.json.value.items.map((i: { staffNo: string }) => i.staffNo)).toEqual(['1101']);
    const audits = await readAudit(center.context.store, { action: 'personal_data.missed_calls_read' });
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses agents, another team to a lead, and a bad query, each with a clear error', async () => {
    expect((await get(`${center.url}/api/team/missed-calls`, tokens['1001'])).status).toBe(403);
    const other = await get(`${center.url}/api/team/missed-calls?team=B`, tokens['2001']);
    expect([other.status, other.json.error.code]).toEqual([403, 'wrong_team']);
    const bad = await get(`${center.url}/api/team/missed-calls?since=yesterday`, tokens['2001']);
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('since');
  });

  it('a missed call that is not one (no 486/480, number too long) is refused whole', async () => {
    const r = await post(
      `${center.url}/api/sync/push`,
      { items: [{ ...missed('1'.repeat(41), '2026-03-10T03:00:00.000Z'), data: { from: '1', sipCode: 200, workstationId: 'w' } }] },
      tokens['1001'],
    );
    expect(r.status).toBe(400);
  });
});
