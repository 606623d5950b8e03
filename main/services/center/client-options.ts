import type { LiveUpdate, SessionTokens } from '../../../shared/sync';

/** Options of a client; only `baseUrl` is required. */
export interface CenterClientOptions {
  /** e.g. `http://127.0.0.1:7441` (embedded) or `https://centre.example:7441`. */
  readonly baseUrl: string;
  /** Per-request timeout (ms). */
  readonly timeoutMs?: number;
  /** Called whenever tokens change (persist them, e.g. with safeStorage). */
  readonly onTokens?: (tokens: SessionTokens | null) => void;
}

/** State of the push channel, for the UI. `connecting → open → (closed → connecting)…` */
export type ChannelState = 'connecting' | 'open' | 'closed' | 'stopped';

/** Options of `subscribe`. */
export interface SubscribeOptions {
  /** Called on "changed", on every (re)connect and on each poll while the channel is down. */
  readonly onChanged: () => void;
  /** Team leads: an agent of the team published a live state, carried in `update` by newer centres (no polling: the board polls itself). */
  readonly onLive?: (staffNo: string, update?: LiveUpdate) => void;
  readonly onState?: (state: ChannelState) => void;
  /** Poll interval while the channel is down (ms). */
  readonly pollMs?: number;
  /** First reconnect delay and cap (ms); doubles with jitter. */
  readonly backoffMs?: readonly [number, number];
}
