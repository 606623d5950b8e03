import { EmitterImpl, TransportState, type Core, type Emitter, type Transport } from 'sip.js';

/** What a transport gets when it plugs into the training switchboard. */
export interface WireLink {
  /** Hands one SIP message to the switchboard (delivered asynchronously, like a socket). */
  send(message: string): void;
  unplug(): void;
}

/** `transportOptions` of a {@link WireTransport}: how it plugs in (the switchboard decides which end it is). */
export interface WireTransportOptions {
  readonly plug: (receive: (message: string) => void) => WireLink;
}

/**
 * A sip.js Transport with no socket: connecting plugs it into the in-process training switchboard.
 * It reports itself as WS (the desk's real transport) so both ends build the same Via and Contact
 * headers they would on the real line. It never drops on its own, so the desk's reconnect logic
 * stays idle.
 */
export class WireTransport implements Transport {
  readonly protocol = 'WS';
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private readonly options: WireTransportOptions;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private current = TransportState.Disconnected;
  private link: WireLink | null = null;

  constructor(_logger: Core.Logger, options: WireTransportOptions) {
    this.options = options;
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  connect(): Promise<void> {
    if (!this.link) this.link = this.options.plug((message) => this.receive(message));
    this.transition(TransportState.Connected);
    this.onConnect?.();
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    const link = this.link;
    this.link = null;
    link?.unplug();
    if (this.current !== TransportState.Disconnected) {
      this.transition(TransportState.Disconnected);
      this.onDisconnect?.();
    }
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  send(message: string): Promise<void> {
    if (!this.link || !this.isConnected()) return Promise.reject(new Error('training line not connected'));
    this.link.send(message);
    return Promise.resolve();
  }

  private receive(message: string): void {
    if (this.isConnected()) this.onMessage?.(message);
  }

  private transition(state: TransportState): void {
    if (this.current === state) return;
    this.current = state;
    this.stateEmitter.emit(state);
  }
}
