import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startCallRig } from '../test/e2e/harness/call-rig';
import { queuePolicies, signIn } from '../test/e2e/harness/desk-steps';
import { customerPhone, SIP_ACCOUNTS } from '../test/e2e/harness/kamailio';
import { startSipPeer } from '../test/e2e/harness/sip-peer';
import { toneWav } from '../test/e2e/harness/tone-meter';
import { median, ratioSpread, spread } from './lib/stats';
import type { Report } from './run';

const ROUNDS = 7;
const LEAD_HZ = 1330;

/**
 * Resolves (in the agent's page) with Date.now() when the agent starts hearing the lead: the desk's
 * audio element for the lead's leg is unmuted (it is muted while the lead only listens; the lead's
 * media may reach the desk before that, so arrival at the receiver would not say the agent hears
 * it), polled every 5 ms.
 */
function leadAudible(desk: Page): Promise<number> {
  return desk.evaluate(async () => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const el = document.querySelector<HTMLAudioElement>('audio[data-monitor-audio="lead"]');
      if (el && !el.muted && !el.paused) return Date.now();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('the lead was not audible at the desk within 15 s');
  });
}

/**
 * Resolves (in `page`) with Date.now() when the first audio RTP packet arrives on a peer connection
 * created after the first `known` ones: getStats polled every 5 ms.
 */
function firstPacket(page: Page, known: number): Promise<number> {
  return page.evaluate(async (n) => {
    const list = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      for (const pc of list.slice(n)) {
        const stats = await pc.getStats();
        for (const r of stats.values())
          if (r.type === 'inbound-rtp' && r.kind === 'audio' && (r as { packetsReceived?: number }).packetsReceived) return Date.now();
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no audio packet within 20 s');
  }, known);
}

/**
 * The agent opens the first case of the queue, corrects its number to the test customer's and dials
 * it, by keyboard (the e2e tests' steps, with locator waits: benches run outside vitest).
 */
async function callFromCase(desk: Page, number: string): Promise<void> {
  await desk.getByRole('listbox', { name: '待回访队列' }).getByRole('option').first().waitFor({ timeout: 30_000 });
  const [policyNo] = await queuePolicies(desk);
  await desk.keyboard.press('/');
  await desk.keyboard.type(policyNo!);
  await desk.keyboard.press('Enter');
  await desk.keyboard.press('Enter');
  await desk.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
  await desk.keyboard.press('c');
  await desk.keyboard.type(number);
  await desk.keyboard.press('Tab');
  await desk.keyboard.type('基准测试：改为测试客户号码');
  await desk.keyboard.press('Enter');
  await desk.locator('form.correction').waitFor({ state: 'detached' });
  await desk.waitForFunction(() =>
    [...document.querySelectorAll<HTMLButtonElement>('.case-actions button')].some((b) => b.textContent?.startsWith('拨打') && !b.disabled),
  );
  await desk.keyboard.press('d');
}

const peerCount = (page: Page) => page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.length);

/**
 * `whisper.switch_ms`: a lead listening in presses W → the agent's desk plays the lead's voice
 * (real Kamailio, real centre, three Chromium parties): the grant request to the centre, the INFO to
 * the agent's desk, its verification at the centre, and the desk unmuting the lead's leg.
 * `whisper.switch_ratio`: over `monitor.call_baseline_ms` below (a plain SIP call answered, in the
 * same run), for want of a bare switch to compare with.
 *
 * `monitor.setup_ms`: the lead, not listening, presses L → the first audio packet of the agent's call
 * arrives at the lead (grant from the centre, the lead's INVITE through Kamailio, the desk's grant
 * check at the centre, its answer, ICE and media). Baseline `monitor.call_baseline_ms`: the same
 * lead's softphone dials an auto-answering SIP phone (baresip) through the same Kamailio → the call
 * answered (通话中): a plain call with no grant. Measured to the answer, not to the first packet,
 * because media between Chromium and baresip does not flow on this loopback set-up, so the ratio
 * `monitor.setup_ratio` = setup / baseline also carries ICE and the first packet.
 */
export default async function coachingBench(report: Report): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-coaching-'));
  const rig = await startCallRig({ name: 'bench-coaching', agent: 1002, customer: 2008, center: true, kamailioPort: 42790 });
  try {
    const leadSip = SIP_ACCOUNTS.agent(1003);
    const { page: lead } = await rig.addDesk(
      {
        HUIFANG_SIP_WS: rig.kamailio.wsUrl,
        HUIFANG_SIP_URI: `sip:${leadSip.user}@127.0.0.1`,
        HUIFANG_SIP_PASSWORD: leadSip.password,
        HUIFANG_SIP_ICE_GATHERING_MS: '50',
      },
      toneWav(dir, 'lead', LEAD_HZ),
    );
    const desk = rig.page;
    // Locator waits, not the tests' expect.poll (benches run outside vitest).
    const registered = (p: Page) => p.locator('[data-registration="registered"]').waitFor({ timeout: 30_000 });
    await signIn(desk, '1001');
    await registered(desk);
    await signIn(lead, '2001');
    await registered(lead);
    await lead.keyboard.press('F10');
    await lead.getByRole('grid', { name: '坐席实时状态' }).waitFor({ timeout: 15_000 });
    // From a case, as an agent works: the board offers listen-in only to an agent in a call (通话中).
    await callFromCase(desk, rig.customerPhone);
    await desk.locator('[data-phase="established"]').waitFor({ timeout: 20_000 });
    await lead.getByRole('button', { name: /^监听 1001/ }).waitFor({ timeout: 20_000 });
    await lead.keyboard.press('ArrowDown');
    await lead.keyboard.press('l');
    const mode = (m: string) => lead.locator(`.live-monitor[data-mode="${m}"]`).waitFor({ timeout: 15_000 });
    await mode('listen');

    const switches: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await lead.waitForTimeout(800);
      const heard = leadAudible(desk);
      await lead.waitForTimeout(100); // the poll is running before the key
      const pressed = Date.now();
      await lead.keyboard.press('w');
      switches.push((await heard) - pressed);
      await mode('whisper');
      await lead.keyboard.press('l');
      await mode('listen');
    }
    const setups: number[] = [];
    const plainCalls: number[] = [];
    const phone = await startSipPeer({ proxyPort: rig.kamailio.port, ...SIP_ACCOUNTS.customer(2009), wav: toneWav(dir, 'far-end', 700) });
    try {
      const leadPanel = lead.getByRole('region', { name: '软电话' });
      for (let i = 0; i < ROUNDS; i++) {
        await lead.keyboard.press('Escape'); // stops the listen-in (the board stays)
        await lead.locator('.live-monitor[data-mode]').waitFor({ state: 'detached', timeout: 15_000 });
        await lead.waitForTimeout(500);
        const arrived = firstPacket(lead, await peerCount(lead));
        let pressed = Date.now();
        await lead.keyboard.press('l');
        setups.push((await arrived) - pressed);
        await mode('listen');

        await lead.keyboard.press('Escape');
        await lead.locator('.live-monitor[data-mode]').waitFor({ state: 'detached', timeout: 15_000 });
        await lead.waitForTimeout(500);
        await leadPanel.getByLabel('电话号码').fill(customerPhone(SIP_ACCOUNTS.customer(2009).user));
        pressed = Date.now();
        await leadPanel.getByRole('button', { name: '拨打' }).click();
        await lead.locator('[data-phase="established"]').waitFor({ timeout: 20_000 });
        plainCalls.push(Date.now() - pressed);
        await leadPanel.getByRole('button', { name: '挂断' }).click();
        await lead.locator('[data-phase="idle"]').waitFor({ timeout: 15_000 });
        // The board stays open through the lead's own call (its row selection too); back to listening.
        const board = lead.getByRole('grid', { name: '坐席实时状态' });
        if (!(await board.isVisible())) {
          await lead.keyboard.press('F10');
          await board.waitFor({ timeout: 15_000 });
          await lead.keyboard.press('ArrowDown');
        }
        await lead.keyboard.press('l');
        await mode('listen');
      }
    } finally {
      await phone.stop();
    }
    report('monitor.setup_ms', median(setups), 'ms', spread(setups));
    report('monitor.call_baseline_ms', median(plainCalls), 'ms', spread(plainCalls));
    report('monitor.setup_ratio', median(setups) / median(plainCalls), 'ratio', ratioSpread(setups, plainCalls));
    report('whisper.switch_ms', median(switches), 'ms', spread(switches));
    report('whisper.switch_ratio', median(switches) / median(plainCalls), 'ratio', ratioSpread(switches, plainCalls));
  } finally {
    await rig.stop();
  }
}
