import type { SoftphoneConfig } from '../../../shared/ipc/channels/softphone';
import type { UserAgentOptions } from 'sip.js';

/**
 * The training line (培训线路) as the softphone sees it: an in-process transport whose far end is
 * the simulated customers (renderer/features/training builds it; the app wires it in). Everything
 * above the transport — registration, INVITE, WebRTC media, recording — is the real softphone.
 */
export interface TrainingTransport {
  readonly transportConstructor: NonNullable<UserAgentOptions['transportConstructor']>;
  readonly transportOptions: unknown;
}

/** The account the desk registers with on the training line: no proxy, no password. */
export const TRAINING_ACCOUNT: SoftphoneConfig = {
  sipUri: 'sip:desk@training.invalid',
  authUser: 'desk',
  displayName: '',
  callerId: '',
  // Never dialled: the transport above replaces the WebSocket.
  wsUrl: 'ws://training.invalid',
  dialPrefix: '',
  ringTimeoutSec: 45,
  iceServers: [],
  // Both ends are in this window: host candidates are all there is to gather.
  iceGatheringTimeoutMs: 200,
};
