import type { Session } from 'sip.js';
import type { CallMedia } from './call-media';
import type { AttemptFailure } from './sip-failure';
import type { CallEndedBy } from './softphone-api';

/** One call from dial (or answer) to the end; created per call by the controller. */
export interface ActiveCall {
  /** The outbound `Inviter`, or the inbound `Invitation` the agent answered. */
  readonly session: Session;
  readonly inbound: boolean;
  readonly callId: string;
  readonly caseId: string | null;
  failure: AttemptFailure | null;
  endedBy: CallEndedBy | null;
  endReason: string | null;
  established: boolean;
  finished: boolean;
  media: CallMedia | null;
  ringTimer: ReturnType<typeof setTimeout> | null;
  reinvitePending: boolean;
  /** A hang-up/cancel is under way (a second one — e.g. two shortcuts for one key press — is a no-op). */
  hangingUp: boolean;
  /** The number's extension, sent as keypad tones after answer (null: none). */
  readonly extension: string | null;
}
