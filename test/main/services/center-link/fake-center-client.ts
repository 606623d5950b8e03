import { DEFAULT_CALLING_HOURS } from '../../../../shared/domain/calling-hours';
import type {
  LiveUpdate,
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
import type { CenterClientLike } from '../../../../main/services/center-link/center-link-service';
import type { ClientResult } from '../../../../main/services/center/client-error';

/** A scripted centre for the link's tests: up or down, with the answers each test sets. */
export const user = { staffNo: '1001', name: '演示坐席', role: 'agent' as const, team: 'A', languages: ['mandarin'] };
export const tokens: SessionTokens = {
  accessToken: 'a',
  accessExpiresAt: '2099-01-01T00:00:00Z',
  refreshToken: 'r'.repeat(30),
  refreshExpiresAt: '2099-01-01T00:00:00Z',
  user,
};
export const network = { ok: false as const, error: { code: 'network' as const, message: { zh: '无法连接回访中心', en: 'cannot reach the case centre' } } };

export const roster: RosterResponse = {
  team: 'A',
  members: [
    { staffNo: '1001', name: '演示坐席', role: 'agent', languages: ['mandarin'] },
    { staffNo: '2001', name: '组长', role: 'team_lead', languages: ['mandarin', 'cantonese'] },
  ],
};

export const liveState: LiveState = {
  status: 'in_call',
  statusSince: '2026-11-25T01:59:00.000Z',
  pauseReason: null,
  case: { policyNo: 'P0001', kind: 'new' },
  call: { phase: 'connected', since: '2026-11-25T01:59:00.000Z' },
  script: { stepId: 'greeting', stepIndex: 2, questionText: '您好！我是测试人寿的客户服务代表，工号1001。', lastAnswer: { stepId: 'identity', answer: 'yes' } },
  updatedAt: '2026-11-25T02:00:00.000Z',
};

/** A scripted client: `up` decides whether the centre answers. */
export class FakeClient implements CenterClientLike {
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
    return {
      ok: true,
      value: {
        companyName: '测试人寿',
        maxAttempts: 4,
        callingHours: DEFAULT_CALLING_HOURS,
        inboundCallers: 'case',
        trainingAgents: [],
        localAudioDays: 30,
        boardAlerts: { longCallMinutes: 15, longWrapUpMinutes: 2, longPauseMinutes: 15 },
        calendarYears: {},
      },
    };
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
  /** The leads whose legs the desk reported ended. */
  readonly endedLegs: string[] = [];
  async monitorEnded(lead: string): Promise<ClientResult<{ released: boolean }>> {
    if (!this.up) return network;
    this.endedLegs.push(lead);
    return { ok: true, value: { released: true } };
  }
  /** The options of the last `subscribe` (the push channel's callbacks). */
  subscribed: { onChanged: () => void; onLive?: (staffNo: string, update?: LiveUpdate) => void } | null = null;
  subscribe(opts: { onChanged: () => void; onLive?: (staffNo: string, update?: LiveUpdate) => void }) {
    this.subscribed = opts;
    return () => undefined;
  }
  restore(t: SessionTokens | null) {
    this.session = t;
  }
}
