import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CenterLinkState } from '../../../../shared/ipc/channels/center';
import { DEFAULT_CALLING_HOURS } from '../../../../shared/domain/calling-hours';
import type {
  DeskConfig,
  LiveState,
  MySipAccount,
  MonitorGrant,
  MonitorVerdict,
  PushItem,
  RosterResponse,
  SessionTokens,
  TeamLiveResponse,
} from '../../../../shared/sync';
import { CenterLinkService, type CenterClientLike } from '../../../../main/services/center-link/center-link-service';
import { OfflineCredentials } from '../../../../main/services/center-link/offline-credentials';
import type { ClientResult } from '../../../../main/services/center/client-error';

const user = { staffNo: '1001', name: '演示坐席', role: 'agent' as const, team: 'A', languages: ['mandarin'] };
const tokens: SessionTokens = {
  accessToken: 'a',
  accessExpiresAt: '2099-01-01T00:00:00Z',
  refreshToken: 'r'.repeat(30),
  refreshExpiresAt: '2099-01-01T00:00:00Z',
  user,
};
const network = { ok: false as const, error: { code: 'network' as const, message: { zh: '无法连接回访中心', en: 'cannot reach the case centre' } } };

const roster: RosterResponse = {
  team: 'A',
  members: [
    { staffNo: '1001', name: '演示坐席', role: 'agent', languages: ['mandarin'] },
    { staffNo: '2001', name: '组长', role: 'team_lead', languages: ['mandarin', 'cantonese'] },
  ],
};

const liveState: LiveState = {
  status: 'in_call',
  statusSince: '2026-11-25T01:59:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P0001', kind: 'new' },
  call: { phase: 'connected', since: '2026-11-25T01:59:00.000Z' },
  script: { stepId: 'greeting', stepIndex: 2, questionText: '您好！我是测试人寿的客户服务代表，工号1001。', lastAnswer: { stepId: 'identity', answer: 'yes' } },
  updatedAt: '2026-11-25T02:00:00.000Z',
};

/** A scripted client: `up` decides whether the centre answers. */
class FakeClient implements CenterClientLike {
  up = true;
  session: SessionTokens | null = null;
  logins = 0;
  pushes: PushItem[][] = [];
  async login(staffNo: string, password: string): Promise<ClientResult<SessionTokens>> {
    this.logins++;
    if (!this.up) return network;
    if (staffNo !== '1001' || password !== 'demo1234') return { ok: false, error: { code: 'bad_credentials', message: { zh: '工号或密码错误', en: 'bad' } } };
    this.session = tokens;
    return { ok: true, value: tokens };
  }
  async logout() {
    this.session = null;
  }
  async pull() {
    if (!this.up) return network;
    return { ok: true as const, value: { cursor: 'c1-1', hasMore: false, snapshot: true, upserts: [], drops: [] } };
  }
  async push(items: readonly PushItem[]) {
    if (!this.up) return network;
    this.pushes.push([...items]);
    return { ok: true as const, value: { acks: items.map((i) => ({ id: i.id, status: 'accepted' as const })) } };
  }
  /** What `roster()` answers when the centre is up: the roster, or the centre's refusal. */
  rosterAnswer: ClientResult<RosterResponse> = { ok: true, value: roster };
  async roster(): Promise<ClientResult<RosterResponse>> {
    if (!this.up) return network;
    return this.rosterAnswer;
  }
  async sipProxies(): Promise<ClientResult<{ origins: string[] }>> {
    if (!this.up) return network;
    return { ok: true, value: { origins: [] } };
  }
  /** What GET /api/me/sip-account answers (tests of the sign-in hook set it). */
  sipAnswer: MySipAccount = { account: null };
  async sipAccount(): Promise<ClientResult<MySipAccount>> {
    if (!this.up) return network;
    return { ok: true, value: this.sipAnswer };
  }
  async deskConfig(): Promise<ClientResult<DeskConfig>> {
    if (!this.up) return network;
    return { ok: true, value: { companyName: '测试人寿', maxAttempts: 4, callingHours: DEFAULT_CALLING_HOURS, inboundCallers: 'case', calendarYears: {} } };
  }
  /** Live states the centre accepted; `liveAnswer` overrides the answer (e.g. a rate limit). */
  published: LiveState[] = [];
  liveAnswer: ClientResult<{ accepted: true }> | null = null;
  async publishLive(state: LiveState): Promise<ClientResult<{ accepted: true }>> {
    if (!this.up) return network;
    if (this.liveAnswer) return this.liveAnswer;
    this.published.push(state);
    return { ok: true, value: { accepted: true } };
  }
  // The team view's calls are exercised against a real centre (test/center/team-view-routes.test.ts).
  teamCases = async () => network;
  reassign = async () => network;
  pendingPhoneCorrections = async () => network;
  reviewPhoneCorrection = async () => network;
  teamCallbacks = async () => network;
  teamAsked: (string | undefined)[] = [];
  async teamLive(team?: string): Promise<ClientResult<TeamLiveResponse>> {
    if (!this.up) return network;
    this.teamAsked.push(team);
    return {
      ok: true,
      value: {
        team: team ?? 'A',
        at: '2026-11-25T02:00:00.000Z',
        agents: [{ staffNo: '1001', name: '演示坐席', state: liveState, receivedAt: '2026-11-25T02:00:00.000Z', stale: false }],
      },
    };
  }
  monitorAsked: string[] = [];
  async monitorGrant(staffNo: string): Promise<ClientResult<MonitorGrant>> {
    if (!this.up) return network;
    this.monitorAsked.push(staffNo);
    if (staffNo !== '1001') return { ok: false, error: { code: 'conflict', message: { zh: '该坐席当前不在通话中，不能监听', en: 'not in a call' } } };
    return {
      ok: true,
      value: {
        grant: `mg1.${'a'.repeat(20)}.${'b'.repeat(43)}`,
        agent: '1001',
        agentName: '演示坐席',
        sipUri: 'sip:1001@127.0.0.1',
        policyNo: 'P0001',
        expiresAt: '2026-11-25T02:00:30.000Z',
      },
    };
  }
  async monitorVerify(grant: string): Promise<ClientResult<MonitorVerdict>> {
    if (!this.up) return network;
    return {
      ok: true,
      value:
        grant === 'good'
          ? { verdict: 'valid', lead: '2001', leadName: '组长', expiresAt: '2026-11-25T02:00:30.000Z' }
          : { verdict: 'refused', reason: 'expired', message: '监听授权已过期' },
    };
  }
  /** The options of the last `subscribe` (the push channel's callbacks). */
  subscribed: { onChanged: () => void; onLive?: (staffNo: string) => void } | null = null;
  subscribe(opts: { onChanged: () => void; onLive?: (staffNo: string) => void }) {
    this.subscribed = opts;
    return () => undefined;
  }
  restore(t: SessionTokens | null) {
    this.session = t;
  }
}

function link(client: FakeClient, states: CenterLinkState[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'center-link-'));
  return new CenterLinkService({
    clientFor: () => client,
    centerUrl: async () => 'http://127.0.0.1:7441',
    embedded: true,
    credentials: new OfflineCredentials(path.join(dir, 'offline.json')),
    onState: (s) => states.push(s),
    onChanged: () => undefined,
  });
}

const item: PushItem = {
  id: '0b7c3f0e-8f5e-4a43-9a38-7c1d2b9f0a11',
  kind: 'attempt',
  policyNo: 'P0001',
  occurredAt: '2026-11-25T10:00:00+08:00',
  data: { channel: 'phone', outcome: 'no_answer' },
};

describe('centre link', () => {
  it('signs in online, and refuses wrong credentials with the centre’s message', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.signIn('1001', 'nope')).toEqual({ kind: 'refused', code: 'bad_credentials', message: '工号或密码错误' });
    expect(await l.signIn('1001', 'demo1234')).toEqual({ kind: 'signed_in', user, mode: 'online' });
    expect(l.status().phase).toBe('online');
  });

  it('signs in offline only with credentials this workstation saw accepted, then reconnects and delivers', async () => {
    const client = new FakeClient();
    const first = link(client);
    client.up = false;
    expect(await first.signIn('1001', 'demo1234')).toMatchObject({ kind: 'offline' });
    client.up = true;
    await first.signIn('1001', 'demo1234');
    // Same workstation (same credential file), centre down at the next shift.
    const states: CenterLinkState[] = [];
    const second = new CenterLinkService({
      ...(first as unknown as { options: ConstructorParameters<typeof CenterLinkService>[0] }).options,
      onState: (s) => states.push(s),
    });
    client.up = false;
    client.session = null;
    expect(await second.signIn('1001', 'wrong')).toMatchObject({ kind: 'offline' });
    expect(await second.signIn('1001', 'demo1234')).toEqual({ kind: 'signed_in', user, mode: 'offline' });
    expect(second.status().phase).toBe('offline');
    expect(await second.push({ items: [item] })).toMatchObject({ kind: 'offline' });
    client.up = true;
    expect(await second.push({ items: [item] })).toEqual({ kind: 'ok', acks: [{ id: item.id, status: 'accepted' }] });
    expect(second.status().phase).toBe('online');
    expect(states.map((s) => s.phase)).toEqual(expect.arrayContaining(['offline', 'online']));
  });

  it('goes offline when the centre stops answering and back online when it answers again', async () => {
    const client = new FakeClient();
    const l = link(client);
    await l.signIn('1001', 'demo1234');
    client.up = false;
    expect(await l.pull({ cursor: null })).toMatchObject({ kind: 'offline', message: '无法连接回访中心' });
    expect(l.status()).toMatchObject({ phase: 'offline', user });
    client.up = true;
    expect(await l.pull({ cursor: null })).toMatchObject({ kind: 'ok' });
    expect(l.status().phase).toBe('online');
  });

  it('refuses centre calls when nobody is signed in', async () => {
    const l = link(new FakeClient());
    expect(await l.push({ items: [item] })).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
  });

  it('lists the roster like a pull: refused signed out, ok online, offline when unreachable, refused when the centre refuses', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.roster()).toEqual({ kind: 'refused', code: 'unauthenticated', message: '请先登录' });
    await l.signIn('1001', 'demo1234');
    expect(await l.roster()).toEqual({ kind: 'ok', roster });
    client.up = false;
    expect(await l.roster()).toEqual({ kind: 'offline', message: '无法连接回访中心' });
    expect(l.status().phase).toBe('offline');
    client.up = true;
    client.rosterAnswer = { ok: false, error: { code: 'wrong_team', message: { zh: '不是你的组', en: 'not your team' } } };
    expect(await l.roster()).toEqual({ kind: 'refused', code: 'wrong_team', message: '不是你的组' });
    client.rosterAnswer = { ok: false, error: { code: 'token_expired', message: { zh: '登录已过期', en: 'expired' } } };
    expect(await l.roster()).toMatchObject({ kind: 'refused', code: 'session_expired' });
    expect(l.status().phase).toBe('signed_out');
  });

  it('reads the desk settings like a pull: refused signed out, ok online, offline when unreachable', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.deskConfig()).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.deskConfig()).toEqual({
      kind: 'ok',
      config: { companyName: '测试人寿', maxAttempts: 4, callingHours: DEFAULT_CALLING_HOURS, inboundCallers: 'case', calendarYears: {} },
    });
    client.up = false;
    expect(await l.deskConfig()).toMatchObject({ kind: 'offline' });
  });

  it('publishes the live state online; offline it answers offline and drops it (nothing queued, nothing re-sent)', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.publishLive(liveState)).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.publishLive(liveState)).toEqual({ kind: 'ok' });
    client.up = false;
    const later = { ...liveState, status: 'wrap_up' as const, call: null };
    expect(await l.publishLive(later)).toEqual({ kind: 'offline', message: '无法连接回访中心' });
    client.up = true;
    // Back online, a push or pull does not bring the dropped state along.
    await l.pull({ cursor: null });
    expect(client.published).toEqual([liveState]);
    client.liveAnswer = { ok: false, error: { code: 'rate_limited', message: { zh: '实时状态上报过于频繁', en: 'too often' } } };
    expect(await l.publishLive(liveState)).toEqual({ kind: 'refused', code: 'rate_limited', message: '实时状态上报过于频繁' });
    expect(l.status().phase).toBe('online');
  });

  it('reads the team live board (own team or a named one) and passes live notices of the push channel on', async () => {
    const client = new FakeClient();
    const notices: string[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'center-link-'));
    const l = new CenterLinkService({
      clientFor: () => client,
      centerUrl: async () => 'http://127.0.0.1:7441',
      embedded: true,
      credentials: new OfflineCredentials(path.join(dir, 'offline.json')),
      onState: () => undefined,
      onChanged: () => undefined,
      onLive: (staffNo) => notices.push(staffNo),
    });
    expect(await l.teamLive({})).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.teamLive({})).toMatchObject({ kind: 'ok', live: { team: 'A', agents: [{ staffNo: '1001', state: liveState }] } });
    expect(await l.teamLive({ team: 'B' })).toMatchObject({ kind: 'ok', live: { team: 'B' } });
    expect(client.teamAsked).toEqual([undefined, 'B']);
    client.subscribed?.onLive?.('1002');
    expect(notices).toEqual(['1002']);
    client.up = false;
    expect(await l.teamLive({})).toMatchObject({ kind: 'offline' });
  });

  it('passes listen-in grants and verdicts through, refusals and offline as values', async () => {
    const client = new FakeClient();
    const l = link(client);
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'refused', code: 'unauthenticated' });
    await l.signIn('1001', 'demo1234');
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'ok', grant: { agent: '1001', sipUri: 'sip:1001@127.0.0.1' } });
    expect(await l.monitorGrant({ staffNo: '1002' })).toEqual({ kind: 'refused', code: 'conflict', message: '该坐席当前不在通话中，不能监听' });
    expect(await l.monitorVerify({ grant: 'good' })).toEqual({
      kind: 'ok',
      verdict: { verdict: 'valid', lead: '2001', leadName: '组长', expiresAt: '2026-11-25T02:00:30.000Z' },
    });
    expect(await l.monitorVerify({ grant: 'old' })).toMatchObject({ kind: 'ok', verdict: { verdict: 'refused', reason: 'expired' } });
    client.up = false;
    expect(await l.monitorGrant({ staffNo: '1001' })).toMatchObject({ kind: 'offline' });
    expect(await l.monitorVerify({ grant: 'good' })).toMatchObject({ kind: 'offline' });
  });
});
