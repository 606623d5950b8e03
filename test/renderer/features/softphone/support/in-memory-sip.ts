// In-memory SIP plumbing for unit tests (after SIP.js's own test/support): a "wire" that carries
// raw SIP text between user agents with no network, and a fake session description handler that
// produces a fixed SDP instead of WebRTC (jsdom and Node have none). The SIP stack — transactions,
// dialogs, INVITE/ACK/BYE/CANCEL/INFO — is the real sip.js.
import { EmitterImpl, TransportState, UserAgent, type Core, type Emitter, type Session, type SessionDescriptionHandler, type Transport } from 'sip.js';

/** Connects every transport created with it; a message goes to every other connected transport. */
export class InMemoryWire {
  private readonly ends = new Set<InMemoryTransport>();
  /** Every SIP message sent on the wire, first line only ("INVITE sip:…", "SIP/2.0 486 Busy Here"). */
  readonly trace: string[] = [];

  attach(end: InMemoryTransport): void {
    this.ends.add(end);
  }

  detach(end: InMemoryTransport): void {
    this.ends.delete(end);
  }

  deliver(from: InMemoryTransport, message: string): void {
    this.trace.push(`${from.name}: ${message.slice(0, message.indexOf('\r\n'))}`);
    for (const end of this.ends) {
      // Asynchronous like a socket, so sip.js never re-enters itself.
      if (end !== from) setTimeout(() => end.receive(message), 0);
    }
  }
}

/** Options bucket passed through `transportOptions` to `InMemoryTransport`. */
export interface InMemoryTransportOptions {
  wire: InMemoryWire;
  name: string;
}

/** A sip.js Transport over an `InMemoryWire` (no sockets). */
export class InMemoryTransport implements Transport {
  readonly protocol = 'WS';
  readonly name: string;
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private readonly wire: InMemoryWire;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private current = TransportState.Disconnected;

  constructor(_logger: Core.Logger, options: InMemoryTransportOptions) {
    this.wire = options.wire;
    this.name = options.name;
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  connect(): Promise<void> {
    this.wire.attach(this);
    this.transition(TransportState.Connected);
    this.onConnect?.();
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.wire.detach(this);
    this.transition(TransportState.Disconnected);
    this.onDisconnect?.();
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error('in-memory transport not connected'));
    this.wire.deliver(this, message);
    return Promise.resolve();
  }

  /** Called by the wire. */
  receive(message: string): void {
    if (this.isConnected()) this.onMessage?.(message);
  }

  private transition(state: TransportState) {
    if (this.current === state) return;
    this.current = state;
    this.stateEmitter.emit(state);
  }
}

/**
 * A minimal audio SDP; sip.js only checks the content type. Its telephone-event clocks are what
 * the controller reads to choose RFC 4733 or SIP INFO: both 48 and 8 kHz like Chromium, or 8 kHz
 * only like many gateways.
 */
function fakeSdp(user: string, eventsAt8kOnly = false): string {
  const events = eventsAt8kOnly ? ['a=rtpmap:101 telephone-event/8000'] : ['a=rtpmap:110 telephone-event/48000', 'a=rtpmap:101 telephone-event/8000'];
  const mline = eventsAt8kOnly ? 'm=audio 9 RTP/AVP 111 101' : 'm=audio 9 RTP/AVP 111 110 101';
  return ['v=0', `o=${user} 1 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', mline, 'a=rtpmap:111 opus/48000/2', ...events, 'a=sendrecv', ''].join(
    '\r\n',
  );
}

/** What one fake session description handler saw; tests read it. */
export interface FakeMedia {
  readonly offersAndAnswersSet: string[];
  readonly dtmfAttempts: string[];
  senderTracksEnabled: boolean | null;
  closed: boolean;
  /** What the fake RTCDTMFSender still has queued (Chrome's `toneBuffer`); tests set it. */
  toneBuffer: string;
}

/**
 * Fake SessionDescriptionHandler with the parts of the Web handler the call controller uses.
 * `rfc4733: false` makes `sendDtmf` refuse, as Chrome's RTCDTMFSender does when the answer has no
 * telephone-event — the controller must then fall back to SIP INFO.
 */
export function fakeSdhFactory(user: string, options: { rfc4733: boolean; media: FakeMedia[]; eventsAt8kOnly?: boolean }) {
  return (_session: Session): SessionDescriptionHandler => {
    const media: FakeMedia = { offersAndAnswersSet: [], dtmfAttempts: [], senderTracksEnabled: null, closed: false, toneBuffer: '' };
    options.media.push(media);
    const stream = { getAudioTracks: () => [], getTracks: () => [] } as unknown as MediaStream;
    // Just enough RTCPeerConnection for the controller (DTMF queue) and CallMedia (ICE, stats).
    const peerConnection = {
      iceConnectionState: 'connected',
      connectionState: 'connected',
      /** The far end's description as set on this side (the controller reads its telephone-event clocks). */
      get remoteDescription() {
        const sdp = media.offersAndAnswersSet.at(-1);
        return sdp ? { sdp } : null;
      },
      getSenders: () => [
        {
          dtmf: {
            get toneBuffer() {
              return media.toneBuffer;
            },
          },
        },
      ],
      getStats: () => Promise.resolve(new Map()),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    return Object.assign(
      {
        close: () => void (media.closed = true),
        getDescription: () => Promise.resolve({ body: fakeSdp(user, options.eventsAt8kOnly), contentType: 'application/sdp' }),
        hasDescription: (contentType: string) => contentType === 'application/sdp',
        setDescription: (sdp: string) => {
          media.offersAndAnswersSet.push(sdp);
          return Promise.resolve();
        },
        sendDtmf: (tones: string) => {
          media.dtmfAttempts.push(tones);
          return options.rfc4733;
        },
      },
      // Web.SessionDescriptionHandler extras read by the controller and CallMedia.
      {
        peerConnection,
        localMediaStream: stream,
        remoteMediaStream: stream,
        enableSenderTracks: (enable: boolean) => void (media.senderTracksEnabled = enable),
      },
    );
  };
}

/** A user agent on `wire`, with fake media; not registered (direct INVITEs, no proxy). */
export function inMemoryUserAgent(
  wire: InMemoryWire,
  user: string,
  media: { rfc4733: boolean; media: FakeMedia[]; eventsAt8kOnly?: boolean },
  delegate?: UserAgent['delegate'],
): UserAgent {
  return new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@test.invalid`),
    transportConstructor: InMemoryTransport,
    transportOptions: { wire, name: user } satisfies InMemoryTransportOptions,
    sessionDescriptionHandlerFactory: fakeSdhFactory(user, media),
    logLevel: 'error',
    delegate,
  });
}
