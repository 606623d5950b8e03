import { UserAgent, type Session, type SessionDescriptionHandler } from 'sip.js';
import { InMemoryTransport, InMemoryWire, fakeSdhFactory, type InMemoryTransportOptions } from '../../softphone/support/in-memory-sip';

export { InMemoryWire };

/** Every session description handler options bucket the UA's sessions were given (to see `monitorMedia`). */
export type SeenOptions = unknown[];

/**
 * A user agent on `wire` with the fake media of the softphone tests, recording the options each
 * session's handler gets (`getDescription` / `setDescription`): the monitor legs pass theirs there.
 */
export function monitorTestUa(
  wire: InMemoryWire,
  user: string,
  seen: SeenOptions,
  delegate?: UserAgent['delegate'],
  peerConnections?: FakePeerConnection[],
): UserAgent {
  const base = fakeSdhFactory(user, { rfc4733: true, media: [] });
  return new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@test.invalid`),
    transportConstructor: InMemoryTransport,
    transportOptions: { wire, name: user } satisfies InMemoryTransportOptions,
    sessionDescriptionHandlerFactory: (session: Session) => {
      const sdh = base(session) as SessionDescriptionHandler & {
        getDescription(o?: unknown): Promise<unknown>;
        setDescription(s: string, o?: unknown): Promise<void>;
      };
      const get = sdh.getDescription.bind(sdh);
      const set = sdh.setDescription.bind(sdh);
      sdh.getDescription = (o?: unknown) => (seen.push(o), get(o as never));
      sdh.setDescription = (s: string, o?: unknown) => (seen.push(o), set(s, o as never));
      if (peerConnections) {
        const pc = new FakePeerConnection();
        peerConnections.push(pc);
        Object.defineProperty(sdh, 'peerConnection', { value: pc });
      }
      return sdh;
    },
    logLevel: 'error',
    delegate,
  });
}

/** The ICE state of a session's peer connection, settable (jsdom has no RTCPeerConnection). */
export class FakePeerConnection extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'connected';
  setIce(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

/** A stand-in MediaStream (jsdom has none). */
export const fakeStream = (id: string) => ({ id, getTracks: () => [], getAudioTracks: () => [] }) as unknown as MediaStream;

/** Records how a mix was wired; `close` is observable. */
export class FakeMixContext {
  state = 'running';
  closed = false;
  readonly wiring: string[] = [];
  readonly destination = { channelCount: 2, stream: fakeStream('mix') };
  createMediaStreamDestination() {
    return this.destination;
  }
  createChannelMerger() {
    return { connect: () => this.wiring.push('merger→destination') };
  }
  createMediaStreamSource(stream: MediaStream) {
    return {
      connect: (to: unknown, _out?: number, input?: number) => this.wiring.push(`${stream.id}→${to === this.destination ? 'destination' : `merger:${input}`}`),
    };
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    this.closed = true;
    return Promise.resolve();
  }
}
