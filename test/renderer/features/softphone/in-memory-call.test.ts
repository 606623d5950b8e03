import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionState, type Invitation, type Session, type UserAgent } from 'sip.js';
import type { ReportedCallState, SoftphoneConfig } from '../../../../shared/ipc/channels/softphone';
import { CallController } from '../../../../renderer/features/softphone/call-controller';
import type { EndedCall } from '../../../../renderer/features/softphone/softphone-api';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';
import { InMemoryWire, inMemoryUserAgent, type FakeMedia } from './support/in-memory-sip';

// Two real sip.js user agents (agent 1001, customer 2001) on an in-memory wire, no proxy and no
// REGISTER: the agent side is the real CallController, so the SIP → attempt-result mapping, the
// snapshots it publishes and its BYE/CANCEL/INFO handling run against a real SIP stack. Media is a
// fake session description handler (no WebRTC here); real media is covered by test/e2e/softphone.

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

/** How the customer treats an incoming INVITE in the current test. */
let onCustomerInvite: (invitation: Invitation) => void;
let wire: InMemoryWire;
let agentUa: UserAgent;
let customerUa: UserAgent;
let agentMedia: FakeMedia[];
let customerSession: Session | null;
let customerGotBye: boolean;
let customerInfo: string[];
/** Status the customer answers INFO with (415: a far end that does not take dtmf-relay). */
let infoStatus: number;
let snapshot: SoftphoneSnapshot;
let reported: ReportedCallState[];
let ended: EndedCall[];
let controller: CallController;

async function startPair(agentRfc4733 = true, customerEventsAt8kOnly = false) {
  wire = new InMemoryWire();
  agentMedia = [];
  customerSession = null;
  customerGotBye = false;
  customerInfo = [];
  infoStatus = 200;
  agentUa = inMemoryUserAgent(wire, '1001', { rfc4733: agentRfc4733, media: agentMedia });
  customerUa = inMemoryUserAgent(
    wire,
    '2001',
    { rfc4733: true, media: [], eventsAt8kOnly: customerEventsAt8kOnly },
    {
      onInvite: (invitation) => {
        customerSession = invitation;
        invitation.delegate = {
          onBye: (bye) => {
            customerGotBye = true;
            void bye.accept();
          },
          onInfo: (info) => {
            customerInfo.push(`${info.request.getHeader('Content-Type')}|${info.request.body}`);
            void (infoStatus === 200 ? info.accept() : info.reject({ statusCode: infoStatus }));
          },
        };
        onCustomerInvite(invitation);
      },
    },
  );
  await Promise.all([agentUa.start(), customerUa.start()]);
  snapshot = INITIAL_SOFTPHONE;
  reported = [];
  ended = [];
  controller = new CallController({
    userAgent: () => agentUa,
    registered: () => true,
    config: () => CONFIG,
    devices: () => snapshot.devices,
    dialBlockedReason: () => null,
    dispatch: (action) => (snapshot = softphoneReducer(snapshot, action)),
    reportState: (state) => reported.push(state),
    established: () => undefined,
    ended: (info) => ended.push(info),
  });
}

const answer = (invitation: Invitation) => void invitation.accept();

beforeEach(() => {
  // jsdom's play() returns undefined (not implemented); Chrome's returns a promise.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

afterEach(async () => {
  await controller.hangup();
  // Let the BYE be answered before the transports go (stopping mid-transaction stalls sip.js).
  await vi.waitFor(() => expect(customerSession?.state ?? SessionState.Terminated).toBe(SessionState.Terminated));
  await customerUa.stop();
  await agentUa.stop();
  vi.restoreAllMocks();
});

describe('CallController against a second sip.js user agent over an in-memory transport', () => {
  it('a direct INVITE the customer answers is connected; the agent hangs up with a BYE the customer receives', async () => {
    await startPair();
    onCustomerInvite = answer;
    const result = await controller.dial('2001', { caseId: 'case-1' });

    expect(result).toMatchObject({ kind: 'connected' });
    expect(snapshot.call).toMatchObject({ phase: 'established', number: '2001', caseId: 'case-1' });
    expect(customerSession?.state).toBe(SessionState.Established);
    expect(customerSession?.remoteIdentity.uri.user).toBe('1001');
    // The customer's (fake) answer SDP reached the agent's session description handler.
    expect(agentMedia[0]?.offersAndAnswersSet[0]).toContain('o=2001');

    await controller.hangup();
    await vi.waitFor(() => expect(customerGotBye).toBe(true));
    expect(customerSession?.state).toBe(SessionState.Terminated);
    expect(snapshot.call.phase).toBe('idle');
    expect(ended).toEqual([expect.objectContaining({ callId: result.kind === 'connected' ? result.callId : '', caseId: 'case-1', endedBy: 'agent' })]);
    // sip.js's Invitation sends 180 Ringing before the 200, hence 'ringing'.
    expect(reported).toEqual(['calling', 'ringing', 'established', 'ending', 'idle']);
    expect(wire.trace.filter((l) => l.startsWith('1001: BYE'))).toHaveLength(1);
  });

  it('a second hang-up while the first is under way (window shortcut + Electron global shortcut) is a no-op: one BYE, one end', async () => {
    await startPair();
    onCustomerInvite = answer;
    expect(await controller.dial('2001')).toMatchObject({ kind: 'connected' });
    await Promise.all([controller.hangup(), controller.hangup()]);
    await vi.waitFor(() => expect(customerGotBye).toBe(true));
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('idle'));
    expect(reported).toEqual(['calling', 'ringing', 'established', 'ending', 'idle']);
    expect(wire.trace.filter((l) => l.startsWith('1001: BYE'))).toHaveLength(1);
    expect(ended).toEqual([expect.objectContaining({ endedBy: 'agent' })]);
  });

  it('"已有通话进行中" (a dial refused during a call) is shown while that call lasts and cleared when it ends', async () => {
    await startPair();
    onCustomerInvite = answer;
    expect(await controller.dial('2001')).toMatchObject({ kind: 'connected' });
    expect(await controller.dial('2001')).toMatchObject({ kind: 'failed', reason: '已有通话进行中' });
    expect(snapshot.notices.map((n) => n.text)).toContain('已有通话进行中');
    await customerSession!.bye();
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('idle'));
    expect(snapshot.notices.map((n) => n.text)).not.toContain('已有通话进行中');
  });

  it('a BYE from the customer ends the call as ended by the customer', async () => {
    await startPair();
    onCustomerInvite = answer;
    expect(await controller.dial('2001')).toMatchObject({ kind: 'connected' });

    await customerSession!.bye();
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('idle'));
    expect(ended).toEqual([expect.objectContaining({ endedBy: 'customer' })]);
    expect(controller.busy()).toBe(false);
  });

  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [480, 'unavailable'],
    [404, 'wrong_number'],
  ] as const)('a %i final response maps to the attempt result %s', async (code, attempt) => {
    await startPair();
    onCustomerInvite = (invitation) => void invitation.reject({ statusCode: code });
    const result = await controller.dial('2001');

    expect(result).toMatchObject({ kind: 'failed', attempt, sipCode: code });
    expect(snapshot.lastResult).toEqual(result);
    expect(snapshot.call.phase).toBe('idle');
    expect(ended).toEqual([]); // never connected: no call-ended event, no recording to finish
    // The code really came from the customer's user agent over the wire, not from a local failure.
    expect(wire.trace.some((l) => l.startsWith(`2001: SIP/2.0 ${code} `))).toBe(true);
  });

  it('cancelling while the customer rings sends CANCEL and gives cancelled (487)', async () => {
    await startPair();
    onCustomerInvite = (invitation) => void invitation.progress();
    const pending = controller.dial('2001');
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('ringing'));
    await controller.hangup();

    expect(await pending).toMatchObject({ kind: 'failed', attempt: 'cancelled', sipCode: 487 });
    expect(wire.trace.some((l) => l.startsWith('1001: CANCEL'))).toBe(true);
    await vi.waitFor(() => expect(customerSession?.state).toBe(SessionState.Terminated));
  });

  it('hold is a re-INVITE the customer accepts; only then does the snapshot say held', async () => {
    await startPair();
    onCustomerInvite = answer;
    await controller.dial('2001');
    const invitesBefore = wire.trace.filter((l) => l.startsWith('1001: INVITE')).length;

    expect(await controller.setHold(true)).toBe(true);
    expect(snapshot.call.phase).toBe('held');
    expect(wire.trace.filter((l) => l.startsWith('1001: INVITE'))).toHaveLength(invitesBefore + 1);
    expect(await controller.setHold(false)).toBe(true);
    expect(snapshot.call.phase).toBe('established');
  });

  it('DTMF goes out as RFC 4733 when the media accepts it, with no SIP INFO', async () => {
    await startPair(true);
    onCustomerInvite = answer;
    await controller.dial('2001');

    expect(await controller.sendDtmf('7')).toBe('rfc4733');
    expect(agentMedia[0]?.dtmfAttempts).toEqual(['7']);
    expect(wire.trace.some((l) => l.startsWith('1001: INFO'))).toBe(false);
  });

  it('a key pressed while earlier tones still play is appended to them, not put in their place', async () => {
    await startPair(true);
    onCustomerInvite = answer;
    await controller.dial('2001');
    // RTCDTMFSender.insertDTMF replaces its buffer: sending just '3' would drop the queued '12'.
    agentMedia[0]!.toneBuffer = '12';

    expect(await controller.sendDtmf('3')).toBe('rfc4733');
    expect(agentMedia[0]?.dtmfAttempts).toEqual(['123']);
  });

  it('DTMF falls back to SIP INFO application/dtmf-relay when RFC 4733 is refused', async () => {
    await startPair(false);
    onCustomerInvite = answer;
    await controller.dial('2001');

    expect(await controller.sendDtmf('5')).toBe('info');
    expect(await controller.sendDtmf('#')).toBe('info');
    expect(customerInfo).toEqual(['application/dtmf-relay|Signal=5\r\nDuration=120', 'application/dtmf-relay|Signal=#\r\nDuration=120']);
    expect(await controller.sendDtmf('x')).toBe('failed'); // not a DTMF key
  });

  it('a far end whose answer has telephone-event at 8 kHz only (with Opus at 48 kHz) gets SIP INFO, never RFC 4733', async () => {
    await startPair(true, true);
    onCustomerInvite = answer;
    await controller.dial('2001');

    expect(await controller.sendDtmf('4')).toBe('info');
    expect(agentMedia[0]?.dtmfAttempts).toEqual([]);
    expect(customerInfo).toEqual(['application/dtmf-relay|Signal=4\r\nDuration=120']);
  });

  it('an INFO the customer refuses is reported as failed, not as sent', async () => {
    await startPair(false);
    onCustomerInvite = answer;
    await controller.dial('2001');
    infoStatus = 415;

    expect(await controller.sendDtmf('9')).toBe('failed');
    expect(customerInfo).toEqual(['application/dtmf-relay|Signal=9\r\nDuration=120']);
  });

  it('DTMF outside a connected call sends nothing', async () => {
    await startPair(false);
    expect(await controller.sendDtmf('1')).toBe('failed');
    expect(wire.trace).toEqual([]);
  });
});
