import { readAudit } from '../../center/store/audit-repo';
import type { ChannelMessage, LiveState } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { pushChannel } from './support/push-channel';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { PASSWORD } from './support/seed';

const engines = await enginesUnderTest();

const state = (over: Partial<LiveState> = {}): LiveState => ({
  status: 'in_call',
  statusSince: '2026-03-10T02:00:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P2026000001', kind: 'new' },
  call: { phase: 'connected', since: '2026-03-10T02:00:05.000Z' },
  script: { stepId: 'greeting', stepIndex: 2, questionText: '您好！我是某某人寿的客户服务代表，工号1001。', lastAnswer: { stepId: 'identity', answer: 'yes' } },
  updatedAt: '2026-03-10T02:01:00.000Z',
  ...over,
});

describe.each(engines)('team live board over HTTP on $name', (engine) => {
  let center: TestCenter;
  let clock = Date.parse('2026-03-10T02:01:00.000Z');
  const tokens: Record<string, string> = {};
  const live = (who: string, team?: string) => get(`${center.url}/api/team/live${team ? `?team=${team}` : ''}`, tokens[who]);
  const agentOf = (json: Json, staffNo: string) => (json.value.agents as Json[]).find((a) => a.staffNo === staffNo);
  /** Publishes as `who`, first moving the clock past the rate limit. */
  const publish = (who: string, body: unknown) => {
    clock += 1000;
    return post(`${center.url}/api/live`, body, tokens[who]);
  };

  beforeAll(async () => {
    center = await startTestCenter({ engine, liveClock: () => clock });
    for (const s of ['1001', '1002', '1101', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => center.close());

  it('an agent publishes their state; the lead of the team reads every active agent of the team, sorted, colleagues without state as null', async () => {
    expect((await publish('1001', state())).status).toBe(200);
    const r = await live('2001');
    expect(r.status).toBe(200);
    expect(r.json.value.team).toBe('A');
    expect((r.json.value.agents as Json[]).map((a) => a.staffNo)).toEqual(['1001', '1002']);
    expect(agentOf(r.json, '1001')).toMatchObject({ name: '坐席甲', state: state(), stale: false });
    expect(agentOf(r.json, '1002')).toEqual({ staffNo: '1002', name: '坐席乙', state: null, receivedAt: null, stale: false });
  });

  it('each caller publishes only their own state: the body names no one, and a staff number in it is refused', async () => {
    const forged = await publish('1002', { ...state({ status: 'paused', pauseReason: 'meal' }), staffNo: '1001' });
    expect(forged.status).toBe(400);
    expect(agentOf((await live('2001')).json, '1001').state.status).toBe('in_call');
    expect(agentOf((await live('2001')).json, '1002').state).toBeNull();
    expect((await publish('1002', state({ status: 'paused', pauseReason: 'meal', case: null, call: null, script: null }))).status).toBe(200);
    expect(agentOf((await live('2001')).json, '1002').state).toMatchObject({ status: 'paused', pauseReason: 'meal' });
    expect(agentOf((await live('2001')).json, '1001').state.status).toBe('in_call');
  });

  it('keeps leads to their own team; admins choose any team with ?team=; agents and QA cannot read the board', async () => {
    expect((await publish('1101', state({ case: { policyNo: 'P2026000999', kind: 'verification' } }))).status).toBe(200);
    expect((await live('2001', 'B')).status).toBe(403);
    const leadB = await live('2101');
    expect((leadB.json.value.agents as Json[]).map((a) => a.staffNo)).toEqual(['1101']);
    const admin = await live('9001', 'B');
    expect(admin.json.value).toMatchObject({ team: 'B', agents: [{ staffNo: '1101', state: { case: { policyNo: 'P2026000999' } } }] });
    expect((await live('9001')).json.value.team).toBe('A');
    expect((await live('1001')).status).toBe(403);
    expect((await live('3001')).status).toBe(403);
    // QA and admins do not publish (they do not work a queue).
    expect((await publish('3001', state())).status).toBe(403);
  });

  it('marks an agent stale after 90 s without a publication, fresh again with the next one', async () => {
    expect((await publish('1001', state({ status: 'wrap_up', call: null }))).status).toBe(200);
    clock += 90_000;
    expect(agentOf((await live('2001')).json, '1001')).toMatchObject({ stale: false });
    clock += 1_001;
    expect(agentOf((await live('2001')).json, '1001')).toMatchObject({ stale: true, state: { status: 'wrap_up' } });
    expect((await publish('1001', state({ status: 'ready', case: null, call: null, script: null }))).status).toBe(200);
    expect(agentOf((await live('2001')).json, '1001')).toMatchObject({ stale: false, state: { status: 'ready' } });
  });

  it('answers 429 with a readable message to a caller publishing less than 200 ms after their last accepted state', async () => {
    expect((await publish('1002', state({ status: 'ready', case: null, call: null, script: null }))).status).toBe(200);
    clock += 150;
    const tooSoon = await post(`${center.url}/api/live`, state(), tokens['1002']);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.json.error).toMatchObject({ code: 'rate_limited' });
    expect(tooSoon.json.error.message.zh).toMatch(/过于频繁.*200 毫秒/);
    expect(agentOf((await live('2001')).json, '1002').state.status).toBe('ready');
    // Another caller is not slowed down by it.
    expect((await post(`${center.url}/api/live`, state(), tokens['1001'])).status).toBe(200);
    clock += 50;
    expect((await post(`${center.url}/api/live`, state(), tokens['1002'])).status).toBe(200);
  });

  it('refuses states that break the protocol (unknown status, overlong question text) and changes nothing', async () => {
    const before = agentOf((await live('2001')).json, '1001').state;
    expect((await publish('1001', { ...state(), status: 'lunch' })).status).toBe(400);
    expect((await publish('1001', state({ script: { stepId: 'x', stepIndex: 1, questionText: '问'.repeat(601), lastAnswer: null } }))).status).toBe(400);
    expect(agentOf((await live('2001')).json, '1001').state).toEqual(before);
  });

  it('audits each read once as team.live_read; publishing writes neither audit lines nor change-feed entries', async () => {
    const auditBefore = (await readAudit(center.context.store, { limit: 1000 })).length;
    const changesBefore = await center.context.store.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect((await publish('1001', state())).status).toBe(200);
    expect((await readAudit(center.context.store, { limit: 1000 })).length).toBe(auditBefore);
    const changesAfter = await center.context.store.db
      .selectFrom('changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(changesAfter.n)).toBe(Number(changesBefore.n));
    await live('2001');
    const reads = await readAudit(center.context.store, { action: 'team.live_read', limit: 1000 });
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]).toMatchObject({ actor: '2001', action: 'team.live_read', target: 'A' });
    const n = reads.length;
    await live('9001', 'B');
    const after = await readAudit(center.context.store, { action: 'team.live_read', limit: 1000 });
    expect(after.length).toBe(n + 1);
    expect(after[0]).toMatchObject({ actor: '9001', target: 'B' });
  });

  it("audits a lead's push channel once as team.live_watch, since it carries the team's states; an agent's channel is not audited", async () => {
    const watches = async () => readAudit(center.context.store, { action: 'team.live_watch', limit: 1000 });
    const before = (await watches()).length;
    const agent = await pushChannel(center.url, tokens['1002']);
    const lead = await pushChannel(center.url, tokens['2001']);
    try {
      const after = await watches();
      expect(after.length).toBe(before + 1);
      expect(after[0]).toMatchObject({ actor: '2001', action: 'team.live_watch', target: 'A' });
    } finally {
      agent.close();
      lead.close();
    }
  });

  it("pushes { type: 'live', staffNo, update } carrying the state to the leads of the agent's team only, never 'changed'; sign-out pushes and clears it (README: live board)", async () => {
    const leadA = await pushChannel(center.url, tokens['2001']);
    const leadB = await pushChannel(center.url, tokens['2101']);
    const colleague = await pushChannel(center.url, tokens['1002']);
    try {
      expect((await publish('1001', state({ status: 'wrap_up', call: null }))).status).toBe(200);
      await vi.waitFor(() => expect(leadA.messages.find((m) => m.type === 'live' && m.staffNo === '1001')).toBeDefined());
      const pushed = leadA.messages.find((m) => m.type === 'live' && m.staffNo === '1001');
      // The push carries exactly what a read of the board shows for the agent.
      const read = agentOf((await live('2001')).json, '1001');
      expect(pushed).toEqual({ type: 'live', staffNo: '1001', update: { state: read.state, receivedAt: read.receivedAt } });
      expect(read.state).toMatchObject({ status: 'wrap_up', call: null });
      // Give any wrong delivery the same time to arrive before checking it did not.
      expect((await publish('1101', state())).status).toBe(200);
      const liveOf = (ch: { messages: ChannelMessage[] }, staffNo: string) => ch.messages.filter((m) => m.type === 'live' && m.staffNo === staffNo);
      await vi.waitFor(() => expect(liveOf(leadB, '1101')).toHaveLength(1));
      expect(liveOf(leadB, '1001')).toEqual([]);
      expect(liveOf(leadA, '1101')).toEqual([]);
      expect(colleague.messages.map((m) => m.type)).toEqual(['hello']);
      expect(leadA.messages.map((m) => m.type)).not.toContain('changed');

      const session = await post(`${center.url}/api/auth/login`, { staffNo: '1001', password: PASSWORD });
      const count = leadA.messages.length;
      expect((await post(`${center.url}/api/auth/logout`, { refreshToken: session.json.value.refreshToken }, session.json.value.accessToken)).status).toBe(200);
      await vi.waitFor(() => expect(leadA.messages.length).toBe(count + 1));
      expect(leadA.messages.at(-1)).toEqual({ type: 'live', staffNo: '1001', update: { state: null, receivedAt: null } });
      expect(agentOf((await live('2001')).json, '1001')).toMatchObject({ state: null, stale: false });
    } finally {
      leadA.close();
      leadB.close();
      colleague.close();
    }
  });

  it("an agent whose state now comes from another team leaves the old team's pushed board (state null) and joins the new one's (README: live board)", async () => {
    const leadA = await pushChannel(center.url, tokens['2001']);
    const leadB = await pushChannel(center.url, tokens['2101']);
    try {
      clock += 1000;
      expect(center.context.live.publish('1002', 'B', state({ status: 'ready', case: null, call: null, script: null })).ok).toBe(true);
      await vi.waitFor(() =>
        expect(leadB.messages.find((m) => m.type === 'live' && m.staffNo === '1002')).toMatchObject({ update: { state: { status: 'ready' } } }),
      );
      await vi.waitFor(() =>
        expect(leadA.messages.find((m) => m.type === 'live' && m.staffNo === '1002')).toEqual({
          type: 'live',
          staffNo: '1002',
          update: { state: null, receivedAt: null },
        }),
      );
      expect(agentOf((await live('2001')).json, '1002')).toMatchObject({ state: null });
    } finally {
      leadA.close();
      leadB.close();
    }
  });
  // Last: it signs 1002 out.
  it('keeps each change of status (not each publication) and each sign-out for the time per status in reports (center/live/status-log.ts)', async () => {
    const log = () =>
      center.context.store.db
        .selectFrom('desk_status_log')
        .select(['since', 'status', 'pause_reason'])
        .where('staff_no', '=', '1002')
        .where('since', '>=', '2026-03-10T03:00:00.000Z') // earlier tests' states of 1002 are there too
        .orderBy('since')
        .execute();
    const ready = state({ status: 'ready', statusSince: '2026-03-10T03:00:00.000Z', call: null, case: null, script: null });
    expect((await publish('1002', ready)).status).toBe(200);
    expect((await publish('1002', { ...ready, updatedAt: '2026-03-10T03:00:30.000Z' })).status).toBe(200); // republished: no new row
    const paused = { ...ready, status: 'paused' as const, statusSince: '2026-03-10T03:05:00.000Z', pauseReason: 'meeting' };
    expect((await publish('1002', paused)).status).toBe(200);
    const session = await post(`${center.url}/api/auth/login`, { staffNo: '1002', password: PASSWORD });
    expect((await post(`${center.url}/api/auth/logout`, { refreshToken: session.json.value.refreshToken }, session.json.value.accessToken)).status).toBe(200);
    const rows = await log();
    expect(rows.slice(0, 2)).toEqual([
      { since: '2026-03-10T03:00:00.000Z', status: 'ready', pause_reason: null },
      { since: '2026-03-10T03:05:00.000Z', status: 'paused', pause_reason: 'meeting' },
    ]);
    expect(rows.map((r) => r.status)).toEqual(['ready', 'paused', 'signed_out']);
  });
});
