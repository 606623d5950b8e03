import { readAudit } from '../../center/store/audit-repo';
import { MonitorGrants } from '../../center/live/monitor-grants';
import type { LiveState } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

const inCall = (over: Partial<LiveState> = {}): LiveState => ({
  status: 'in_call',
  statusSince: '2026-03-10T02:00:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P2026000001', kind: 'new' },
  call: { phase: 'connected', since: '2026-03-10T02:00:05.000Z' },
  script: null,
  updatedAt: '2026-03-10T02:01:00.000Z',
  sipUri: 'sip:1002@127.0.0.1',
  ...over,
});

describe('monitor grants (signature, expiry, agent, single use)', () => {
  const secret = Buffer.alloc(32, 7);
  let clock = 1_800_000_000_000;
  const grants = new MonitorGrants(secret, () => clock);

  it('a grant names its agent and is accepted once', async () => {
    const { grant } = grants.issue('2001', '1001');
    expect(await grants.accept(grant, '1002')).toEqual({ ok: false, reason: 'wrong_agent' });
    expect(await grants.accept(grant, '1001')).toMatchObject({ ok: true, claims: { lead: '2001', agent: '1001' } });
    expect(await grants.accept(grant, '1001')).toEqual({ ok: false, reason: 'already_used' });
  });

  it('a grant is refused once 30 s have passed', async () => {
    const { grant, expiresAt } = grants.issue('2001', '1001');
    expect(expiresAt - clock).toBeLessThanOrEqual(30_000);
    clock += 30_001;
    expect(await grants.accept(grant, '1001')).toEqual({ ok: false, reason: 'expired' });
  });

  it('a forged grant (changed claims, other centre secret, access-token shape) is refused as bad signature', async () => {
    const { grant } = grants.issue('2001', '1001');
    const [v, payload, sig] = grant.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${v}.${Buffer.from(JSON.stringify({ ...claims, agent: '1002' })).toString('base64url')}.${sig}`;
    expect(await grants.accept(forged, '1002')).toEqual({ ok: false, reason: 'bad_signature' });
    const other = new MonitorGrants(Buffer.alloc(32, 8), () => clock).issue('2001', '1001').grant;
    expect(await grants.accept(other, '1001')).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await grants.accept(`v1.${payload}.${sig}`, '1001')).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe.each(engines)('team-lead listen-in over HTTP on $name', (engine) => {
  let center: TestCenter;
  let clock = Date.parse('2026-03-10T02:01:00.000Z');
  const tokens: Record<string, string> = {};
  const publish = (who: string, body: unknown) => {
    clock += 1000;
    return post(`${center.url}/api/live`, body, tokens[who]);
  };
  const ask = (who: string, staffNo: string) => post(`${center.url}/api/team/monitor`, { staffNo }, tokens[who]);
  const verify = (who: string, grant: string) => post(`${center.url}/api/monitor/verify`, { grant }, tokens[who]);

  beforeAll(async () => {
    center = await startTestCenter({ engine, liveClock: () => clock });
    for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it("the lead of the agent's team gets a grant while the agent is in a call; the agent's desk verifies it once; both are audited", async () => {
    expect((await publish('1002', inCall())).status).toBe(200);
    const r = await ask('2001', '1002');
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ agent: '1002', agentName: '坐席乙', sipUri: 'sip:1002@127.0.0.1', policyNo: 'P2026000001' });
    expect(Date.parse(r.json.value.expiresAt as string) - clock).toBeLessThanOrEqual(30_000);
    const grant = r.json.value.grant as string;

    const ok = await verify('1002', grant);
    expect(ok.status).toBe(200);
    expect(ok.json.value).toMatchObject({ verdict: 'valid', lead: '2001', leadName: '组长A' });
    expect((await verify('1002', grant)).json.value).toMatchObject({ verdict: 'refused', reason: 'already_used' });

    const started = await readAudit(center.context.store, { action: 'monitor.start' });
    expect(started[0]).toMatchObject({ actor: '2001', target: '1002', detail: { policyNo: 'P2026000001', sipUri: 'sip:1002@127.0.0.1' } });
    expect((await readAudit(center.context.store, { action: 'monitor.verified' }))[0]).toMatchObject({ actor: '1002', target: '2001' });
    expect((await readAudit(center.context.store, { action: 'monitor.refused' }))[0]).toMatchObject({ actor: '1002', detail: { reason: 'already_used' } });
  });

  it('a grant is refused by another agent, after it expired, or when forged', async () => {
    const grant = (await ask('2001', '1002')).json.value.grant as string;
    expect((await verify('1001', grant)).json.value).toMatchObject({ verdict: 'refused', reason: 'wrong_agent' });
    const forged = `${grant.slice(0, -4)}${grant.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await verify('1002', forged)).json.value).toMatchObject({ verdict: 'refused', reason: 'bad_signature' });
    clock += 31_000;
    expect((await verify('1002', grant)).json.value).toMatchObject({ verdict: 'refused', reason: 'expired', message: '监听授权已过期' });
  });

  it('no grant while the agent is not in a call (ready, dialling) or published no SIP address', async () => {
    expect((await publish('1002', inCall({ status: 'ready', call: null }))).status).toBe(200);
    const ready = await ask('2001', '1002');
    expect(ready.status).toBe(409);
    expect((ready.json.error as Json).message.zh).toContain('不在通话中');
    expect((await publish('1002', inCall({ call: { phase: 'dialling', since: '2026-03-10T02:00:05.000Z' } }))).status).toBe(200);
    expect((await ask('2001', '1002')).status).toBe(409);
    expect((await publish('1002', inCall({ sipUri: null }))).status).toBe(200);
    const noSip = await ask('2001', '1002');
    expect(noSip.status).toBe(409);
    expect((noSip.json.error as Json).message.zh).toContain('未上报地址');
    expect((await ask('2001', '1001')).status).toBe(409); // 1001 never published
  });

  it('leads only for their own team, admins for any; agents and QA may not ask; leads and QA may not verify', async () => {
    expect((await publish('1101', inCall({ sipUri: 'sip:1003@127.0.0.1' }))).status).toBe(200);
    expect((await ask('2001', '1101')).status).toBe(403);
    expect((await ask('2101', '1101')).status).toBe(200);
    const admin = await ask('9001', '1101');
    expect(admin.status).toBe(200);
    expect((await verify('1101', admin.json.value.grant as string)).json.value).toMatchObject({ verdict: 'valid', lead: '9001' });
    expect((await ask('1001', '1101')).status).toBe(403);
    expect((await ask('3001', '1101')).status).toBe(403);
    expect((await ask('2001', '2101')).status).toBe(404); // a lead is not an agent to listen to
    const grant = (await ask('2101', '1101')).json.value.grant as string;
    expect((await verify('2101', grant)).status).toBe(403);
    expect((await post(`${center.url}/api/team/monitor`, { staffNo: '1101', extra: 1 }, tokens['2101'])).status).toBe(400);
  });
});
