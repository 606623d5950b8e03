import { readAudit } from '../../center/store/audit-repo';
import { startCenter, type RunningCenter } from '../../center/start-center';
import type { LiveState } from '../../shared/sync';
import { pushChannel } from './support/push-channel';
import { pgAvailable, postgresEngine } from './support/engines';
import { get, loginAs, post, type Json } from './support/in-process-center';
import { PASSWORD, seedUsers, TODAY } from './support/seed';

const hasPg = await pgAvailable();

const inCall = (since: string, over: Partial<LiveState> = {}): LiveState => ({
  status: 'in_call',
  statusSince: '2026-03-10T02:00:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P2026000001', kind: 'new' },
  call: { phase: 'connected', since },
  script: null,
  updatedAt: '2026-03-10T02:01:00.000Z',
  sipUri: 'sip:1002@127.0.0.1',
  ...over,
});

/**
 * README "Live board" → several centre processes: two centres over one PostgreSQL schema, each with
 * its own registry, connections and LISTEN; what one knows reaches the other only through the database.
 */
describe.skipIf(!hasPg)('the live board and coaching shared by two centres on one PostgreSQL (center/README.md "Live board")', () => {
  let opened: Awaited<ReturnType<typeof postgresEngine.open>>;
  let a: RunningCenter;
  let b: RunningCenter;
  let clock = Date.parse('2026-03-10T02:01:00.000Z');
  const liveClock = () => clock;
  const tokens: Record<string, string> = {};
  const start = async () => {
    const s = await startCenter({ store: opened.config, listen: { host: '127.0.0.1', port: 0 }, today: TODAY, liveClock, log: () => undefined });
    if (!s.ok) throw new Error(s.message);
    return s.center;
  };
  const publish = (c: RunningCenter, who: string, body: LiveState) => {
    clock += 1000;
    return post(`${c.url}/api/live`, body, tokens[who]);
  };
  const board = async (c: RunningCenter, lead: string) => (await get(`${c.url}/api/team/live`, tokens[lead])).json.value.agents as Json[];
  const ask = (c: RunningCenter, lead: string, staffNo: string, mode: string) => post(`${c.url}/api/team/monitor`, { staffNo, mode }, tokens[lead]);
  const verify = async (c: RunningCenter, agent: string, grant: string) => (await post(`${c.url}/api/monitor/verify`, { grant }, tokens[agent])).json.value;

  beforeAll(async () => {
    opened = await postgresEngine.open();
    await seedUsers(opened.store);
    a = await start();
    b = await start();
    // Tokens are signed with the store's secret: one sign-in is good at either centre.
    for (const s of ['1001', '1002', '2001', '9001']) tokens[s] = await loginAs(a.url, s);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await opened?.dispose();
  });

  it('a state published to B reaches the pushed board of a lead on A, and a sign-out at B clears it there', async () => {
    const ch = await pushChannel(a.url, tokens['2001']);
    try {
      expect((await publish(b, '1002', inCall('2026-03-10T02:00:05.000Z'))).status).toBe(200);
      await vi.waitFor(() =>
        expect(ch.messages.find((m) => m.type === 'live' && m.staffNo === '1002')).toMatchObject({ update: { state: { status: 'in_call' } } }),
      );
      expect((await board(a, '2001')).find((x) => x.staffNo === '1002')).toMatchObject({ state: { status: 'in_call' }, stale: false });
      const login = await post(`${b.url}/api/auth/login`, { staffNo: '1001', password: PASSWORD });
      expect((await publish(b, '1001', inCall('2026-03-10T02:00:06.000Z', { sipUri: 'sip:1001@127.0.0.1' }))).status).toBe(200);
      await vi.waitFor(async () => expect((await board(a, '2001')).find((x) => x.staffNo === '1001')?.state).not.toBeNull());
      const out = await post(`${b.url}/api/auth/logout`, { refreshToken: login.json.value.refreshToken }, login.json.value.accessToken);
      expect(out.status).toBe(200);
      await vi.waitFor(async () => expect((await board(a, '2001')).find((x) => x.staffNo === '1001')?.state).toBeNull());
    } finally {
      ch.close();
    }
  });

  it('a lead on A listens to and whispers to an agent on B; a grant spent at B is refused as reused at A', async () => {
    expect((await publish(b, '1002', inCall('2026-03-10T02:10:00.000Z'))).status).toBe(200);
    await vi.waitFor(async () => expect((await board(a, '2001')).find((x) => x.staffNo === '1002')?.state?.call?.since).toBe('2026-03-10T02:10:00.000Z'));
    for (const mode of ['listen', 'whisper']) {
      const g = await ask(a, '2001', '1002', mode);
      expect(g.status).toBe(200);
      expect(g.json.value).toMatchObject({ sipUri: 'sip:1002@127.0.0.1', mode });
      expect(await verify(b, '1002', g.json.value.grant as string)).toMatchObject({ verdict: 'valid', lead: '2001', mode });
      expect(await verify(a, '1002', g.json.value.grant as string)).toMatchObject({ verdict: 'refused', reason: 'already_used' });
    }
  });

  it('a second lead barging the same call is refused across centres, at the grant and at the desk; stepping back frees it', async () => {
    expect((await publish(b, '1002', inCall('2026-03-10T02:20:00.000Z'))).status).toBe(200);
    await vi.waitFor(async () => expect((await board(a, '2001')).find((x) => x.staffNo === '1002')?.state?.call?.since).toBe('2026-03-10T02:20:00.000Z'));
    const first = (await ask(a, '2001', '1002', 'barge')).json.value.grant as string;
    const second = (await ask(b, '9001', '1002', 'barge')).json.value.grant as string;
    expect(await verify(b, '1002', first)).toMatchObject({ verdict: 'valid', lead: '2001', mode: 'barge' });
    expect(await verify(a, '1002', second)).toMatchObject({ verdict: 'refused', reason: 'barge_taken' });
    const asked = await ask(b, '9001', '1002', 'barge');
    expect(asked.status).toBe(409);
    expect((asked.json.error as Json).message.en).toContain('2001');
    expect(await verify(a, '1002', (await ask(b, '2001', '1002', 'listen')).json.value.grant as string)).toMatchObject({ verdict: 'valid' });
    expect(await verify(b, '1002', (await ask(a, '9001', '1002', 'barge')).json.value.grant as string)).toMatchObject({ verdict: 'valid', lead: '9001' });
    const refused = await readAudit(opened.store, { action: 'monitor.refused' });
    expect(refused).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: '1002', target: '9001', detail: { reason: 'barge_taken', mode: 'barge' } })]),
    );
  });

  it("a restarted centre knows at once the states of agents connected to the other; its own desks' republications reach the other", async () => {
    expect((await publish(a, '1001', inCall('2026-03-10T02:30:00.000Z', { sipUri: 'sip:1001@127.0.0.1' }))).status).toBe(200);
    await vi.waitFor(async () => expect((await board(b, '2001')).find((x) => x.staffNo === '1001')?.state?.call?.since).toBe('2026-03-10T02:30:00.000Z'));
    await b.close();
    b = await start();
    const seen = await board(b, '2001');
    expect(seen.find((x) => x.staffNo === '1001')).toMatchObject({ state: { call: { since: '2026-03-10T02:30:00.000Z' } }, stale: false });
    expect(seen.find((x) => x.staffNo === '1002')).toMatchObject({ state: { call: { since: '2026-03-10T02:20:00.000Z' } } });
    // The restarted centre's listen-in works on an agent of the other at once.
    expect((await ask(b, '2001', '1001', 'listen')).status).toBe(200);
    expect((await publish(b, '1002', inCall('2026-03-10T02:40:00.000Z'))).status).toBe(200);
    await vi.waitFor(async () => expect((await board(a, '2001')).find((x) => x.staffNo === '1002')?.state?.call?.since).toBe('2026-03-10T02:40:00.000Z'));
  });

  it('a shared row older than a shift (a desk that died without signing out) is deleted when a centre starts, not put back on the board', async () => {
    const db = opened.store.db;
    await db.deleteFrom('live_states').execute(); // the earlier tests' rows
    await db
      .insertInto('live_states')
      .values({ staff_no: '1001', team: 'A', state: JSON.stringify(inCall('2026-03-09T01:00:00.000Z')), received_at: clock - 13 * 3600_000 })
      .execute();
    await db
      .insertInto('live_states')
      .values({ staff_no: '1002', team: 'A', state: JSON.stringify(inCall('2026-03-10T01:00:00.000Z')), received_at: clock - 3600_000 })
      .execute();
    const c = await start();
    try {
      expect((await db.selectFrom('live_states').select('staff_no').execute()).map((r) => r.staff_no)).toEqual(['1002']);
      const agents = await board(c, '2001');
      expect(agents.find((x) => x.staffNo === '1001')?.state ?? null).toBeNull();
      expect(agents.find((x) => x.staffNo === '1002')).toMatchObject({ state: { status: 'in_call' }, stale: true });
    } finally {
      await c.close();
    }
  });
});
