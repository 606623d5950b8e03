import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Registerer, RegistererState, UserAgent } from 'sip.js';
import type { SoftphoneConfig } from '../../../../shared/ipc/channels/softphone';
import { CallController } from '../../../../renderer/features/softphone/call-controller';
import type { EndedCall } from '../../../../renderer/features/softphone/softphone-api';
import { INITIAL_SOFTPHONE, softphoneReducer, type SoftphoneSnapshot } from '../../../../renderer/features/softphone/softphone-state';
import type { CustomerMedia } from '../../../../renderer/features/training/customer-media';
import type { LineId } from '../../../../renderer/features/training/personas';
import {
  createTrainingLine,
  type CustomerSaid,
  type TrainingCue,
  type TrainingCues,
  type TrainingLine,
} from '../../../../renderer/features/training/training-line';
import type { WireTransportOptions } from '../../../../renderer/features/training/training-wire';
import { fakeSdhFactory, type FakeMedia } from '../softphone/support/in-memory-sip';

// The training line between two real sip.js stacks: the desk side is a user agent built like the
// softphone's (registered by a Registerer, calls placed by the real CallController), the far end
// the training switchboard and its simulated customers. Media is the fake session description
// handler of the softphone's unit tests and a fake voice (no WebRTC or WebAudio in jsdom); the
// real media is covered by test/e2e/training-media.test.ts.

const CONFIG: SoftphoneConfig = {
  sipUri: 'sip:1001@training.invalid',
  authUser: '1001',
  displayName: '',
  callerId: '',
  wsUrl: 'ws://127.0.0.1:1',
  dialPrefix: '',
  ringTimeoutSec: 45,
  iceServers: [],
  iceGatheringTimeoutMs: 50,
};

/** The wizard's prompt, as the app would feed it. */
class Cues implements TrainingCues {
  private cue: TrainingCue | null = null;
  private readonly listeners = new Set<() => void>();
  current = () => this.cue;
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  show(stepId: string, phase: TrainingCue['phase'] = 'asking') {
    this.cue = { stepId, phase, seq: (this.cue?.seq ?? 0) + 1 };
    for (const l of this.listeners) l();
  }
}

let cues: Cues;
let line: TrainingLine;
let ua: UserAgent;
let registerer: Registerer;
let snapshot: SoftphoneSnapshot;
let ended: EndedCall[];
let controller: CallController;
let said: CustomerSaid[];
let legs: { media: FakeMedia[]; closed: boolean }[];

/** Customer media without WebRTC: the fake handler, and a voice that "speaks" for 2 ms. */
const fakeCustomerMedia: CustomerMedia = {
  leg() {
    const leg = { media: [] as FakeMedia[], closed: false };
    legs.push(leg);
    return {
      sdhFactory: fakeSdhFactory('customer', { rfc4733: true, media: leg.media }),
      say: (_line: LineId) => new Promise<void>((r) => setTimeout(r, 2)),
      hush: () => undefined,
      close: () => void (leg.closed = true),
    };
  },
};

async function startDesk(options: { pace?: number } = {}) {
  cues = new Cues();
  said = [];
  legs = [];
  line = createTrainingLine({ cues, media: fakeCustomerMedia, random: () => 0, pace: options.pace ?? 0.005 });
  line.said?.((s) => said.push(s));
  ua = new UserAgent({
    uri: UserAgent.makeURI(CONFIG.sipUri),
    transportConstructor: line.transportConstructor,
    transportOptions: line.transportOptions,
    // No RFC 4733 on the desk's fake media: keys go by SIP INFO.
    sessionDescriptionHandlerFactory: fakeSdhFactory('1001', { rfc4733: false, media: [] }),
    logLevel: 'error',
  });
  registerer = new Registerer(ua, { expires: 300 });
  await ua.start();
  snapshot = INITIAL_SOFTPHONE;
  ended = [];
  controller = new CallController({
    userAgent: () => ua,
    registered: () => registerer.state === RegistererState.Registered,
    config: () => CONFIG,
    devices: () => snapshot.devices,
    dialBlockedReason: () => null,
    dispatch: (action) => (snapshot = softphoneReducer(snapshot, action)),
    reportState: () => undefined,
    established: () => undefined,
    ended: (info) => ended.push(info),
  });
}

async function register() {
  let accepted = false;
  await registerer.register({ requestDelegate: { onAccept: () => void (accepted = true) } });
  await vi.waitFor(() => expect(accepted).toBe(true));
}

const lines = () => said.map((s) => s.line);

beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

afterEach(async () => {
  await controller.hangup();
  await vi.waitFor(() => expect(snapshot.call.phase).toBe('idle'));
  await line.stop();
  await ua.stop();
  vi.restoreAllMocks();
});

describe('the training line: a switchboard and simulated customers on an in-process SIP wire', () => {
  it('accepts the desk’s REGISTER (and a re-REGISTER, and the unREGISTER) as a registrar would', async () => {
    await startDesk();
    await register();
    expect(registerer.state).toBe(RegistererState.Registered);
    await register();
    expect(registerer.state).toBe(RegistererState.Registered);
    await registerer.unregister();
    await vi.waitFor(() => expect(registerer.state).toBe(RegistererState.Unregistered));
  });

  it('puts a call to a persona’s number through: it rings, answers, greets, and replies to each prompt the agent reads', async () => {
    await startDesk();
    await register();
    const result = await controller.dial('13900009001', { caseId: 'training-1' });
    expect(result).toMatchObject({ kind: 'connected' });
    expect(snapshot.call.phase).toBe('established');
    expect(line.lastPersona()).toBe('cooperative');
    await vi.waitFor(() => expect(lines()).toEqual(['hello']));
    cues.show('identity');
    await vi.waitFor(() => expect(lines()).toEqual(['hello', 'its_me']));
    cues.show('greeting');
    cues.show('consent');
    // The agent moved on before the customer spoke: only the newest prompt is answered.
    await vi.waitFor(() => expect(lines()).toEqual(['hello', 'its_me', 'convenient']));
    expect(said.every((s) => s.persona === 'cooperative')).toBe(true);
  });

  it('holds and resumes by re-INVITE and takes keys by SIP INFO, as any user agent does', async () => {
    await startDesk();
    await register();
    expect(await controller.dial('13900009004')).toMatchObject({ kind: 'connected' });
    expect(await controller.setHold(true)).toBe(true);
    expect(await controller.setHold(false)).toBe(true);
    expect(await controller.sendDtmf('5')).toBe('info');
  });

  it('a number no persona has is refused with 404 (空号): a wrong number, no customer made', async () => {
    await startDesk();
    await register();
    const result = await controller.dial('13900009999');
    expect(result).toMatchObject({ kind: 'failed', attempt: 'wrong_number', sipCode: 404 });
    expect(legs).toEqual([]);
    expect(line.lastPersona()).toBeNull();
  });

  it('a call the agent cancels while it rings ends on both sides, unanswered', async () => {
    await startDesk({ pace: 1 });
    await register();
    const dialling = controller.dial('13900009002');
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('ringing'));
    await controller.hangup();
    expect(await dialling).toMatchObject({ kind: 'failed', attempt: 'cancelled', sipCode: 487 });
    await vi.waitFor(() => expect(legs[0]?.closed).toBe(true));
    expect(lines()).toEqual([]);
  });

  it('the agent’s BYE ends the customer’s side (it stops speaking and lets go of its media)', async () => {
    await startDesk();
    await register();
    expect(await controller.dial('13900009003')).toMatchObject({ kind: 'connected' });
    await controller.hangup();
    await vi.waitFor(() => expect(legs[0]?.closed).toBe(true));
    expect(ended).toEqual([expect.objectContaining({ endedBy: 'agent' })]);
  });

  it('hangs_up sends BYE mid-script once two regulatory questions are answered; the desk sees the customer hang up', async () => {
    await startDesk();
    await register();
    expect(await controller.dial('13900009005')).toMatchObject({ kind: 'connected' });
    const steps = ['identity', 'greeting', 'consent', 'insurance_nature', 'signature'];
    for (const [i, step] of steps.entries()) {
      cues.show(step);
      await vi.waitFor(() => expect(said).toHaveLength(i + 2));
    }
    expect(snapshot.call.phase).toBe('established');
    cues.show('receipt');
    await vi.waitFor(() => expect(ended).toEqual([expect.objectContaining({ endedBy: 'customer' })]));
    expect(lines().at(-1)).toBe('gotta_go');
    expect(legs[0]?.closed).toBe(true);
  });

  it('a second call after the first reaches the persona dialled then, and the first call’s last prompt is not answered on it', async () => {
    await startDesk();
    await register();
    expect(await controller.dial('13900009001')).toMatchObject({ kind: 'connected' });
    cues.show('closing');
    await vi.waitFor(() => expect(lines()).toEqual(['hello', 'goodbye']));
    await controller.hangup();
    await vi.waitFor(() => expect(snapshot.call.phase).toBe('idle'));
    said = [];
    expect(await controller.dial('13900009006')).toMatchObject({ kind: 'connected' });
    expect(line.lastPersona()).toBe('family_for_hard_of_hearing');
    await vi.waitFor(() => expect(lines()).toEqual(['hello']));
    cues.show('identity');
    await vi.waitFor(() => expect(lines()).toEqual(['hello', 'family_answers']));
  });

  it('answers an OPTIONS ping with 200 and a request for a call that does not exist with 481', async () => {
    await startDesk();
    const replies: string[] = [];
    const link = (line.transportOptions as WireTransportOptions).plug((m) => replies.push(m.slice(0, m.indexOf('\r\n'))));
    const request = (method: string, toTag: string) =>
      [
        `${method} sip:13900009001@training.invalid SIP/2.0`,
        'Via: SIP/2.0/WSS desk.invalid;branch=z9hG4bK' + method,
        'Max-Forwards: 70',
        'To: <sip:13900009001@training.invalid>' + toTag,
        'From: <sip:1001@training.invalid>;tag=abc',
        `Call-ID: ping-${method}`,
        `CSeq: 1 ${method}`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    link.send(request('OPTIONS', ''));
    link.send(request('BYE', ';tag=gone'));
    await vi.waitFor(() => expect(replies.sort()).toEqual(['SIP/2.0 200 OK', 'SIP/2.0 481 Call/Transaction Does Not Exist']));
    link.unplug();
  });

  it('stopping the line ends a call in progress from the customer’s side', async () => {
    await startDesk();
    await register();
    expect(await controller.dial('13900009001')).toMatchObject({ kind: 'connected' });
    await line.stop();
    await vi.waitFor(() => expect(ended).toEqual([expect.objectContaining({ endedBy: 'customer' })]));
  });
});
