// Browser side of the test "customer" (and of the raw sip.js benchmark harness): a minimal sip.js
// user agent that registers, auto-answers (or rejects / lets it ring), plays the far end on an
// <audio> element, reconnects and re-registers after the proxy restarts, and can place raw calls.
import { Invitation, Inviter, Registerer, SessionState, UserAgent, type Session, type Web } from 'sip.js';
import { installRfc4733Tap, resetRfc4733Events, rfc4733Events, watchRfc4733 as setRfc4733Watch } from './rfc4733-tap';

installRfc4733Tap();

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
  /** Bodies of the SIP INFO requests (application/dtmf-relay) received in the current call. */
  dtmfInfo: string[];
  /** Whether the customer offers/accepts RFC 4733 telephone-event (false strips it from the SDP). */
  telephoneEvent: boolean;
  /**
   * RFC 4733 events received over RTP in the current call, decoded from the packets themselves
   * (one entry per event, retransmitted end packets merged), when `watchRfc4733(true)` was set
   * before the call was answered.
   */
  rfc4733Events: string[];
}

/**
 * SDP modifier that removes RFC 4733 `telephone-event` from every m= line. Applied to the remote
 * offer, it makes this browser answer without telephone-event, like an old gateway would, so the
 * caller's RTCDTMFSender cannot send (canInsertDTMF false) and it must fall back to SIP INFO.
 */
function stripTelephoneEvent(description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> {
  const sdp = description.sdp ?? '';
  const types = new Set([...sdp.matchAll(/^a=rtpmap:(\d+) telephone-event\//gm)].map((m) => m[1]!));
  const lines = sdp
    .split('\r\n')
    .filter((line) => {
      const pt = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(line)?.[1];
      return !(pt && types.has(pt));
    })
    .map((line) =>
      line.startsWith('m=')
        ? line
            .split(' ')
            .filter((part, i) => i < 3 || !types.has(part))
            .join(' ')
        : line,
    );
  return Promise.resolve({ ...description, sdp: lines.join('\r\n') });
}

let ua: UserAgent | null = null;
let registerer: Registerer | null = null;
let session: Session | null = null;
let mode: CustomerMode = 'answer';
let incoming = 0;
let registered = false;
let lastByeReceived = false;
let dtmfInfo: string[] = [];
let telephoneEvent = true;
let reconnecting = false;
const audio = document.createElement('audio');
audio.autoplay = true;
document.body.appendChild(audio);

function attach(s: Session) {
  session = s;
  lastByeReceived = false;
  dtmfInfo = [];
  resetRfc4733Events();
  s.delegate = {
    onBye: (bye) => {
      lastByeReceived = true;
      void bye.accept();
    },
    onInfo: (info) => {
      if (/application\/dtmf-relay/i.test(info.request.getHeader('Content-Type') ?? '')) dtmfInfo.push(info.request.body);
      void info.accept();
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
            void invitation.accept({
              sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
              sessionDescriptionHandlerModifiers: telephoneEvent ? [] : [stripTelephoneEvent],
            });
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
  /** false: answer the next calls without RFC 4733 telephone-event (forces the caller onto INFO). */
  setTelephoneEvent(enabled: boolean) {
    telephoneEvent = enabled;
  },
  /** true: decode RFC 4733 events received in calls answered from now on (see `rfc4733Events`). */
  watchRfc4733(enabled: boolean) {
    setRfc4733Watch(enabled);
  },
  state(): CustomerState {
    return {
      connected: ua?.isConnected() ?? false,
      registered: registered && (ua?.isConnected() ?? false),
      mode,
      incoming,
      sessionState: session?.state ?? null,
      lastByeReceived,
      dtmfInfo: [...dtmfInfo],
      telephoneEvent,
      rfc4733Events: rfc4733Events(),
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
   * Raw harness registration (benchmark baseline of the desk's): a fresh user agent for the same
   * account connects and REGISTERs (digest challenge included); ms to the 200, or −1. The extra
   * binding is removed again.
   */
  async registerTimed(o: CustomerStartOptions): Promise<number> {
    const t0 = performance.now();
    const fresh = new UserAgent({
      uri: UserAgent.makeURI(`sip:${o.user}@${o.domain}`),
      authorizationUsername: o.user,
      authorizationPassword: o.password,
      transportOptions: { server: o.wsUrl, connectionTimeout: 3 },
      logLevel: 'error',
    });
    const reg = new Registerer(fresh, { expires: 300 });
    await fresh.start();
    const ok = await new Promise<boolean>((resolve) => {
      setTimeout(() => resolve(false), 5000);
      reg.register({ requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) } }).catch(() => resolve(false));
    });
    const ms = performance.now() - t0;
    await reg.unregister().catch(() => undefined);
    await fresh.stop();
    return ok ? ms : -1;
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
