import type { SoftphoneLine } from './softphone-state';
import type { NoMediaSpan } from './media-flow';
/**
 * The softphone as other features see it (agent workflow dials from the case view, the recorder
 * records established calls). Nothing here exposes SIP.js objects; `MediaStream`s are handed out
 * only through the lifecycle callbacks so the recorder can mix them.
 */

/**
 * Result of one dial attempt. The agent-workflow layer maps these to the domain core's attempt
 * outcomes (`renderer/features/outcome/attempt-mapping.ts` → `shared/domain/outcome/`):
 * - `wrong_number`: 404 / 484 / 604 (no such number, incomplete, does not exist anywhere)
 * - `unavailable`: 480 (the network's "暂时无法接通": phone off / out of coverage → domain `switched_off`)
 * - `busy`: 486 / 600
 * - `declined`: 603 (the callee rejected the call, 拒接 → domain `refused`)
 * - `no_answer`: 408, or our ring timeout expired
 * - `network`: 503, transport down, ICE/media failure before answer, any other failure
 * - `cancelled`: the agent cancelled while it was ringing (487 to our CANCEL); not a domain outcome
 */
export type AttemptResult = 'wrong_number' | 'unavailable' | 'busy' | 'declined' | 'no_answer' | 'network' | 'cancelled';

/** What `dial()` resolves to once the call is either answered or definitively not. */
export type CallResult =
  | { readonly kind: 'connected'; readonly callId: string }
  | {
      readonly kind: 'failed';
      readonly attempt: AttemptResult;
      /** Final SIP status code when a reply was received (absent for local failures). */
      readonly sipCode?: number;
      /** Readable reason (zh-CN), e.g. "对方忙 (486 Busy Here)". */
      readonly reason: string;
      /** Nothing left the desk (not registered, blocked, line busy, undiallable number): not an attempt. */
      readonly refused?: true;
    };

/** Options of `dial()`. */
export interface DialOptions {
  /** The case this call belongs to (goes to the call session, not to SIP). */
  readonly caseId?: string;
}

/** An answered call with its media: `localStream` is the agent's mic, `remoteStream` the customer. */
export interface EstablishedCall {
  /** SIP Call-ID of the dialog. */
  readonly callId: string;
  readonly caseId?: string;
  readonly localStream: MediaStream;
  readonly remoteStream: MediaStream;
  /** `Date.now()` when the 200 OK was received. */
  readonly answeredAt: number;
}

/** Who ended a call that was established. */
export type CallEndedBy = 'agent' | 'customer' | 'system';

/** Why and how an established call ended. */
export interface EndedCall {
  readonly callId: string;
  readonly caseId?: string;
  /** Readable reason, e.g. "坐席挂断", "对方挂断", "媒体中断 (ICE failed)". */
  readonly reason: string;
  readonly endedBy: CallEndedBy;
  readonly endedAt: number;
  /** Spans of the call without the customer's audio (empty when it always flowed): a technical failure, not a visit. */
  readonly noMedia: readonly NoMediaSpan[];
}

/**
 * The softphone facade. One instance per renderer (see `getSoftphone()` in `softphone-instance.ts`).
 * Call state and registration state for display live in the zustand slice `useSoftphoneStore`.
 */
export interface SoftphoneApi {
  /**
   * Dials `number` (the configured outbound prefix is prepended) and resolves when the call is
   * answered (`connected`) or has definitively failed. Never rejects. Fails with `network` when
   * the phone is not registered or another call is up (`reason` says which).
   */
  dial(number: string, options?: DialOptions): Promise<CallResult>;
  /** Cancels a ringing call or hangs up an established one; no-op when idle. */
  hangup(): Promise<void>;
  /** Mutes or unmutes the agent's microphone (optional: fakes may omit it). */
  setMuted?(muted: boolean): void;
  /** Subscribes to answered calls; returns an unsubscribe function. */
  onCallEstablished(listener: (call: EstablishedCall) => void): () => void;
  /** Subscribes to the end of answered calls; returns an unsubscribe function. */
  onCallEnded(listener: (info: EndedCall) => void): () => void;
  /** Subscribes to inbound calls the desk refused (optional: fakes may omit it). */
  onMissedCall?(listener: (call: MissedCall) => void): () => void;
  /**
   * Subscribes to inbound calls offered to an idle desk; the listener rings one (`ringIncoming`) or
   * declines it (`declineIncoming`) within a few seconds. Without a listener every call is refused.
   */
  onIncoming?(listener: (call: IncomingCall) => void): () => void;
  /** Rings an offered call for `caseId`; false when the caller is gone. */
  ringIncoming?(callId: string, caseId: string | null): boolean;
  /** Refuses an offered or ringing call (480; 486 with `busy`) and records it as missed. */
  declineIncoming?(callId: string, busy?: boolean): void;
  /** Answers a ringing call: then the same as a dialled call that connected. */
  answer?(callId: string, options?: DialOptions): Promise<CallResult>;
  /**
   * Refuses new calls while `reason` is non-null (e.g. the recorder is broken: no call may start
   * while recording cannot). `dial()` then fails with `network` and this reason.
   */
  setDialBlocked(reason: string | null): void;
  /** Subscribes to hold/resume the far end accepted (optional: fakes may omit it). */
  onHoldChanged?(listener: (held: boolean, at: number) => void): () => void;
  /**
   * Why a dial could not leave the desk now (not configured, not registered, blocked), or null when
   * it can — asked before a dial, so a refused one records nothing (optional: fakes may omit it).
   */
  dialReadiness?(): string | null;
  /** True while a call of this phone exists (ringing, connected or ending) — optional: fakes may omit it. */
  busy?(): boolean;
  /** This desk's SIP address, published on the live board so a team lead can listen in (optional: fakes may omit it). */
  sipAddress?(): string | null;
  /** Which line calls leave on: a SIP account or the training line (optional: fakes may omit it — a real line). */
  line?(): SoftphoneLine;
}

/** An inbound call the desk refused: busy (486) during a call, unavailable (480) otherwise. */
export interface MissedCall {
  /** The caller's number as the network gave it; empty when withheld. */
  readonly from: string;
  readonly at: number;
  readonly sipCode: 486 | 480;
}

/** An inbound call offered to the desk. */
export interface IncomingCall {
  readonly callId: string;
  /** The caller's number as the network gave it; empty when withheld. */
  readonly from: string;
  readonly at: number;
}
