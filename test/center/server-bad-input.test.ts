import { randomUUID } from 'node:crypto';
import { issueAccessToken } from '../../center/auth/access-token';
import { assignCases } from '../../center/assign/assign-cases';
import { getCaseRow } from '../../center/store/cases-repo';
import { prepared, seedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { stateDigest } from './support/state-digest';

let center: TestCenter;
let agent: string;
let holder: string;

beforeAll(async () => {
  center = await startTestCenter({ limits: { maxJsonBytes: 64 * 1024 } });
  await seedCases(center.context.store, [prepared('PB000001'), prepared('PB000002', { team: 'B' })]);
  await assignCases(center.context.store, { capacity: 60, actor: 'test' });
  holder = (await getCaseRow(center.context.store.db, 'PB000001'))?.assigned_to as string;
  agent = await loginAs(center.url, holder);
});
afterAll(async () => center.close());

/** Runs a refused request and checks the error code, status and that nothing changed. */
async function refused(run: () => Promise<{ status: number; json: Json }>, status: number, code: string) {
  const before = await stateDigest(center.context.store);
  const r = await run();
  expect(r.status).toBe(status);
  expect(r.json.ok).toBe(false);
  expect(r.json.error.code).toBe(code);
  expect(r.json.error.message.zh.length).toBeGreaterThan(0);
  expect(r.json.error.message.en.length).toBeGreaterThan(0);
  expect(JSON.stringify(r.json)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  expect(await stateDigest(center.context.store)).toBe(before);
  return r.json.error;
}

const attempt = (policyNo = 'PB000001') => ({
  id: randomUUID(),
  kind: 'attempt',
  policyNo,
  occurredAt: '2026-03-10T09:00:00+08:00',
  data: { channel: 'phone', outcome: 'busy' },
});

describe('centre HTTP boundary: bad input gets a clear error and changes nothing', () => {
  it('malformed JSON', async () => {
    await refused(() => post(`${center.url}/api/sync/push`, '{"items": [', agent), 400, 'malformed_json');
  });

  it('wrong content type', async () => {
    await refused(
      () => post(`${center.url}/api/sync/push`, JSON.stringify({ items: [attempt()] }), agent, { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('wrong types in a push (number as policy number, unknown kind, bad id) name every field', async () => {
    const err = await refused(
      () =>
        post(
          `${center.url}/api/sync/push`,
          {
            items: [
              { ...attempt(), policyNo: 12345 },
              { ...attempt(), kind: 'teleport' },
              { ...attempt(), id: 'not-a-uuid' },
            ],
          },
          agent,
        ),
      400,
      'invalid_request',
    );
    const paths = err.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['items.0.policyNo', 'items.2.id']));
    expect(paths.some((p: string) => p.startsWith('items.1'))).toBe(true);
  });

  it('unknown extra fields and an empty push are refused', async () => {
    await refused(() => post(`${center.url}/api/sync/push`, { items: [attempt()], admin: true }, agent), 400, 'invalid_request');
    await refused(() => post(`${center.url}/api/sync/push`, { items: [] }, agent), 400, 'invalid_request');
  });

  it('an oversized body', async () => {
    const big = { items: [{ ...attempt(), data: { channel: 'phone', outcome: 'busy', note: 'x'.repeat(1999) } }], pad: 'y'.repeat(100_000) };
    await refused(() => post(`${center.url}/api/sync/push`, big, agent), 413, 'payload_too_large');
  });

  it('no token, a garbage token, a token of another centre, an expired token', async () => {
    await refused(() => post(`${center.url}/api/sync/push`, { items: [attempt()] }), 401, 'unauthenticated');
    await refused(() => post(`${center.url}/api/sync/push`, { items: [attempt()] }, 'abc.def'), 401, 'invalid_token');
    const foreign = issueAccessToken(Buffer.alloc(32, 7), holder, 600).token;
    await refused(() => post(`${center.url}/api/sync/push`, { items: [attempt()] }, foreign), 401, 'invalid_token');
    const tampered = agent.replace(
      /\.([^.]+)\./,
      (_m, p: string) => `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '9001' })).toString('base64url')}.`,
    );
    await refused(() => get(`${center.url}/api/admin/audit`, tampered), 401, 'invalid_token');
    const secret = (center.context.auth as unknown as { secret: Buffer }).secret;
    const expired = issueAccessToken(secret, holder, 60, Date.now() - 3600_000).token;
    await refused(() => post(`${center.url}/api/sync/push`, { items: [attempt()] }, expired), 401, 'token_expired');
  });

  it('wrong credentials', async () => {
    await refused(() => post(`${center.url}/api/auth/login`, { staffNo: holder, password: 'nope-nope' }), 401, 'bad_credentials');
    await refused(() => post(`${center.url}/api/auth/login`, { staffNo: 'abc', password: 'x' }), 400, 'invalid_request');
  });

  it("a role trying another role's endpoint", async () => {
    const qa = await loginAs(center.url, '3001');
    const lead = await loginAs(center.url, '2001');
    await refused(() => post(`${center.url}/api/admin/import`, 'a,b\n1,2', agent, { 'content-type': 'text/csv' }), 403, 'forbidden');
    await refused(
      () => post(`${center.url}/api/admin/users`, { staffNo: '5555', name: 'x', role: 'admin', team: 'A', password: 'longenough1' }, agent),
      403,
      'forbidden',
    );
    await refused(() => post(`${center.url}/api/sync/pull`, { cursor: null }, qa), 403, 'forbidden');
    await refused(() => post(`${center.url}/api/team/reassign`, { policyNo: 'PB000001', toStaffNo: '1002' }, agent), 403, 'forbidden');
    await refused(() => get(`${center.url}/api/qa/results`, lead), 403, 'forbidden');
    await refused(() => post(`${center.url}/api/admin/cases/PB000001/close`, { reason: 'x' }, lead), 403, 'forbidden');
  });

  it("a team lead acting on another team's case or agent", async () => {
    const leadA = await loginAs(center.url, '2001');
    await refused(() => post(`${center.url}/api/team/reassign`, { policyNo: 'PB000002', toStaffNo: '1101' }, leadA), 403, 'wrong_team');
    await refused(() => post(`${center.url}/api/team/reassign`, { policyNo: 'PB000001', toStaffNo: '1101' }, leadA), 403, 'wrong_team');
    await refused(() => get(`${center.url}/api/team/cases?team=B`, leadA), 403, 'wrong_team');
  });

  it('an agent reading a case outside their queue', async () => {
    const other = holder === '1001' ? '1002' : '1001';
    const tok = await loginAs(center.url, other);
    await refused(() => get(`${center.url}/api/cases/PB000001`, tok), 403, 'forbidden');
  });

  it('unknown endpoint and wrong method', async () => {
    await refused(() => get(`${center.url}/api/nothing-here`, agent), 404, 'not_found');
    await refused(() => get(`${center.url}/api/sync/push`, agent), 405, 'method_not_allowed');
  });

  it('the allowed path works and reading personal data is audited', async () => {
    const r = await get(`${center.url}/api/cases/PB000001`, agent);
    expect(r.status).toBe(200);
    expect(r.json.value.policyNo).toBe('PB000001');
    const admin = await loginAs(center.url, '9001');
    const log = await get(`${center.url}/api/admin/audit?action=personal_data.case_read`, admin);
    expect(log.json.value.some((e: { actor: string; target: string }) => e.actor === holder && e.target === 'PB000001')).toBe(true);
  });
});

describe('session events from every role (an admin or QA signing in at a desk is kept, not refused for ever)', () => {
  const session = (event: string) => ({
    id: randomUUID(),
    kind: 'session',
    occurredAt: '2026-03-10T09:00:00+08:00',
    data: { event, workstationId: 'ws-test' },
  });

  it("a QA's and an admin's sign-in are accepted; a QA's attempt on a case never assigned to them is rejected with its reason", async () => {
    for (const staffNo of ['3001', '9001']) {
      const token = await loginAs(center.url, staffNo);
      const r = await post(`${center.url}/api/sync/push`, { items: [session('sign_in')] }, token);
      expect(r.status).toBe(200);
      expect(r.json.value.acks[0].status).toBe('accepted');
    }
    const qa = await loginAs(center.url, '3001');
    const r = await post(`${center.url}/api/sync/push`, { items: [attempt()] }, qa);
    expect(r.json.value.acks[0]).toMatchObject({ status: 'rejected', reason: { en: expect.stringMatching(/assign/) } });
  });
});
