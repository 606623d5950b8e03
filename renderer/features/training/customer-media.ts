import type { SessionDescriptionHandlerFactory } from 'sip.js';
import type { LineId, Voice } from './personas';

/**
 * The media of one simulated customer's call leg, kept behind this small interface so the
 * switchboard and the customers' turns run (and are tested) without WebRTC or WebAudio.
 */
export interface CustomerLeg {
  /** The customer user agent's session description handler factory (its side of the call's media). */
  readonly sdhFactory: SessionDescriptionHandlerFactory;
  /** Says `line` into the call; resolves when it has been said (or cut short by `hush`). */
  say(line: LineId): Promise<void>;
  /** Stops speaking at once. */
  hush(): void;
  /** The call is over: releases what the leg holds. */
  close(): void;
}

/** Makes the media of each call leg. */
export interface CustomerMedia {
  leg(voice: Voice): CustomerLeg;
}
