import { Registerer, RegistererState, UserAgent, Web, type Invitation } from 'sip.js';
import type { SoftphoneConfig } from '../../../shared/ipc/channels/softphone';
import { Reconnector } from './reconnect-policy';
import type { TrainingTransport } from './training-port';
import type { RegistrationState } from './softphone-state';
import { messages } from '../../i18n/messages';

/** An account ready to register: settings plus the password obtained from the main process. */
export interface SipAccount {
  readonly config: SoftphoneConfig;
  readonly password: string;
  /** The training line's in-process transport instead of a WebSocket to `config.wsUrl`. */
  readonly transport?: TrainingTransport;
}

/** What the connection reports upwards. */
export interface SipConnectionEvents {
  registration(state: RegistrationState, detail?: string): void;
  reconnectScheduled(attempt: number, delayMs: number): void;
  /** The transport came back and REGISTER succeeded again (calls may want an ICE restart). */
  recovered(): void;
  /**
   * An inbound INVITE (the only ones answered are team leads' listen-ins); without this handler
   * every inbound INVITE is refused with 480.
   */
  invite?(invitation: Invitation): void;
}

/**
 * Owns the sip.js UserAgent and Registerer for one account and keeps them registered.
 * sip.js neither reconnects (`reconnectionAttempts` 0) nor re-REGISTERs after a reconnect
 * (INFRA.md), and its Registerer keeps claiming "Registered" when the proxy is gone, so this class
 * drives registration state from transport events and REGISTER replies, not from the Registerer.
 */
export class SipConnection {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private readonly reconnector: Reconnector;
  private generation = 0;
  private wantOnline = false;

  constructor(
    private readonly events: SipConnectionEvents,
    /** The user agent's media factory (sip.js's own unless a line companion brings one). */
    private readonly sdhFactory: Web.SessionDescriptionHandlerFactory = Web.defaultSessionDescriptionHandlerFactory(),
  ) {
    this.reconnector = new Reconnector(() => this.reconnectOnce(), {
      onScheduled: (attempt, delay) => this.events.reconnectScheduled(attempt, delay),
    });
  }

  /** The running user agent (for placing calls), or null. */
  userAgent(): UserAgent | null {
    return this.ua;
  }

  /** Connects and registers `account`, replacing any previous one. Never rejects. */
  async start(account: SipAccount): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    const { config } = account;
    const uri = UserAgent.makeURI(config.sipUri);
    if (!uri) {
      this.events.registration('failed', messages.softphone.sip.badUri(config.sipUri));
      return;
    }
    const ua = new UserAgent({
      uri,
      displayName: config.displayName || undefined,
      authorizationUsername: config.authUser,
      authorizationPassword: account.password,
      ...(account.transport
        ? { transportConstructor: account.transport.transportConstructor, transportOptions: account.transport.transportOptions as object }
        : { transportOptions: { server: config.wsUrl, connectionTimeout: 3 } }),
      reconnectionAttempts: 0,
      logLevel: 'error',
      userAgentString: 'HuifangWorkstation sip.js/0.21.2',
      sessionDescriptionHandlerFactory: this.sdhFactory,
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: config.iceGatheringTimeoutMs,
        peerConnectionConfiguration: { iceServers: config.iceServers },
      },
      delegate: {
        onDisconnect: (error?: Error) => {
          if (generation !== this.generation || !error) return;
          this.events.registration('reconnecting', messages.softphone.sip.disconnected);
          this.reconnector.start();
        },
        // Outbound desk: inbound calls are refused politely (the proxy tries nothing else),
        // except what the owner answers (a team lead's listen-in).
        onInvite: (invitation: Invitation) => {
          if (this.events.invite) this.events.invite(invitation);
          else void invitation.reject({ statusCode: 480 }).catch(() => undefined);
        },
      },
    });
    const registerer = new Registerer(ua, { expires: 300 });
    registerer.stateChange.addListener((state) => {
      if (generation !== this.generation) return;
      if (state === RegistererState.Registered && ua.isConnected()) this.events.registration('registered');
      if (state === RegistererState.Unregistered) this.events.registration('unregistered');
    });
    this.ua = ua;
    this.registerer = registerer;
    this.wantOnline = true;
    this.events.registration('connecting');
    try {
      await ua.start();
    } catch {
      if (generation !== this.generation) return;
      this.events.registration('reconnecting', messages.softphone.sip.unreachable);
      this.reconnector.start();
      return;
    }
    await this.register(generation);
  }

  /** Network came back or changed: reconnect now if down, else refresh the registration. */
  networkChanged(): void {
    if (!this.ua || !this.wantOnline) return;
    if (!this.ua.isConnected()) {
      this.events.registration('reconnecting', messages.softphone.sip.networkBack);
      this.reconnector.kick();
    } else {
      void this.register(this.generation);
    }
  }

  /** True when the transport is up (registration is tracked separately by the caller). */
  isConnected(): boolean {
    return this.ua?.isConnected() ?? false;
  }

  /** Unregisters (best effort) and stops the user agent. */
  async stop(): Promise<void> {
    this.generation++;
    this.wantOnline = false;
    this.reconnector.stop();
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    if (!ua) return;
    try {
      if (ua.isConnected() && registerer?.state === RegistererState.Registered) {
        await Promise.race([registerer.unregister(), new Promise((r) => setTimeout(r, 500))]);
      }
    } catch {
      /* going away anyway */
    }
    await ua.stop().catch(() => undefined);
  }

  private async reconnectOnce(): Promise<void> {
    const ua = this.ua;
    if (!ua) throw new Error('stopped');
    await ua.reconnect();
    // Connected again: the proxy lost our binding (or may have), so REGISTER now.
    await this.register(this.generation);
    this.events.recovered();
  }

  private async register(generation: number): Promise<void> {
    const registerer = this.registerer;
    if (!registerer || generation !== this.generation) return;
    await new Promise<void>((resolve) => {
      // A REGISTER lost with the transport gets no reply: never wait forever.
      const timer = setTimeout(resolve, 5000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              if (generation === this.generation) this.events.registration('registered');
              done();
            },
            onReject: (response) => {
              const { statusCode, reasonPhrase } = response.message;
              if (generation === this.generation) {
                const auth = statusCode === 401 || statusCode === 403 || statusCode === 407;
                this.events.registration(
                  'failed',
                  auth ? messages.softphone.sip.authRejected(statusCode) : messages.softphone.sip.registerFailed(statusCode, reasonPhrase),
                );
              }
              done();
            },
          },
        })
        .catch(() => done());
    });
  }
}
