import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserAgent } from 'sip.js';
import { type Invitation } from 'sip.js';
import type { MonitorGrant } from '../../../../shared/sync';
import { MonitorListener } from '../../../../renderer/features/monitor/monitor-listener';
import type { MonitorSdhOptions } from '../../../../renderer/features/monitor/monitor-media';
import { INITIAL_MONITOR, monitorReducer, type MonitorSnapshot } from '../../../../renderer/features/monitor/monitor-state';
import { InMemoryWire, monitorTestUa, type SeenOptions } from './support/monitor-sip';

// The lead's side of listen-in against a real sip.js stack: the real MonitorListener on the lead's
// user agent INVITEs an "agent" user agent over an in-memory wire; the agent side answers as the
// test says. Media is faked; real audio is test/e2e/listen-in.

const GRANT: MonitorGrant = {
  grant: 'mg1.grant-text',
  agent: '1001',
  agentName: '演示坐席',
  sipUri: 'sip:1002@test.invalid',
  policyNo: 'P1',
  expiresAt: '2099-01-01T00:00:00.000Z',
};

let wire: InMemoryWire;
let lead: UserAgent;
let agent: UserAgent;
let leadSeen: SeenOptions;
let snapshot: MonitorSnapshot;
let ownCall: boolean;
let registered: boolean;
let grantAnswer: { ok: true; grant: MonitorGrant } | { ok: false; text: string };
let onAgentInvite: (inv: Invitation) => void;
let agentSession: Invitation | null;
let headers: (string | undefined)[];
let listener: MonitorListener;

beforeEach(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  wire = new InMemoryWire();
  leadSeen = [];
  snapshot = INITIAL_MONITOR;
  ownCall = false;
  registered = true;
  grantAnswer = { ok: true, grant: GRANT };
  agentSession = null;
  headers = [];
  onAgentInvite = (inv) => {
    agentSession = inv;
    void inv.accept();
  };
  agent = monitorTestUa(wire, '1002', [], {
    onInvite: (inv: Invitation) => {
      headers.push(inv.request.getHeader('X-Huifang-Monitor'));
      onAgentInvite(inv);
    },
  });
  lead = monitorTestUa(wire, '1003', leadSeen);
  await agent.start();
  await lead.start();
  listener = new MonitorListener({
    userAgent: () => lead,
    registered: () => registered,
    ownCallBusy: () => ownCall,
    requestGrant: vi.fn(async () => grantAnswer),
    speakerId: () => 'default',
    dispatch: (a) => (snapshot = monitorReducer(snapshot, a)),
    now: () => 1000,
  });
});

afterEach(async () => {
  await lead.stop();
  await agent.stop();
  document.querySelectorAll('audio').forEach((a) => a.remove());
});

const invites = () => wire.trace.filter((t) => t.startsWith('1003: INVITE'));

describe('listen-in on the lead desk (MonitorListener)', () => {
  it('sends an INVITE with no outgoing audio and the grant to the agent’s address, plays it, and Esc (stop) sends BYE', async () => {
    expect(await listener.listen('1001', '演示坐席')).toBe(true);
    expect(headers).toEqual(['mg1.grant-text']);
    expect(invites()[0]).toBe('1003: INVITE sip:1002@test.invalid SIP/2.0');
    const media = leadSeen.map((o) => (o as MonitorSdhOptions | undefined)?.monitorMedia).find(Boolean);
    expect(media).toEqual({ coach: true });
    expect(snapshot).toMatchObject({ phase: 'listening', agent: '1001', agentName: '演示坐席', since: 1000 });
    expect(document.querySelector('audio[data-monitor-audio]')).not.toBeNull();

    await listener.stop();
    await vi.waitFor(() => expect(snapshot.phase).toBe('idle'));
    expect(snapshot.notice).toEqual({ level: 'info', text: '已停止监听' });
    expect(wire.trace.some((t) => t.startsWith('1003: BYE'))).toBe(true);
    expect(document.querySelector('audio[data-monitor-audio]')).toBeNull();
    expect(listener.busy()).toBe(false);
  });

  it('only one listen at a time, none during the lead’s own call, none unregistered — with the reason, no INVITE', async () => {
    ownCall = true;
    expect(await listener.listen('1001', '演示坐席')).toBe(false);
    expect(snapshot.notice?.text).toBe('您正在通话中，不能同时监听');
    ownCall = false;
    registered = false;
    expect(await listener.listen('1001', '演示坐席')).toBe(false);
    expect(snapshot.notice?.text).toBe('您的软电话未注册，不能监听');
    expect(invites()).toHaveLength(0);
    registered = true;
    expect(await listener.listen('1001', '演示坐席')).toBe(true);
    expect(await listener.listen('1002', '坐席乙')).toBe(false);
    expect(snapshot).toMatchObject({ phase: 'listening', agent: '1001', notice: { level: 'error', text: '同一时间只能监听一路通话，请先停止当前监听' } });
    expect(invites()).toHaveLength(1);
  });

  it('the centre refuses the grant: the reason is shown and nothing is sent', async () => {
    grantAnswer = { ok: false, text: '中心拒绝监听：该坐席当前不在通话中，不能监听' };
    expect(await listener.listen('1001', '演示坐席')).toBe(false);
    expect(snapshot).toMatchObject({ phase: 'idle', notice: { level: 'error', text: '中心拒绝监听：该坐席当前不在通话中，不能监听' } });
    expect(invites()).toHaveLength(0);
  });

  it('the agent’s desk refuses (403 bad grant, 480 not in a call): the lead reads why', async () => {
    onAgentInvite = (inv) => void inv.reject({ statusCode: 403, reasonPhrase: 'Forbidden (monitor grant expired)' });
    expect(await listener.listen('1001', '演示坐席')).toBe(false);
    await vi.waitFor(() => expect(snapshot.notice?.text).toBe('坐席端拒绝监听（403 Forbidden (monitor grant expired)）'));
    onAgentInvite = (inv) => void inv.reject({ statusCode: 480 });
    expect(await listener.listen('1001', '演示坐席')).toBe(false);
    await vi.waitFor(() => expect(snapshot.notice?.text).toBe('该坐席当前不在通话中'));
    expect(snapshot.phase).toBe('idle');
  });

  it('the agent’s call ends (BYE from the agent desk): the listen ends and says so', async () => {
    expect(await listener.listen('1001', '演示坐席')).toBe(true);
    await agentSession!.bye();
    await vi.waitFor(() => expect(snapshot).toMatchObject({ phase: 'idle', notice: { level: 'info', text: '坐席通话已结束，监听随之结束' } }));
    expect(listener.busy()).toBe(false);
  });
});

describe('coaching from the lead desk: switches by INFO with a fresh grant (shared/sync/monitor.ts)', () => {
  it('whisper puts the lead’s microphone on the leg once the desk agrees; a refused switch keeps the mode; listen takes it off and closes it', async () => {
    const infos: { grant?: string; type?: string; body?: string }[] = [];
    let deskAnswer = 200;
    onAgentInvite = (inv) => {
      agentSession = inv;
      inv.delegate = {
        onInfo: (info) => {
          infos.push({ grant: info.request.getHeader('X-Huifang-Monitor'), type: info.request.getHeader('Content-Type'), body: info.request.body });
          void (deskAnswer === 200 ? info.accept() : info.reject({ statusCode: deskAnswer, reasonPhrase: 'Forbidden (another lead is barged in)' }));
        },
      };
      void inv.accept();
    };
    const modes: (string | undefined)[] = [];
    const mic = {
      stopped: false,
      stop() {
        this.stopped = true;
      },
    };
    const sent: unknown[] = [];
    const sender = { replaceTrack: async (t: unknown) => void sent.push(t) };
    listener = new MonitorListener({
      userAgent: () => lead,
      registered: () => true,
      ownCallBusy: () => false,
      requestGrant: async (_staffNo, mode) => (modes.push(mode), grantAnswer),
      openMic: async () => mic as unknown as MediaStreamTrack,
      speakerId: () => 'default',
      dispatch: (a) => (snapshot = monitorReducer(snapshot, a)),
    });
    expect(await listener.listen('1001', '演示坐席')).toBe(true);
    const session = Object.values(
      (lead as unknown as { _sessions: Record<string, { sessionDescriptionHandler: { peerConnection: Record<string, unknown> } }> })._sessions,
    )[0];
    session.sessionDescriptionHandler.peerConnection.getTransceivers = () => [{ receiver: { track: { kind: 'audio' } }, sender }];

    expect(await listener.switchMode('whisper')).toBe(true);
    expect(modes).toEqual([undefined, 'whisper']);
    expect(infos[0]).toEqual({ grant: 'mg1.grant-text', type: 'application/x-huifang-monitor', body: 'whisper' });
    expect(sent).toEqual([mic]);
    expect(snapshot).toMatchObject({ phase: 'listening', mode: 'whisper', switching: null });

    deskAnswer = 403;
    expect(await listener.switchMode('barge')).toBe(false);
    expect(snapshot).toMatchObject({ mode: 'whisper', notice: { level: 'error', text: expect.stringContaining('403') } });
    expect(mic.stopped).toBe(false);

    grantAnswer = { ok: false, text: '中心拒绝切换：已有其他班长强插' };
    expect(await listener.switchMode('barge')).toBe(false);
    expect(infos).toHaveLength(2); // the centre refused: nothing went to the desk
    expect(snapshot).toMatchObject({ mode: 'whisper', notice: { text: '中心拒绝切换：已有其他班长强插' } });

    grantAnswer = { ok: true, grant: GRANT };
    deskAnswer = 200;
    expect(await listener.switchMode('listen')).toBe(true);
    expect(sent).toEqual([mic, null]);
    expect(mic.stopped).toBe(true);
    expect(snapshot).toMatchObject({ mode: 'listen' });
    // The agent's call ends: the desk hangs the leg up.
    await agentSession!.bye();
    await vi.waitFor(() => expect(snapshot.phase).toBe('idle'));
  });
});
