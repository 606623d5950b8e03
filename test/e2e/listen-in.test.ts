import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallRig, type CallRig } from './harness/call-rig';
import { SIP_ACCOUNTS } from './harness/kamailio';
import { openCaseCorrectAndDial, queuePolicies, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';
import { softphoneStatus, workstationStats } from './harness/workstation-page';

/** Inbound audio of a page's newest peer connection (the lead's listen-in leg): counters and level. */
async function inboundAudio(page: Page): Promise<{ packets: number; bytes: number; audioLevel: number; energy: number; pcs: number }> {
  return page.evaluate(async () => {
    const list = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = list.at(-1);
    const out = { packets: 0, bytes: 0, audioLevel: 0, energy: 0, pcs: list.length };
    if (!pc) return out;
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
      out.packets += Number(s.packetsReceived ?? 0);
      out.bytes += Number(s.bytesReceived ?? 0);
      out.audioLevel = Math.max(out.audioLevel, Number(s.audioLevel ?? 0));
      out.energy += Number(s.totalAudioEnergy ?? 0);
    });
    return out;
  });
}

/** Direction of the audio m-line the page's newest peer connection negotiated (local side). */
async function localDirection(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1);
    return /a=(sendrecv|sendonly|recvonly|inactive)/.exec(pc?.localDescription?.sdp ?? '')?.[1] ?? null;
  });
}

/**
 * Team-lead listen-in (组长监听) with real parts: agent 1001 (SIP 1002) calls the speaking customer
 * through Kamailio; team lead 2001 on a second desk (SIP 1003) opens the live board, selects the
 * agent's row and presses L. The lead's desk gets a grant from the real centre, INVITEs the
 * agent's softphone with it, and the agent's desk answers with both sides of its call mixed
 * (nothing comes back while the lead only listens). The lead hears it (inbound RTP counters rise, non-zero audio level); Esc stops; the
 * agent's call and recording go on. A second listen ends by itself when the customer hangs up.
 */
describe('team lead listens in to an agent’s live call', () => {
  let rig: CallRig;
  let desk: Page;
  let lead: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'listen', agent: 1002, customer: 2007, center: true });
    desk = rig.page;
    const leadSip = SIP_ACCOUNTS.agent(1003);
    ({ page: lead } = await rig.addDesk({
      HUIFANG_SIP_WS: rig.kamailio.wsUrl,
      HUIFANG_SIP_URI: `sip:${leadSip.user}@127.0.0.1`,
      HUIFANG_SIP_PASSWORD: leadSip.password,
      HUIFANG_SIP_ICE_GATHERING_MS: '50',
    }));
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const row = () => lead.locator('tr[data-staff="1001"]');
  const monitorState = () => lead.locator('.live-monitor[data-monitor]').getAttribute('data-monitor');
  const monitorText = async () => (await lead.getByRole('status', { name: '组长监听' }).textContent()) ?? '';

  it('L on the agent’s row: the lead hears the call, Esc stops, the agent’s call and recording carry on; the listen ends with the call', async () => {
    rig.artefacts('listen-in');
    await signIn(desk, '1001');
    await waitForQueue(desk, 0);
    await waitForRegistered(desk);
    await signIn(lead, '2001');
    await waitForRegistered(lead);
    await lead.keyboard.press('F10');
    await lead.getByRole('grid', { name: '坐席实时状态' }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await row().count()) > 0 && ((await row().textContent()) ?? '').includes('就绪'), { timeout: 10_000 }).toBe(true);
    // Not in a call: nothing to listen to.
    expect(await lead.getByRole('button', { name: /^监听/ }).count()).toBe(0);

    const [policyNo] = await queuePolicies(desk);
    await openCaseCorrectAndDial(desk, policyNo, rig.customerPhone);
    await expect.poll(async () => (await softphoneStatus(desk)).phase, { timeout: 15_000 }).toBe('established');
    await desk.locator('.recording-indicator [data-state="recording"]').waitFor({ timeout: 15_000 });
    const listenButton = lead.getByRole('button', { name: /^监听 1001/ });
    await listenButton.waitFor({ timeout: 10_000 });

    // Select the agent's row (in a call: first) and press L.
    await lead.keyboard.press('ArrowDown');
    await expect.poll(() => row().getAttribute('aria-selected')).toBe('true');
    const agentPcsBefore = await desk.evaluate(() => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length);
    await lead.keyboard.press('l');
    await expect.poll(monitorState, { timeout: 15_000 }).toBe('listening');
    expect(await monitorText()).toContain('监听中：1001');

    // The lead receives audio: counters rise and the level is not silence.
    const first = await inboundAudio(lead);
    await expect.poll(async () => (await inboundAudio(lead)).packets, { timeout: 10_000 }).toBeGreaterThan(first.packets + 50);
    await expect.poll(async () => (await inboundAudio(lead)).bytes, { timeout: 5_000 }).toBeGreaterThan(first.bytes);
    await expect.poll(async () => (await inboundAudio(lead)).energy, { timeout: 10_000 }).toBeGreaterThan(0);
    let loudest = 0;
    for (let i = 0; i < 20 && loudest === 0; i++) {
      loudest = Math.max(loudest, (await inboundAudio(lead)).audioLevel);
      await lead.waitForTimeout(250);
    }
    expect(loudest).toBeGreaterThan(0);
    const heard = await inboundAudio(lead);
    rig.log.push(`[listen-in] lead inbound: ${JSON.stringify(heard)} loudest=${loudest}`);
    console.log(
      `[listen-in e2e] lead inbound ${heard.packets} packets, ${heard.bytes} bytes, energy ${heard.energy.toFixed(4)}, loudest level ${loudest.toFixed(4)}`,
    );
    // The lead's leg can carry a whisper later (send-receive), but while listening nothing is on its
    // sender: the lead's microphone is not open and nothing goes into the agent's call.
    expect(await localDirection(lead)).toBe('sendrecv');
    expect(
      await lead.evaluate(() => {
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1);
        return pc?.getSenders().filter((s) => s.track !== null).length ?? -1;
      }),
    ).toBe(0);
    expect(await desk.evaluate(() => (window as unknown as { __peerConnections: unknown[] }).__peerConnections.length)).toBe(agentPcsBefore + 1);
    // Silent monitoring: the agent's desk shows nothing about it.
    expect(await desk.getByText(/监听/).count()).toBe(0);
    expect(await desk.locator('.coaching-banner').count()).toBe(0);

    // Esc stops listening (the board stays open).
    await lead.keyboard.press('Escape');
    await expect.poll(monitorState, { timeout: 5_000 }).toBe('idle');
    expect(await monitorText()).toContain('已停止监听');
    await lead.getByRole('grid', { name: '坐席实时状态' }).waitFor();

    // The agent's call is unaffected: still up, media both ways, recording still running.
    const agentCall = async () =>
      desk.evaluate(async () => {
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections[0];
        let received = 0;
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') received += Number(s.packetsReceived ?? 0);
        });
        return { received, ice: pc.iceConnectionState };
      });
    expect((await softphoneStatus(desk)).phase).toBe('established');
    const before = await agentCall();
    const customerBefore = await rig.customer.stats();
    await expect.poll(async () => (await agentCall()).received, { timeout: 5_000 }).toBeGreaterThan(before.received + 25);
    await expect.poll(async () => (await rig.customer.stats()).packetsReceived, { timeout: 5_000 }).toBeGreaterThan(customerBefore.packetsReceived + 25);
    expect(['connected', 'completed']).toContain((await agentCall()).ice);
    expect(await desk.locator('.recording-indicator [data-state="recording"]').count()).toBe(1);

    // Listen again; when the customer hangs up, the agent's desk ends the listen-in leg (BYE).
    await lead.keyboard.press('l');
    await expect.poll(monitorState, { timeout: 15_000 }).toBe('listening');
    await rig.customer.hangup();
    await expect.poll(monitorState, { timeout: 10_000 }).toBe('idle');
    expect(await monitorText()).toContain('坐席通话已结束');
    expect((await workstationStats(lead)).iceState).not.toBeNull();
  });
});
