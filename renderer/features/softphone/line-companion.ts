import type { Invitation, UserAgent, Web } from 'sip.js';
import type { EstablishedCall } from './softphone-api';

/**
 * What the softphone lends to a feature that shares its SIP line (the team lead's listen-in): the
 * registered user agent and the facts that decide whether a second leg may start. The app wires the
 * companion in (`shareLineWith`), so the softphone never imports the feature that uses its line.
 */
export interface SharedLine {
  userAgent(): UserAgent | null;
  registered(): boolean;
  /** The desk's own customer call is up (any phase but idle). */
  ownCallBusy(): boolean;
  /** The speaker the agent chose (a listen-in plays there too). */
  speakerId(): string;
}

/** A feature riding on the softphone's line: it may answer inbound INVITEs and may block dialling. */
export interface LineCompanion {
  /** The media factory of the user agent (a companion's legs may need other media than the microphone). */
  readonly sdhFactory?: Web.SessionDescriptionHandlerFactory;
  /** An inbound INVITE: true when the companion takes it (a listen-in); false leaves it to the softphone. */
  routeInvite(invitation: Invitation): boolean;
  callEstablished(call: EstablishedCall): void;
  callEnded(callId: string): void;
  /** Why a customer dial must wait (shown to the agent), or null. */
  dialBlockedReason(): string | null;
  /** Ends the companion's legs (sign-out, dispose). */
  stop(): Promise<void>;
}

/** Builds the companion once the softphone's line exists. */
export type CompanionFactory = (line: SharedLine) => LineCompanion;

/** No companion: every inbound INVITE is the softphone's, and nothing blocks dialling. */
export const noCompanion: CompanionFactory = () => ({
  routeInvite: () => false,
  callEstablished: () => undefined,
  callEnded: () => undefined,
  dialBlockedReason: () => null,
  stop: async () => undefined,
});
