import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Inviter, SessionState, UserAgent, type Invitation } from 'sip.js';
import { followAgentVoice } from '../../../../renderer/audio/agent-voice-bus';
import { MonitorAnswerer, type GrantVerdict } from '../../../../renderer/features/monitor/monitor-answerer';
import type { MonitorSdhOptions } from '../../../../renderer/features/monitor/monitor-media';
import type { FakePeerConnection } from './support/monitor-sip';
import { FakeMixContext, InMemoryWire, fakeStream, monitorTestUa, type SeenOptions } from './support/monitor-sip';

// The agent desk's side of listen-in against a real sip.js stack: a "lead" user agent INVITEs the
// "agent" user agent over an in-memory wire; the agent's user agent hands the INVITE to the real
// MonitorAnswerer. Media is faked (no WebRTC in jsdom); real audio is test/e2e/listen-in.

let wire: InMemoryWire;
let lead: UserAgent;
let agent: UserAgent;
let answerer: MonitorAnswerer;
let verify: ReturnType<typeof vi.fn<(grant: string) => Promise<GrantVerdict>>>;
let contexts: FakeMixContext[];
let agentSeen: SeenOptions;
let answered: Promise<number>;
let listening: string[];

beforeEach(async () => {
  wire = new InMemoryWire();
  contexts = [];
  agentSeen = [];
  listening = [];
  verify = vi.fn(async (grant: string): Promise<GrantVerdict> =>
    grant === 'mg1.good' ? { ok: true, lead: '2001' } : { ok: false, code: 403, phrase: 'Forbidden (monitor grant expired)' },
  );
  answerer = new MonitorAnswerer({
    verify,
    createAudioContext: () => {
      const c = new FakeMixContext();
      contexts.push(c);
      return c as unknown as AudioContext;
    },
    onListening: (who, on) => listening.push(`${who}:${on}`),
  });
  agent = monitorTestUa(wire, '1002', agentSeen, { onInvite: (inv: Invitation) => void (answered = answerer.route(inv)) });
  lead = monitorTestUa(wire, '1003', []);
  await agent.start();
  await lead.start();
});

afterEach(async () => {
  await lead.stop();
  await agent.stop();
});

/** The lead INVITEs the agent with `grant` in the header; resolves with the final status code. */
async function invite(grant: string | null): Promise<{ code: number; inviter: Inviter }> {
  const inviter = new Inviter(lead, UserAgent.makeURI('sip:1002@test.invalid')!, { extraHeaders: grant === null ? [] : [`X-Huifang-Monitor: ${grant}`] });
  const code = await new Promise<number>((resolve) => {
    inviter.stateChange.addListener((s) => s === SessionState.Established && resolve(200));
    void inviter.invite({ requestDelegate: { onReject: (r) => resolve(r.message.statusCode ?? 0) } });
  });
  return { code, inviter };
}

const call = { callId: 'call-1', localStream: fakeStream('agent-mic'), remoteStream: fakeStream('customer') };

describe('listen-in on the agent desk (MonitorAnswerer)', () => {
  it('not in a call: 480, and the grant is not spent at the centre', async () => {
    expect((await invite('mg1.good')).code).toBe(480);
    expect(await answered).toBe(480);
    expect(verify).not.toHaveBeenCalled();
  });

  it('a grant the centre refuses (expired, forged, for another agent): 403 with the reason, nothing mixed', async () => {
    answerer.callEstablished(call);
    expect((await invite('mg1.forged')).code).toBe(403);
    expect(verify).toHaveBeenCalledWith('mg1.forged');
    expect(wire.trace.some((t) => t.includes('403 Forbidden (monitor grant expired)'))).toBe(true);
    expect(contexts).toHaveLength(0);
  });

  it('the centre cannot be asked: 503, nothing answered', async () => {
    answerer.callEstablished(call);
    verify.mockRejectedValueOnce(new Error('offline'));
    expect((await invite('mg1.good')).code).toBe(503);
  });

  it('a valid grant during a call: answered send-only with both sides mixed to mono; the customer call ending sends BYE', async () => {
    answerer.callEstablished(call);
    const { code, inviter } = await invite('mg1.good');
    expect(code).toBe(200);
    expect(await answered).toBe(200);
    expect(contexts[0].wiring).toEqual(['agent-mic→destination', 'customer→destination']);
    expect(contexts[0].destination.channelCount).toBe(1);
    const media = agentSeen.map((o) => (o as MonitorSdhOptions | undefined)?.monitorMedia).find(Boolean);
    expect(media).toEqual({ send: contexts[0].destination.stream });
    expect(listening).toEqual(['2001:true']);

    const byeSeen = new Promise<void>((resolve) => inviter.stateChange.addListener((s) => s === SessionState.Terminated && resolve()));
    await answerer.callEnded('call-1');
    await byeSeen;
    expect(wire.trace.some((t) => t.startsWith('1002: BYE'))).toBe(true);
    await vi.waitFor(() => expect(contexts[0].closed).toBe(true));
    expect(listening).toEqual(['2001:true', '2001:false']);
    // The call is over: the next listen-in is refused as not in a call.
    expect((await invite('mg1.good')).code).toBe(480);
  });

  it('an INVITE without the header is refused with 480 as before, even during a call, without asking the centre', async () => {
    answerer.callEstablished(call);
    expect((await invite(null)).code).toBe(480);
    expect(await answered).toBe(480);
    expect(verify).not.toHaveBeenCalled();
    expect(contexts).toHaveLength(0);
  });
});

describe('coaching on the agent desk: whisper and barge switched by INFO (shared/sync/monitor.ts)', () => {
  const modeOf: Record<string, GrantVerdict> = {
    'mg1.whisper': { ok: true, lead: '2001', leadName: '组长A', mode: 'whisper' },
    'mg1.barge': { ok: true, lead: '2001', leadName: '组长A', mode: 'barge' },
    'mg1.listen': { ok: true, lead: '2001', leadName: '组长A', mode: 'listen' },
  };

  /** Sends a switch INFO on the lead's leg; resolves with the final status code. */
  function sendSwitch(inviter: Inviter, grant: string, contentType = 'application/x-huifang-monitor'): Promise<number> {
    return new Promise((resolve) => {
      void inviter.info({
        requestOptions: { extraHeaders: [`X-Huifang-Monitor: ${grant}`], body: { contentDisposition: 'render', contentType, content: 'whisper' } },
        requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
      });
    });
  }

  it('listen → whisper → barge → listen: the lead joins the customer leg and the recording only while barging; the agent’s screen is told', async () => {
    const coaching: unknown[] = [];
    const voices: string[] = [];
    const unfollow = followAgentVoice('call-1', (s) => (voices.push(`+${s.id}`), () => voices.push(`-${s.id}`)));
    answerer = new MonitorAnswerer({
      verify: async (g) =>
        modeOf[g] ?? (g === 'mg1.good' ? { ok: true, lead: '2001' } : { ok: false, code: 403, phrase: 'Forbidden (another lead is barged in)' }),
      createAudioContext: () => new FakeMixContext() as unknown as AudioContext,
      onCoaching: (c) => coaching.push(c),
    });
    answerer.callEstablished(call);
    const { code, inviter } = await invite('mg1.good');
    expect(code).toBe(200);
    await answered;
    const leadAudio = () => document.querySelector<HTMLAudioElement>('audio[data-monitor-audio="lead"]');
    // Listening: the lead's audio is muted on the agent's desk and goes nowhere else.
    expect(leadAudio()?.muted).toBe(true);
    expect(coaching).toEqual([null]);

    expect(await sendSwitch(inviter, 'mg1.whisper')).toBe(200);
    expect(leadAudio()?.muted).toBe(false);
    expect(voices).toEqual([]);
    expect(coaching.at(-1)).toEqual({ lead: '2001', leadName: '组长A', mode: 'whisper' });

    expect(await sendSwitch(inviter, 'mg1.barge')).toBe(200);
    expect(voices).toHaveLength(1);
    expect(coaching.at(-1)).toMatchObject({ mode: 'barge' });
    // A refused switch (another lead barging, forged, reused) changes nothing.
    expect(await sendSwitch(inviter, 'mg1.refused')).toBe(403);
    expect(voices).toHaveLength(1);
    expect(coaching.at(-1)).toMatchObject({ mode: 'barge' });
    // An INFO that is not a switch is refused without asking the centre.
    expect(await sendSwitch(inviter, 'mg1.listen', 'application/dtmf-relay')).toBe(415);

    expect(await sendSwitch(inviter, 'mg1.listen')).toBe(200);
    expect(voices).toEqual([voices[0], voices[0].replace('+', '-')]);
    expect(leadAudio()?.muted).toBe(true);
    expect(coaching.at(-1)).toBeNull();

    // The agent's call is over: a switch is refused (480), the leg ends.
    expect(await sendSwitch(inviter, 'mg1.barge')).toBe(200);
    answerer.callEstablished({ ...call, callId: 'call-2' });
    expect(await sendSwitch(inviter, 'mg1.whisper')).toBe(480);
    await answerer.callEnded('call-1');
    await vi.waitFor(() => expect(leadAudio()).toBeNull());
    expect(voices.filter((v) => v.startsWith('-'))).toHaveLength(2);
    expect(coaching.at(-1)).toBeNull();
    unfollow();
  });
});

describe('a lead leg that ends frees the call for another lead (shared/sync/monitor.ts, POST /api/monitor/ended)', () => {
  let pcs: FakePeerConnection[];
  let ended: string[];

  beforeEach(async () => {
    await agent.stop();
    pcs = [];
    ended = [];
    answerer = new MonitorAnswerer({
      verify: async () => ({ ok: true, lead: '2001', mode: 'barge' }),
      createAudioContext: () => new FakeMixContext() as unknown as AudioContext,
      legEnded: (who) => ended.push(who),
      disconnectGraceMs: 50,
    });
    agent = monitorTestUa(wire, '1002', agentSeen, { onInvite: (inv: Invitation) => void (answered = answerer.route(inv)) }, pcs);
    await agent.start();
    answerer.callEstablished(call);
  });

  it('the lead hangs up: the centre is told the leg ended', async () => {
    const { inviter } = await invite('mg1.good');
    await answered;
    await inviter.bye();
    await vi.waitFor(() => expect(ended).toEqual(['2001']));
  });

  it('a crashed lead sends no BYE: media disconnected past the grace ends the leg (BYE from the agent) and tells the centre', async () => {
    const { inviter } = await invite('mg1.good');
    await answered;
    const terminated = new Promise<void>((resolve) => inviter.stateChange.addListener((s) => s === SessionState.Terminated && resolve()));
    // A short blip that recovers changes nothing.
    pcs[0].setIce('disconnected');
    pcs[0].setIce('connected');
    await new Promise((r) => setTimeout(r, 120));
    expect(ended).toEqual([]);
    pcs[0].setIce('disconnected');
    await terminated;
    expect(wire.trace.some((t) => t.startsWith('1002: BYE'))).toBe(true);
    expect(ended).toEqual(['2001']);
  });

  it('ICE failed ends the leg at once', async () => {
    await invite('mg1.good');
    await answered;
    pcs[0].setIce('failed');
    await vi.waitFor(() => expect(ended).toEqual(['2001']));
  });
});
