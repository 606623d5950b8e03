// Browser side of the test "customer" (and of the raw sip.js benchmark harness): a minimal sip.js
// user agent that registers, auto-answers (or rejects / lets it ring), plays the far end on an
// <audio> element, reconnects and re-registers after the proxy restarts, and can place raw calls.
import { Invitation, Inviter, Registerer, SessionState, UserAgent, type Session, type Web } from 'sip.js';

/** How the customer treats the next incoming calls. */
export type CustomerMode = 'answer' | 'busy' | 'decline' | 'unavailable' | 'ring';

export interface CustomerStartOptions {
  wsUrl: string;
  user: string;
  password: string;
  domain: string;
  iceGatheringTimeout?: number;
}

export interface CustomerState {
  connected: boolean;
  registered: boolean;
  mode: CustomerMode;
  incoming: number;
  sessionState: string | null;
  lastByeReceived: boolean;
}

let ua: UserAgent | null = null;
let registerer: Registerer | null = null;
let session: Session | null = null;
let mode: CustomerMode = 'answer';
let incoming = 0;
let registered = false;
let lastByeReceived = false;
let reconnecting = false;
const audio = document.createElement('audio');
audio.autoplay = true;
document.body.appendChild(audio);

function attach(s: Session) {
  session = s;
  lastByeReceived = false;
  s.delegate = {
    onBye: (bye) => {
      lastByeReceived = true;
      void bye.accept();
    },
  };
  s.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const sdh = s.sessionDescriptionHandler as Web.SessionDescriptionHandler;
      audio.srcObject = sdh.remoteMediaStream;
      void audio.play().catch(() => undefined);
    }
  });
}

async function register() {
  if (!registerer) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 3000);
    void registerer!
      .register({
        requestDelegate: {
          onAccept: () => {
            registered = true;
            clearTimeout(t);
            resolve();
          },
          onReject: () => {
            registered = false;
            clearTimeout(t);
            resolve();
          },
        },
      })
      .catch(() => resolve());
  });
}

async function reconnectLoop() {
  if (reconnecting) return;
  reconnecting = true;
  while (ua && !ua.isConnected()) {
    await new Promise((r) => setTimeout(r, 250));
    try {
      await ua.reconnect();
      await register();
    } catch {
      /* retry */
    }
  }
  reconnecting = false;
}

const api = {
  async start(o: CustomerStartOptions): Promise<boolean> {
    ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${o.user}@${o.domain}`),
      authorizationUsername: o.user,
      authorizationPassword: o.password,
      transportOptions: { server: o.wsUrl, connectionTimeout: 3 },
      logLevel: 'error',
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: o.iceGatheringTimeout ?? 500,
        peerConnectionConfiguration: { iceServers: [] },
      },
      delegate: {
        onDisconnect: (error?: Error) => {
          registered = false;
          if (error) void reconnectLoop();
        },
        onInvite: (invitation: Invitation) => {
          incoming += 1;
          if (mode === 'busy') return void invitation.reject({ statusCode: 486 });
          if (mode === 'decline') return void invitation.reject({ statusCode: 603 });
          if (mode === 'unavailable') return void invitation.reject({ statusCode: 480 });
          attach(invitation);
          void invitation.progress();
          if (mode === 'answer') {
            void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
          }
        },
      },
    });
    registerer = new Registerer(ua, { expires: 300 });
    await ua.start();
    await register();
    return registered;
  },
  setMode(next: CustomerMode) {
    mode = next;
  },
  state(): CustomerState {
    return {
      connected: ua?.isConnected() ?? false,
      registered: registered && (ua?.isConnected() ?? false),
      mode,
      incoming,
      sessionState: session?.state ?? null,
      lastByeReceived,
    };
  },
  /** Audio packet counters of the current call (both directions). */
  async stats(): Promise<{ packetsSent: number; packetsReceived: number; iceState: string | null }> {
    const pc = (session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
    let packetsSent = 0;
    let packetsReceived = 0;
    if (pc) {
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.kind !== 'audio') return;
        if (s.type === 'outbound-rtp') packetsSent += Number(s.packetsSent ?? 0);
        if (s.type === 'inbound-rtp') packetsReceived += Number(s.packetsReceived ?? 0);
      });
    }
    return { packetsSent, packetsReceived, iceState: pc?.iceConnectionState ?? null };
  },
  /** Simulates the customer's network dying: closes the media without any SIP. */
  dropMedia(): void {
    (session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection?.close();
  },
  async hangup(): Promise<void> {
    const s = session;
    if (!s) return;
    if (s.state === SessionState.Established) await s.bye().catch(() => undefined);
    else if (s instanceof Invitation) await s.reject().catch(() => undefined);
    else if (s instanceof Inviter) await s.cancel().catch(() => undefined);
  },
  /**
   * Raw harness call (benchmark): INVITE `target` and resolve with the ms from invite() to
   * Established, or a negative SIP code on failure.
   */
  async call(target: string, domain: string): Promise<number> {
    if (!ua) throw new Error('not started');
    const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${target}@${domain}`)!, {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    attach(inviter);
    const t0 = performance.now();
    return new Promise<number>((resolve) => {
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) resolve(performance.now() - t0);
        if (state === SessionState.Terminated) resolve(-1);
      });
      void inviter.invite({ requestDelegate: { onReject: (r) => resolve(-(r.message.statusCode ?? 1)) } });
    });
  },
};

(window as unknown as { customer: typeof api }).customer = api;
