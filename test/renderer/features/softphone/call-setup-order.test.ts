import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { UserAgent } from 'sip.js';
import type { SoftphoneConfig } from '../../../../shared/ipc/channels/softphone';
import { CallController } from '../../../../renderer/features/softphone/call-controller';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';
import { InMemoryWire, inMemoryUserAgent, type FakeMedia } from './support/in-memory-sip';

// What a call does first and what it leaves for later (README "Benchmarks": sip.call_setup_ratio,
// the desk's click → 通话中 over a raw sip.js call): on dialling, the INVITE's offer (and with it
// the microphone) is asked for before the store and the main process hear of the call; on answer,
// the store says established in the task of the answer, and the media watch (an AudioContext),
// the main process and the established listeners (recording, listen-in) follow a task later.

const CONFIG: SoftphoneConfig = {
  sipUri: 'sip:1001@test.invalid',
  authUser: '1001',
  displayName: '',
  callerId: '',
  wsUrl: 'ws://127.0.0.1:1',
  dialPrefix: '',
  ringTimeoutSec: 45,
  iceServers: [],
  iceGatheringTimeoutMs: 50,
};

let agentUa: UserAgent;
let customerUa: UserAgent;
let agentMedia: FakeMedia[];
let controller: CallController;
/** Everything the controller did, in order. */
let events: string[];

beforeEach(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  const wire = new InMemoryWire();
  agentMedia = [];
  events = [];
  agentUa = inMemoryUserAgent(wire, '1001', { rfc4733: true, media: agentMedia });
  customerUa = inMemoryUserAgent(wire, '2001', { rfc4733: true, media: [] }, { onInvite: (invitation) => void invitation.accept() });
  await Promise.all([agentUa.start(), customerUa.start()]);
  // The fake handler's getDescription is the point where the Web handler asks for the microphone.
  const factory = agentUa.configuration.sessionDescriptionHandlerFactory;
  agentUa.configuration.sessionDescriptionHandlerFactory = (session, options) => {
    const sdh = factory(session, options);
    const getDescription = sdh.getDescription.bind(sdh);
    sdh.getDescription = (...a) => (events.push('offer asked for'), getDescription(...a));
    return sdh;
  };
  let snapshot: SoftphoneSnapshot = INITIAL_SOFTPHONE;
  controller = new CallController({
    userAgent: () => agentUa,
    registered: () => true,
    config: () => CONFIG,
    devices: () => snapshot.devices,
    dialBlockedReason: () => null,
    dispatch: (action) => {
      snapshot = softphoneReducer(snapshot, action);
      if (action.type === 'dialStarted' || action.type === 'established') events.push(`store: ${action.type}`);
    },
    reportState: (state) => events.push(`main: ${state}`),
    established: () => events.push('established listeners'),
    ended: () => undefined,
  });
});

afterEach(async () => {
  await controller.hangup();
  await customerUa.stop();
  await agentUa.stop();
  vi.restoreAllMocks();
});

it('a dialled call asks for its offer (the microphone) before the store and the main process hear of it', async () => {
  const result = controller.dial('2001');
  // Synchronously within dial(): sip.js asked the handler first.
  expect(events).toEqual(['offer asked for', 'store: dialStarted', 'main: calling']);
  await expect(result).resolves.toMatchObject({ kind: 'connected' });
});

it('on answer the store says established at once; media watch, main process and listeners follow a task later', async () => {
  const appended = vi.spyOn(document.body, 'appendChild');
  let atEstablished: string[] = [];
  let mediaAtEstablished = -1;
  const established = new Promise<void>((resolve) => {
    const push = events.push.bind(events);
    events.push = (...items: string[]) => {
      const n = push(...items);
      if (items.includes('store: established')) {
        // Whatever runs in the same task as the store's change runs before the screen shows it.
        queueMicrotask(() => {
          atEstablished = [...events];
          mediaAtEstablished = appended.mock.calls.length;
          resolve();
        });
      }
      return n;
    };
  });
  const result = controller.dial('2001');
  await established;
  expect(atEstablished.at(-1)).toBe('store: established');
  expect(mediaAtEstablished).toBe(0);
  await expect(result).resolves.toMatchObject({ kind: 'connected' });
  expect(events.slice(-3)).toEqual(['store: established', 'main: established', 'established listeners']);
  // The media watch started then: the customer's <audio> element is in the page.
  expect(appended.mock.calls.some(([node]) => (node as HTMLElement).dataset?.softphone === 'remote-audio')).toBe(true);
});
