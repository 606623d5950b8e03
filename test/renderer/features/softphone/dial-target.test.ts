import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionState, type Session, type UserAgent } from 'sip.js';
import type { SoftphoneConfig } from '../../../../shared/ipc/channels/softphone';
import { parseDialableNumber } from '../../../../shared/domain/dialable-number';
import { CallController } from '../../../../renderer/features/softphone/call-controller';
import { normaliseDialString } from '../../../../renderer/features/softphone/sip-failure';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';
import { InMemoryWire, inMemoryUserAgent } from './support/in-memory-sip';

// What a phone correction stores is what the dialler dials: the SIP request-URI's user part is
// national digits only (no +86, no separators, no extension glued on). Two real sip.js user agents
// on the in-memory wire; the far end is addressed by exactly those digits, so only a correct
// target gets an answer.

const config = (dialPrefix: string): SoftphoneConfig => ({
  sipUri: 'sip:1001@test.invalid',
  authUser: '1001',
  displayName: '',
  callerId: '',
  wsUrl: 'ws://127.0.0.1:1',
  dialPrefix,
  ringTimeoutSec: 45,
  iceServers: [],
  iceGatheringTimeoutMs: 50,
});

let agentUa: UserAgent;
let farUa: UserAgent;
let farSession: Session | null;
let controller: CallController;
let wire: InMemoryWire;

async function pair(farUser: string, dialPrefix: string) {
  wire = new InMemoryWire();
  farSession = null;
  agentUa = inMemoryUserAgent(wire, '1001', { rfc4733: true, media: [] });
  farUa = inMemoryUserAgent(
    wire,
    farUser,
    { rfc4733: true, media: [] },
    {
      onInvite: (invitation) => {
        farSession = invitation;
        invitation.delegate = { onBye: (bye) => void bye.accept() };
        void invitation.accept();
      },
    },
  );
  await Promise.all([agentUa.start(), farUa.start()]);
  let snapshot: SoftphoneSnapshot = INITIAL_SOFTPHONE;
  controller = new CallController({
    userAgent: () => agentUa,
    registered: () => true,
    config: () => config(dialPrefix),
    devices: () => snapshot.devices,
    dialBlockedReason: () => null,
    dispatch: (action) => (snapshot = softphoneReducer(snapshot, action)),
    reportState: () => undefined,
    established: () => undefined,
    ended: () => undefined,
  });
}

beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

afterEach(async () => {
  await controller.hangup();
  await vi.waitFor(() => expect(farSession?.state ?? SessionState.Terminated).toBe(SessionState.Terminated));
  await farUa.stop();
  await agentUa.stop();
  vi.restoreAllMocks();
});

describe('the SIP target of a corrected number', () => {
  it.each([
    ['0755 2345 678 转 12', '', '07552345678'],
    ['+86 139 0000 0005', '9', '913900000005'],
    ['400-812-3456', '', '4008123456'],
  ])('typed %s, prefix %j: the INVITE goes to sip:%s@ and the far end answers', async (typed, prefix, sipUser) => {
    const parsed = parseDialableNumber(typed);
    if (!parsed.ok) throw new Error(`refused: ${parsed.problem}`);
    await pair(sipUser, prefix);
    const result = await controller.dial(parsed.normalized);
    expect(result).toMatchObject({ kind: 'connected' });
    expect(wire.trace.find((l) => l.startsWith('1001: INVITE'))).toBe(`1001: INVITE sip:${sipUser}@test.invalid SIP/2.0`);
    expect(sipUser).toMatch(/^\d+$/);
  });

  it('a number on file with an extension dials the main number (before: the extension was glued on, or the dial refused)', () => {
    expect(normaliseDialString('', '010-87654321转801')).toBe('01087654321');
    expect(normaliseDialString('', '010-87654321-801')).toBe('01087654321');
    expect(normaliseDialString('9', '(0755)2345678')).toBe('907552345678');
  });
});
