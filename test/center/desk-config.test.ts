import { readAudit } from '../../center/store/audit-repo';
import { DEFAULT_DESK_CONFIG, DEFAULT_DESK_SETTINGS } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

describe.each(engines)('desk settings over HTTP on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    for (const s of ['1001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('desks read the defaults until an admin sets them; the change is audited with before and after', async () => {
    const first = await get(`${center.url}/api/desk-config`, tokens['1001']);
    expect([first.status, first.json.value]).toEqual([200, DEFAULT_DESK_CONFIG]);
    const changed = { companyName: '华安人寿保险股份有限公司', maxAttempts: 4 };
    const set = await post(`${center.url}/api/admin/desk-config`, changed, tokens['9001']);
    expect(set.status).toBe(200);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual({ ...changed, calendarYears: {} });
    const log = await readAudit(center.context.store, { action: 'admin.desk_config', limit: 10 });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: '9001', detail: { before: DEFAULT_DESK_SETTINGS, after: changed } });
  });

  it('refuses agents, anonymous callers and invalid settings with a specific error, changing nothing', async () => {
    const before = (await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value;
    const byAgent = await post(`${center.url}/api/admin/desk-config`, { companyName: '某某人寿', maxAttempts: 2 }, tokens['1001']);
    expect(byAgent.status).toBe(403);
    expect((await get(`${center.url}/api/desk-config`)).status).toBe(401);
    const bad = await post(`${center.url}/api/admin/desk-config`, { companyName: 'X', maxAttempts: 0 }, tokens['9001']);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error)).toMatch(/companyName|maxAttempts/);
    expect((await get(`${center.url}/api/desk-config`, tokens['1001'])).json.value).toEqual(before);
  });
});
