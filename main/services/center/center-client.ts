import WebSocket from 'ws';
import {
  CHANNEL_PATH,
  channelMessageSchema,
  pullResponseSchema,
  pushResponseSchema,
  rosterResponseSchema,
  deskConfigSchema,
  mySipAccountSchema,
  sipProxiesSchema,
  sessionTokensSchema,
  teamLiveResponseSchema,
  monitorGrantSchema,
  monitorVerdictSchema,
  monitorEndedSchema,
  teamCaseSchema,
  reassignResponseSchema,
  teamPhoneCorrectionsResponseSchema,
  phoneCorrectionReviewedSchema,
  teamCallbacksResponseSchema,
  type TeamCase,
  type TeamCallbacksResponse,
  type MonitorGrant,
  type MonitorMode,
  type MonitorVerdict,
  type MonitorEnded,
  type LiveState,
  type TeamLiveResponse,
  type DeskConfig,
  type MySipAccount,
  type PullResponse,
  type PushItem,
  type PushResponse,
  type RosterResponse,
  type SessionTokens,
} from '../../../shared/sync';
import { z } from 'zod';
import type { ClientResult } from './client-error';
import { fetchEnvelope } from './envelope-fetch';
import type { CenterClientOptions, ChannelState, SubscribeOptions } from './client-options';

export type { ChannelState } from './client-options';

/** `?team=…` (or `&team=…`) for an admin's named team; empty for the caller's own. */
const teamQuery = (sep: '?' | '&', team?: string) => (team ? `${sep}team=${encodeURIComponent(team)}` : '');

/**
 * The workstation's side of the sync protocol (plain Node; the Electron main process wires it to
 * IPC). Logs in, refreshes access tokens before they expire (and once on `token_expired`), pulls
 * the queue by cursor, pushes items, and keeps a push channel with reconnect and polling fallback.
 * Never throws: every call answers a `ClientResult`.
 */
export class CenterClient {
  private tokens: SessionTokens | null = null;
  private refreshing: Promise<ClientResult<SessionTokens>> | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly options: CenterClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The current session, if any. */
  get session(): SessionTokens | null {
    return this.tokens;
  }

  /** Restores a persisted session. */
  restore(tokens: SessionTokens | null): void {
    this.tokens = tokens;
  }

  private setTokens(tokens: SessionTokens | null): void {
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
  }

  private async request<S extends z.ZodType>(path: string, body: unknown, schema: S, auth: boolean): Promise<ClientResult<z.output<S>>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth && this.tokens) headers.authorization = `Bearer ${this.tokens.accessToken}`;
    return fetchEnvelope(
      new URL(path, this.options.baseUrl),
      { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) },
      schema,
      this.timeoutMs,
    );
  }

  /** Signs in with staff number and password. */
  async login(staffNo: string, password: string): Promise<ClientResult<SessionTokens>> {
    const r = await this.request('/api/auth/login', { staffNo, password }, sessionTokensSchema, false);
    if (r.ok) this.setTokens(r.value);
    return r;
  }

  /** Rotates the refresh token; concurrent callers share one request. */
  refresh(): Promise<ClientResult<SessionTokens>> {
    if (!this.tokens) return Promise.resolve({ ok: false, error: { code: 'unauthenticated', message: { zh: '请先登录', en: 'Sign-in required' } } });
    this.refreshing ??= this.request('/api/auth/refresh', { refreshToken: this.tokens.refreshToken }, sessionTokensSchema, false).then((r) => {
      this.refreshing = null;
      if (r.ok) this.setTokens(r.value);
      else if (r.error.code === 'invalid_token' || r.error.code === 'token_expired') this.setTokens(null);
      return r;
    });
    return this.refreshing;
  }

  /** Signs out (revokes the refresh token) and forgets the session. */
  async logout(): Promise<void> {
    if (this.tokens) await this.request('/api/auth/logout', { refreshToken: this.tokens.refreshToken }, z.unknown(), true);
    this.setTokens(null);
  }

  private async authed<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<ClientResult<z.output<S>>> {
    if (this.tokens && Date.parse(this.tokens.accessExpiresAt) - Date.now() < 60_000) await this.refresh();
    const first = await this.request(path, body, schema, true);
    if (first.ok || first.error.code !== 'token_expired') return first;
    const refreshed = await this.refresh();
    return refreshed.ok ? this.request(path, body, schema, true) : first;
  }

  /** Pulls queue changes after `cursor` (`null` → full snapshot). */
  pull(cursor: string | null, limit = 200): Promise<ClientResult<PullResponse>> {
    return this.authed('/api/sync/pull', { cursor, limit }, pullResponseSchema);
  }

  /** A current access token for requests outside this client (the archive's raw uploads); refreshed near expiry. */
  async accessToken(): Promise<ClientResult<string>> {
    if (this.tokens && Date.parse(this.tokens.accessExpiresAt) - Date.now() < 60_000) {
      const r = await this.refresh();
      if (!r.ok) return r;
    }
    if (!this.tokens) return { ok: false, error: { code: 'unauthenticated', message: { zh: '请先登录', en: 'Sign-in required' } } };
    return { ok: true, value: this.tokens.accessToken };
  }

  /** Pushes items; safe to repeat with the same ids after any failure. */
  push(items: readonly PushItem[]): Promise<ClientResult<PushResponse>> {
    return this.authed('/api/sync/push', { items }, pushResponseSchema);
  }

  /** The signed-in user's team colleagues who can take a callback (GET /api/team/roster). */
  roster(): Promise<ClientResult<RosterResponse>> {
    return this.authed('/api/team/roster', undefined, rosterResponseSchema);
  }

  /** The centre's desk settings: company name for the script, attempt limit (GET /api/desk-config). */
  deskConfig(): Promise<ClientResult<DeskConfig>> {
    return this.authed('/api/desk-config', undefined, deskConfigSchema);
  }

  /** The proxies of the centre's SIP accounts (GET /api/sip-proxies; public). */
  sipProxies(): Promise<ClientResult<{ origins: string[] }>> {
    return this.request('/api/sip-proxies', undefined, sipProxiesSchema, false);
  }

  /** The SIP account an administrator set for the signed-in agent (GET /api/me/sip-account). */
  sipAccount(): Promise<ClientResult<MySipAccount>> {
    return this.authed('/api/me/sip-account', undefined, mySipAccountSchema);
  }

  /** Publishes the signed-in desk's own live state (POST /api/live); never queued or retried. */
  publishLive(state: LiveState): Promise<ClientResult<{ accepted: true }>> {
    return this.authed('/api/live', state, z.object({ accepted: z.literal(true) }));
  }

  /** A team's live board (GET /api/team/live; `team` only for admins or the lead's own team). */
  teamLive(team?: string): Promise<ClientResult<TeamLiveResponse>> {
    return this.authed(`/api/team/live${team ? `?team=${encodeURIComponent(team)}` : ''}`, undefined, teamLiveResponseSchema);
  }

  /** The team's cases, masked (GET /api/team/cases). */
  teamCases(team?: string): Promise<ClientResult<TeamCase[]>> {
    return this.authed(`/api/team/cases${teamQuery('?', team)}`, undefined, z.array(teamCaseSchema));
  }

  /** Gives a case to another agent of the team (POST /api/team/reassign). */
  reassign(policyNo: string, toStaffNo: string): Promise<ClientResult<z.output<typeof reassignResponseSchema>>> {
    return this.authed('/api/team/reassign', { policyNo, toStaffNo }, reassignResponseSchema);
  }

  /** The team's phone corrections still to be reviewed (GET /api/team/phone-corrections?review=pending). */
  pendingPhoneCorrections(team?: string): Promise<ClientResult<z.output<typeof teamPhoneCorrectionsResponseSchema>>> {
    return this.authed(`/api/team/phone-corrections?review=pending${teamQuery('&', team)}`, undefined, teamPhoneCorrectionsResponseSchema);
  }

  /** A lead's verdict on one correction (POST /api/team/phone-corrections/:id/review). */
  reviewPhoneCorrection(id: string, decision: 'accepted' | 'rejected', note?: string) {
    return this.authed(`/api/team/phone-corrections/${encodeURIComponent(id)}/review`, { decision, note }, phoneCorrectionReviewedSchema);
  }

  /** Callbacks booked on the team's open cases (GET /api/team/callbacks). */
  teamCallbacks(team?: string): Promise<ClientResult<TeamCallbacksResponse>> {
    return this.authed(`/api/team/callbacks${teamQuery('?', team)}`, undefined, teamCallbacksResponseSchema);
  }

  /** A listen-in grant for a lead (POST /api/team/monitor). */
  monitorGrant(staffNo: string, mode?: MonitorMode): Promise<ClientResult<MonitorGrant>> {
    return this.authed('/api/team/monitor', mode ? { staffNo, mode } : { staffNo }, monitorGrantSchema);
  }

  /** The centre's verdict on a listen-in grant this agent received (POST /api/monitor/verify). */
  monitorVerify(grant: string): Promise<ClientResult<MonitorVerdict>> {
    return this.authed('/api/monitor/verify', { grant }, monitorVerdictSchema);
  }

  /** A lead's listen-in leg on this agent's desk ended (POST /api/monitor/ended). */
  monitorEnded(lead: string): Promise<ClientResult<MonitorEnded>> {
    return this.authed('/api/monitor/ended', { lead }, monitorEndedSchema);
  }

  /**
   * Opens the push channel and keeps it open (reconnect with backoff; token refresh when the
   * centre refuses the upgrade). While it is down, `onChanged` is also called every `pollMs`
   * (polling fallback). Returns a function that stops everything.
   */
  subscribe(opts: SubscribeOptions): () => void {
    const [firstDelay, maxDelay] = opts.backoffMs ?? [500, 30_000];
    let delay = firstDelay;
    let stopped = false;
    let ws: WebSocket | null = null;
    let reconnectTimer: NodeJS.Timeout | null = null;
    let pollTimer: NodeJS.Timeout | null = null;

    const setState = (s: ChannelState) => opts.onState?.(s);
    const startPolling = () => {
      pollTimer ??= setInterval(() => opts.onChanged(), opts.pollMs ?? 30_000);
    };
    const stopPolling = () => {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
    };
    const scheduleReconnect = () => {
      if (stopped || reconnectTimer) return;
      setState('closed');
      startPolling();
      const wait = delay * (0.75 + Math.random() * 0.5);
      delay = Math.min(delay * 2, maxDelay);
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        connect();
      }, wait);
    };
    const connect = () => {
      if (stopped) return;
      setState('connecting');
      const url = new URL(CHANNEL_PATH, this.options.baseUrl);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(url, {
        headers: this.tokens ? { authorization: `Bearer ${this.tokens.accessToken}` } : {},
        handshakeTimeout: this.timeoutMs,
      });
      ws = socket;
      socket.on('open', () => {
        delay = firstDelay;
        stopPolling();
        setState('open');
        opts.onChanged(); // anything missed while disconnected
      });
      socket.on('message', (data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        const m = channelMessageSchema.safeParse(parsed);
        if (m.success && m.data.type === 'changed') opts.onChanged();
        else if (m.success && m.data.type === 'live') opts.onLive?.(m.data.staffNo, m.data.update);
      });
      socket.on('unexpected-response', (_req, res) => {
        if (res.statusCode === 401) void this.refresh();
        socket.terminate();
      });
      socket.on('error', () => undefined); // 'close' follows
      socket.on('close', () => {
        if (ws === socket) ws = null;
        scheduleReconnect();
      });
    };
    connect();
    return () => {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      stopPolling();
      ws?.terminate();
      setState('stopped');
    };
  }
}
