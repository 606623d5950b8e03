import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestLagCorrelation, decodeChannels, decryptFromDisk, envelope, findManifests, rms } from '../main/services/recording/audio-analysis';
import { customerPhone } from './harness/kamailio';
import type { SipPeer } from './harness/sip-peer';
import { startSipPeerRig, type SipPeerRig } from './harness/sip-peer-rig';
import { centerApi, centerPost } from './harness/center-process';
import { queuePolicies, waitForQueue, waitForRegistered } from './harness/desk-steps';
import { cachedSetting, dialFromPanel, dtmfObservation, signInIfAsked, softphoneStatus, watchDtmf, workstationStats } from './harness/workstation-page';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The SDP the far end answered with (the desk's newest peer connection). */
const remoteSdp = (page: Page) =>
  page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)?.remoteDescription?.sdp ?? '');

/** The softphone's notices (软电话提示) as one text; empty when there are none (no list then). */
const notices = (page: Page) => page.evaluate(() => document.querySelector('[aria-label="软电话提示"]')?.textContent ?? '');

/**
 * The desk against a far end that is not a browser: baresip (Debian's baresip-core), registered over
 * TCP through the project's Kamailio, full ICE + DTLS-SRTP + Opus/G.711 like a gateway or SBC.
 * The desk is the real web host and workstation in Chromium.
 */
describe('the desk and a non-browser SIP peer (baresip) through Kamailio', () => {
  let rig: SipPeerRig;
  let page: Page;
  let peer: SipPeer;

  beforeAll(async () => {
    rig = await startSipPeerRig({ name: 'sip-peer', agent: 1004, center: true });
    ({ page } = rig);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await signInIfAsked(page);
    peer = await rig.startPeer(2004);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const panel = () => page.getByRole('region', { name: '软电话' });

  /** Ends a call a failed assertion left up, so the next test starts idle. */
  const hangUpIfUp = async () => {
    const hangup = panel().getByRole('button', { name: '挂断' });
    if (await hangup.isVisible().catch(() => false)) await hangup.click();
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('idle');
  };

  /** Dials `user`'s mobile number from the panel and waits until both sides say the call is up. */
  const callPeer = async (p: SipPeer, user: number) => {
    const from = p.events.length;
    await dialFromPanel(page, customerPhone(user));
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 20_000 }).toBe('established');
    await p.waitForEvent('CALL_ESTABLISHED', { from });
    return from;
  };

  /** Waits until the desk has received `more` audio packets beyond what it had. */
  const desksHears = async (more: number, timeout = 15_000) => {
    const start = (await workstationStats(page)).packetsReceived;
    await expect.poll(async () => (await workstationStats(page)).packetsReceived - start, { timeout }).toBeGreaterThan(more);
  };

  /** The call's answer SDP and media: what a gateway-like peer must negotiate with a browser. */
  const checkCall = async (from: number) => {
    const answer = await remoteSdp(page);
    expect(answer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 111 /m); // Opus first
    expect(answer).toMatch(/^a=rtpmap:111 opus\/48000\/2/m);
    expect(answer).toMatch(/^a=fingerprint:sha-256 /m);
    expect(answer).toMatch(/^a=rtcp-mux/m);
    expect([...answer.matchAll(/^a=candidate:\S+ 1 udp \d+ (\S+) \d+ typ host/gm)].map((m) => m[1]).every((ip) => !ip!.startsWith('127.'))).toBe(true);
    await peer.waitForEvent('CALL_MENC', { from }); // baresip: DTLS-SRTP keys in place
    // Six seconds of the peer's audio at the desk (50 packets/s), and the desk's audio at the peer.
    await desksHears(300);
    expect((await workstationStats(page)).packetsSent).toBeGreaterThan(300);
  };

  it('the desk dials the peer through Kamailio: ICE on real host candidates, DTLS-SRTP, rtcp-mux, Opus; each side hears the other speak', async () => {
    rig.artefacts('sip-peer-call');
    await waitForRegistered(page);
    const manifestsBefore = findManifests(rig.host.dataDir).length;
    const from = await callPeer(peer, 2004);
    try {
      await checkCall(from);
    } finally {
      await hangUpIfUp();
    }
    await peer.waitForEvent('CALL_CLOSED', { from });

    // What the peer heard (baresip's decoder output) is the agent's phrase; what the desk recorded
    // on the customer's channel is the peer's phrase — by energy and by speech rhythm.
    const [agentSrc] = decodeChannels(rig.agentWav, 1) as [Float32Array];
    const [peerSrc] = decodeChannels(rig.peerWav, 1) as [Float32Array];
    const [heard] = decodeChannels(peer.receivedWav()!, 1) as [Float32Array];
    const heardEnv = envelope(heard).slice(20); // skip the first second (the desk's AGC settling)
    const heardAgent = bestLagCorrelation(heardEnv, envelope(agentSrc));
    const heardPeer = bestLagCorrelation(heardEnv, envelope(peerSrc));

    await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 15_000 }).toBe(manifestsBefore + 1);
    const manifest = findManifests(rig.host.dataDir).at(-1)!;
    const [left, right] = decodeChannels(await decryptFromDisk(rig.host.dataDir, manifest), 2) as [Float32Array, Float32Array];
    const rightEnv = envelope(right).slice(20);
    const recPeer = bestLagCorrelation(rightEnv, envelope(peerSrc));
    const recAgent = bestLagCorrelation(rightEnv, envelope(agentSrc));
    const summary =
      `peer heard rms ${rms(heard).toFixed(4)} corr agent ${heardAgent.toFixed(2)} / peer ${heardPeer.toFixed(2)}; ` +
      `desk recorded L ${rms(left).toFixed(4)} R ${rms(right).toFixed(4)}, R corr peer ${recPeer.toFixed(2)} / agent ${recAgent.toFixed(2)}`;
    rig.log.push(`[sip-peer] ${summary}`);
    console.log(`[sip-peer e2e] ${summary}`);
    expect(rms(heard)).toBeGreaterThan(0.01);
    expect(rms(right)).toBeGreaterThan(0.01);
    expect(heardAgent).toBeGreaterThan(heardPeer + 0.2);
    expect(recPeer).toBeGreaterThan(recAgent + 0.1);
  });

  it('hold and resume from the desk: the peer accepts (answers recvonly), the held silence raises no alarm, audio flows again after resume', async () => {
    rig.artefacts('sip-peer-desk-hold');
    await waitForRegistered(page);
    const from = await callPeer(peer, 2004);
    try {
      await desksHears(50);
      await panel().getByRole('button', { name: '保持' }).click();
      await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('held');
      expect(await remoteSdp(page)).toMatch(/^a=recvonly/m);
      // Longer than the no-audio watch's limit (3 s, media-flow.ts): the peer sends nothing now.
      await sleep(4500);
      expect(await notices(page)).not.toContain('对方听不到');
      await panel().getByRole('button', { name: '恢复通话' }).click();
      await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
      expect(await remoteSdp(page)).toMatch(/^a=sendrecv/m);
      await desksHears(100);
      expect(await notices(page)).not.toContain('对方听不到');
    } finally {
      await hangUpIfUp();
    }
    await peer.waitForEvent('CALL_CLOSED', { from });
  });

  it('the peer holds the desk and resumes: its silence on hold raises no alarm (call-media.ts), and its audio comes back', async () => {
    rig.artefacts('sip-peer-peer-hold');
    await waitForRegistered(page);
    await callPeer(peer, 2004);
    try {
      await desksHears(50);
      expect((await peer.command('hold')).ok).toBe(true);
      await expect.poll(() => remoteSdp(page), { timeout: 10_000 }).toMatch(/^a=(sendonly|inactive)/m);
      await sleep(4500);
      expect(await notices(page)).not.toContain('对方听不到');
      expect((await softphoneStatus(page)).phase).toBe('established');
      expect((await peer.command('resume')).ok).toBe(true);
      await expect.poll(() => remoteSdp(page), { timeout: 10_000 }).toMatch(/^a=sendrecv/m);
      await desksHears(100);
      expect(await notices(page)).not.toContain('对方听不到');
    } finally {
      await hangUpIfUp();
    }
  });

  it('keypad tones to an Opus peer that takes telephone-event/8000 only go as SIP INFO, and the peer receives every digit in order', async () => {
    rig.artefacts('sip-peer-dtmf-info');
    await waitForRegistered(page);
    const from = await callPeer(peer, 2004);
    try {
      expect(await remoteSdp(page)).toMatch(/^a=rtpmap:\d+ telephone-event\/8000/m);
      expect(await remoteSdp(page)).not.toMatch(/telephone-event\/48000/);
      await watchDtmf(page);
      const keypad = page.getByRole('group', { name: '拨号键盘' });
      for (const key of ['1', '5', '#', '0']) await keypad.getByRole('button', { name: `按键 ${key}` }).click();
      await expect.poll(() => peer.dtmfReceived(from), { timeout: 10_000 }).toEqual(['1', '5', '#', '0']);
      // Not as RFC 4733: Chrome's DTMF sender played nothing (README: keypad tones and far ends).
      expect((await dtmfObservation(page)).tones).toEqual([]);
    } finally {
      await hangUpIfUp();
    }
  });

  it('keypad tones to a G.711-only peer go as RFC 4733 telephone-event/8000 in the media, and the peer decodes every digit in order', async () => {
    rig.artefacts('sip-peer-dtmf-rfc4733');
    await waitForRegistered(page);
    const g711 = await rig.startPeer(2005, { codecs: ['PCMU'] });
    try {
      const from = await callPeer(g711, 2005);
      expect(await remoteSdp(page)).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 /m);
      expect(await remoteSdp(page)).toMatch(/^a=rtpmap:\d+ telephone-event\/8000/m);
      await watchDtmf(page);
      const keypad = page.getByRole('group', { name: '拨号键盘' });
      for (const key of ['2', '0', '*', '9']) await keypad.getByRole('button', { name: `按键 ${key}` }).click();
      await expect.poll(() => g711.dtmfReceived(from), { timeout: 10_000 }).toEqual(['2', '0', '*', '9']);
      expect((await dtmfObservation(page)).tones).toEqual(['2', '0', '*', '9']);
    } finally {
      await hangUpIfUp();
      await rig.stopPeer(g711);
    }
  });

  it('a peer that answers but never sends audio: the desk says 对方听不到/无声音 within 6 s of the answer and the quality line reads 无声音', async () => {
    rig.artefacts('sip-peer-no-media');
    await waitForRegistered(page);
    // No audio source: baresip completes ICE and DTLS-SRTP and then sends no RTP (a dead gateway port).
    const mute = await rig.startPeer(2006, { wav: null });
    try {
      await callPeer(mute, 2006);
      await expect.poll(() => notices(page), { timeout: 6000, interval: 200 }).toContain('对方听不到/无声音：已接通，但收不到对方的语音');
      await expect.poll(() => panel().getByText('无声音：未收到对方的语音').count(), { timeout: 5000 }).toBe(1);
      expect((await workstationStats(page)).packetsReceived).toBe(0);
      expect((await workstationStats(page)).packetsSent).toBeGreaterThan(0);
    } finally {
      await hangUpIfUp();
      await rig.stopPeer(mute);
    }
  });

  it('the peer calls the idle desk from a number that matches no queued case: it hears 480 and the agent sees a missed call', async () => {
    rig.artefacts('sip-peer-inbound-idle');
    await waitForRegistered(page);
    const missed = page.getByRole('list', { name: '未接来电' }).getByRole('listitem');
    const before = await missed.count();
    const from = peer.events.length;
    expect((await peer.command('dial', `sip:${rig.agentAccount.user}@127.0.0.1`)).ok).toBe(true);
    const closed = await peer.waitForEvent('CALL_CLOSED', { from });
    expect(closed.param).toMatch(/^480 /);
    await expect.poll(() => missed.count(), { timeout: 5000 }).toBe(before + 1);
    expect(await notices(page)).toContain('未接来电');
  });

  it('the peer calls the desk while the agent is on another call: it hears 486 and the call in progress goes on', async () => {
    rig.artefacts('sip-peer-inbound-busy');
    await waitForRegistered(page);
    const other = await rig.startPeer(2007);
    try {
      await callPeer(other, 2007);
      const from = peer.events.length;
      expect((await peer.command('dial', `sip:${rig.agentAccount.user}@127.0.0.1`)).ok).toBe(true);
      const closed = await peer.waitForEvent('CALL_CLOSED', { from });
      expect(closed.param).toMatch(/^486 /);
      expect((await softphoneStatus(page)).phase).toBe('established');
      await desksHears(50);
    } finally {
      await hangUpIfUp();
      await rig.stopPeer(other);
    }
  });

  it('with the centre set to take any caller, the peer (a number no case has) rings, F4 answers with audio both ways, and Enter on a queued case runs its script on the same call', async () => {
    rig.artefacts('sip-peer-inbound-any');
    const centre = rig.centerUrl!;
    const settings = (await (await centerApi(centre, '9001'))('/api/desk-config')) as { companyName: string; maxAttempts: number };
    await centerPost(centre, '9001', '/api/admin/desk-config', { companyName: settings.companyName, maxAttempts: settings.maxAttempts, inboundCallers: 'any' });
    try {
      // A desk takes the centre's settings at sign-in (after its first sync: the queue shows from the cache before).
      await page.getByRole('button', { name: /^退出登录/ }).click();
      await page.getByRole('form', { name: '坐席登录' }).waitFor();
      await signInIfAsked(page);
      await waitForRegistered(page);
      await waitForQueue(page, 0);
      await expect.poll(() => cachedSetting(page, 'inboundCallers'), { timeout: 20_000 }).toBe('any');
      const from = peer.events.length;
      expect((await peer.command('dial', `sip:${rig.agentAccount.user}@127.0.0.1`)).ok).toBe(true);
      await page.getByRole('alert', { name: /来电：.*（未匹配案件/ }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('F4');
      await peer.waitForEvent('CALL_ESTABLISHED', { from });
      await page.getByText(/通话中（录音中）：在队列中找到客户的案件/).waitFor({ timeout: 10_000 });
      await desksHears(150);
      expect((await workstationStats(page)).packetsSent).toBeGreaterThan(150);
      // The agent finds the caller's case: search, Enter to the list, Enter opens it — on this call.
      const [policyNo] = await queuePolicies(page);
      await page.keyboard.press('/');
      await page.keyboard.type(policyNo!);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 10_000 });
      expect(await page.getByRole('heading', { name: `回访件 ${policyNo}` }).count()).toBe(1);
      expect((await softphoneStatus(page)).phase).toBe('established');
      await desksHears(50);
    } finally {
      await hangUpIfUp();
      await centerPost(centre, '9001', '/api/admin/desk-config', {
        companyName: settings.companyName,
        maxAttempts: settings.maxAttempts,
        inboundCallers: 'case',
      });
    }
  });
});
