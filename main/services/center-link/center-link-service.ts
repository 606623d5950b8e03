import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { CenterLinkState } from '../../../shared/ipc/channels/center';
import type { LiveUpdate, MySipAccount } from '../../../shared/sync';
import type { CenterClient } from '../center/center-client';
import { isRetryable, type ClientError } from '../center/client-error';
import type { OfflineCredentials } from './offline-credentials';

/** The part of the centre helper's `CenterClient` the link uses (tests pass a fake). */
export type CenterClientLike = Pick<
  CenterClient,
  | 'login'
  | 'logout'
  | 'pull'
  | 'push'
  | 'roster'
  | 'deskConfig'
  | 'sipAccount'
  | 'sipProxies'
  | 'publishLive'
  | 'teamLive'
  | 'teamCases'
  | 'reassign'
  | 'pendingPhoneCorrections'
  | 'reviewPhoneCorrection'
  | 'teamCallbacks'
  | 'monitorGrant'
  | 'monitorVerify'
  | 'monitorEnded'
  | 'subscribe'
  | 'restore'
  | 'session'
> &
  Partial<Pick<CenterClient, 'accessToken'>>;

/** What the link needs from its host. */
export interface CenterLinkOptions {
  /** Builds a client for a centre base URL. */
  readonly clientFor: (baseUrl: string) => CenterClientLike;
  /** Resolves the centre's base URL: the configured one, or the embedded centre once it listens. */
  readonly centerUrl: () => Promise<string>;
  readonly embedded: boolean;
  readonly credentials: OfflineCredentials;
  /** Called on every state change (the host turns it into the `center:status` event). */
  readonly onState: (state: CenterLinkState) => void;
  /** Called when the centre announces changes for this agent (push channel or its polling). */
  readonly onChanged: () => void;
  /** Team leads: the centre says an agent of the team published a live state (the `center:live` event). */
  readonly onLive?: (staffNo: string, update?: LiveUpdate) => void;
  readonly now?: () => Date;
}

type Offline = { kind: 'offline'; message: string };
type Refused = { kind: 'refused'; code: string; message: string };
/** Codes after which the session is gone (the client already tried a refresh). */
const SESSION_GONE = new Set(['unauthenticated', 'invalid_token', 'token_expired']);

/**
 * The workstation's side of the case-centre link, around the centre helper's `CenterClient`.
 * Tokens stay in the main process. "Centre unreachable" becomes the `offline` state instead of an
 * error, so the renderer keeps working from its cache. Signing in while the centre is unreachable
 * works for credentials this workstation has seen accepted before (scrypt hash on disk); the
 * password is then kept in memory only until the centre accepts it again.
 */
export class CenterLinkService {
  private client: CenterClientLike | null = null;
  private clientUrl: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private pendingPassword: { staffNo: string; password: string } | null = null;
  private state: CenterLinkState;
  private readonly now: () => Date;

  constructor(private readonly options: CenterLinkOptions) {
    this.now = options.now ?? (() => new Date());
    this.state = { phase: 'signed_out', user: null, url: null, embedded: options.embedded, lastError: null, lastContactAt: null };
  }

  status(): CenterLinkState {
    return this.state;
  }

  async signIn(staffNo: string, password: string): Promise<ResponseOf<'center:signIn'>> {
    const client = await this.currentClient();
    if (client === null) return this.offlineSignIn(staffNo, password, this.state.lastError ?? '案件中心尚未启动');
    const login = await client.login(staffNo, password);
    if (!login.ok && isRetryable(login.error)) return this.offlineSignIn(staffNo, password, login.error.message.zh);
    if (!login.ok) {
      this.update({ lastError: login.error.message.zh });
      return { kind: 'refused', code: login.error.code, message: login.error.message.zh };
    }
    this.pendingPassword = null;
    await this.options.credentials.remember(staffNo, password, login.value.user, this.now());
    this.update({ phase: 'online', user: login.value.user, lastError: null, lastContactAt: this.now().toISOString() });
    this.listen(client);
    return { kind: 'signed_in', user: login.value.user, mode: 'online' };
  }

  async signOut(): Promise<ResponseOf<'center:signOut'>> {
    this.pendingPassword = null;
    this.dispose();
    const client = this.client;
    this.update({ phase: 'signed_out', user: null, lastError: null });
    if (client?.session) await client.logout();
    return { signedOut: true };
  }

  async pull(request: RequestOf<'center:pull'>): Promise<ResponseOf<'center:pull'>> {
    const r = await this.authorised((c) => c.pull(request.cursor, request.limit ?? 200));
    return r.kind === 'ok' ? { kind: 'ok', response: r.value } : r;
  }

  async push(request: RequestOf<'center:push'>): Promise<ResponseOf<'center:push'>> {
    const r = await this.authorised((c) => c.push(request.items));
    return r.kind === 'ok' ? { kind: 'ok', acks: r.value.acks } : r;
  }

  /** Where and as whom the archive uploader sends (README "Evidence archive"): the centre's URL and a current token. */
  async archiveEndpoint(): Promise<{ kind: 'ok'; value: { baseUrl: string; accessToken: string } } | Offline | Refused> {
    return this.authorised(async (c) => {
      if (!c.accessToken) return { ok: false, error: { code: 'unauthenticated', message: { zh: '请先登录', en: 'Sign-in required' } } };
      const token = await c.accessToken();
      return token.ok ? { ok: true, value: { baseUrl: this.clientUrl as string, accessToken: token.value } } : token;
    });
  }

  /** The signed-in agent's team colleagues (agents and team leads), for booking a callback. */
  async roster(): Promise<ResponseOf<'center:roster'>> {
    const r = await this.authorised((c) => c.roster());
    return r.kind === 'ok' ? { kind: 'ok', roster: r.value } : r;
  }

  /** The signed-in agent's SIP account from the centre (null: none set there). */
  async sipAccount(): Promise<{ kind: 'ok'; value: MySipAccount } | Offline | Refused> {
    return this.authorised((c) => c.sipAccount());
  }

  /** The proxies the centre's SIP accounts use (public: works before sign-in); null when unreachable. */
  async sipProxies(): Promise<string[] | null> {
    const client = await this.currentClient();
    if (!client) return null;
    const r = await client.sipProxies();
    return r.ok ? r.value.origins : null;
  }

  async deskConfig(): Promise<ResponseOf<'center:deskConfig'>> {
    const r = await this.authorised((c) => c.deskConfig());
    return r.kind === 'ok' ? { kind: 'ok', config: r.value } : r;
  }

  /**
   * Publishes this desk's live state for the team lead's board. Offline it answers `offline` and
   * the state is dropped: live state is never queued (the next change or heartbeat replaces it).
   */
  async publishLive(state: RequestOf<'center:publishLive'>): Promise<ResponseOf<'center:publishLive'>> {
    const r = await this.authorised((c) => c.publishLive(state));
    return r.kind === 'ok' ? { kind: 'ok' } : r;
  }

  /** The team's live board (team leads: their team; admins: any team). */
  async teamLive(request: RequestOf<'center:teamLive'>): Promise<ResponseOf<'center:teamLive'>> {
    const r = await this.authorised((c) => c.teamLive(request.team));
    return r.kind === 'ok' ? { kind: 'ok', live: r.value } : r;
  }

  /** The team view (team leads; admins any team): cases, reassignment, corrections to review, callbacks. */
  async teamCases(request: RequestOf<'center:teamCases'>): Promise<ResponseOf<'center:teamCases'>> {
    const r = await this.authorised((c) => c.teamCases(request.team));
    return r.kind === 'ok' ? { kind: 'ok', cases: r.value } : r;
  }

  async reassign(request: RequestOf<'center:reassign'>): Promise<ResponseOf<'center:reassign'>> {
    const r = await this.authorised((c) => c.reassign(request.policyNo, request.toStaffNo));
    return r.kind === 'ok' ? { kind: 'ok', result: r.value } : r;
  }

  async teamPhoneCorrections(request: RequestOf<'center:teamPhoneCorrections'>): Promise<ResponseOf<'center:teamPhoneCorrections'>> {
    const r = await this.authorised((c) => c.pendingPhoneCorrections(request.team));
    return r.kind === 'ok' ? { kind: 'ok', corrections: r.value } : r;
  }

  async reviewPhoneCorrection(request: RequestOf<'center:reviewPhoneCorrection'>): Promise<ResponseOf<'center:reviewPhoneCorrection'>> {
    const r = await this.authorised((c) => c.reviewPhoneCorrection(request.id, request.decision, request.note));
    return r.kind === 'ok' ? { kind: 'ok', review: r.value.review } : r;
  }

  async teamCallbacks(request: RequestOf<'center:teamCallbacks'>): Promise<ResponseOf<'center:teamCallbacks'>> {
    const r = await this.authorised((c) => c.teamCallbacks(request.team));
    return r.kind === 'ok' ? { kind: 'ok', callbacks: r.value } : r;
  }

  /** Listen-in (never queued: offline answers `offline`): a lead's grant, the verdict on one this desk received, a leg that ended. */
  async monitorGrant(request: RequestOf<'center:monitorGrant'>): Promise<ResponseOf<'center:monitorGrant'>> {
    const r = await this.authorised((c) => c.monitorGrant(request.staffNo, request.mode));
    return r.kind === 'ok' ? { kind: 'ok', grant: r.value } : r;
  }
  async monitorVerify(request: RequestOf<'center:monitorVerify'>): Promise<ResponseOf<'center:monitorVerify'>> {
    const r = await this.authorised((c) => c.monitorVerify(request.grant));
    return r.kind === 'ok' ? { kind: 'ok', verdict: r.value } : r;
  }
  async monitorEnded(request: RequestOf<'center:monitorEnded'>): Promise<ResponseOf<'center:monitorEnded'>> {
    const r = await this.authorised((c) => c.monitorEnded(request.lead));
    return r.kind === 'ok' ? { kind: 'ok' } : r;
  }

  /** Another centre is in force (changed while signed out): the next call builds a client with no old tokens. */
  retarget(embedded: boolean): void {
    this.dispose();
    this.client = this.clientUrl = null;
    this.update({ url: null, embedded, lastError: null });
  }

  /** Stops the push channel. */
  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async offlineSignIn(staffNo: string, password: string, reason: string): Promise<ResponseOf<'center:signIn'>> {
    const user = await this.options.credentials.verify(staffNo, password);
    if (!user) {
      this.update({ lastError: reason });
      return { kind: 'offline', message: `${reason}；此工号未在本机登录过，无法离线登录` };
    }
    this.pendingPassword = { staffNo, password };
    this.update({ phase: 'offline', user, lastError: reason });
    return { kind: 'signed_in', user, mode: 'offline' };
  }

  /** Runs a call with a session, signing in again after an offline sign-in. */
  private async authorised<T>(
    call: (c: CenterClientLike) => Promise<{ ok: true; value: T } | { ok: false; error: ClientError }>,
  ): Promise<{ kind: 'ok'; value: T } | Offline | Refused> {
    if (this.state.phase === 'signed_out') return { kind: 'refused', code: 'unauthenticated', message: '请先登录' };
    const client = await this.currentClient();
    if (client === null) return this.wentOffline(this.state.lastError ?? '案件中心尚未启动');
    if (!client.session) {
      if (!this.pendingPassword) return this.expired();
      const { staffNo, password } = this.pendingPassword;
      const login = await client.login(staffNo, password);
      if (!login.ok && isRetryable(login.error)) return this.wentOffline(login.error.message.zh);
      if (!login.ok) {
        this.pendingPassword = null;
        return this.expired(login.error.message.zh);
      }
      this.pendingPassword = null;
      await this.options.credentials.remember(staffNo, password, login.value.user, this.now());
      this.update({ user: login.value.user });
      this.listen(client);
    }
    const answer = await call(client);
    if (!answer.ok && isRetryable(answer.error)) return this.wentOffline(answer.error.message.zh);
    if (!answer.ok && SESSION_GONE.has(answer.error.code)) return this.expired(answer.error.message.zh);
    if (!answer.ok) return { kind: 'refused', code: answer.error.code, message: answer.error.message.zh };
    this.update({ phase: 'online', lastError: null, lastContactAt: this.now().toISOString() });
    return { kind: 'ok', value: answer.value };
  }

  private listen(client: CenterClientLike): void {
    this.unsubscribe?.();
    this.unsubscribe = client.subscribe({ onChanged: () => this.options.onChanged(), onLive: this.options.onLive, pollMs: 30_000 });
  }

  private expired(detail?: string): Refused {
    this.dispose();
    const message = detail ? `登录已失效，请重新登录（${detail}）` : '登录已失效，请重新登录';
    this.update({ phase: 'signed_out', user: null, lastError: message });
    return { kind: 'refused', code: 'session_expired', message };
  }

  private wentOffline(message: string): Offline {
    this.update({ phase: 'offline', lastError: message });
    return { kind: 'offline', message };
  }

  /** The client for the centre's current URL (the embedded centre may come back on a new port). */
  private async currentClient(): Promise<CenterClientLike | null> {
    let url: string;
    try {
      url = await this.options.centerUrl();
    } catch (err) {
      this.update({ lastError: err instanceof Error ? err.message : String(err) });
      return null;
    }
    if (this.client === null || url !== this.clientUrl) {
      const tokens = this.client?.session ?? null;
      this.client = this.options.clientFor(url);
      this.client.restore(tokens);
      this.clientUrl = url;
      if (this.unsubscribe) this.listen(this.client);
      this.update({ url });
    }
    return this.client;
  }

  private update(patch: Partial<CenterLinkState>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.options.onState(next);
  }
}
