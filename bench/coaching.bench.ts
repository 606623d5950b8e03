import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startCallRig } from '../test/e2e/harness/call-rig';
import { signIn } from '../test/e2e/harness/desk-steps';
import { SIP_ACCOUNTS } from '../test/e2e/harness/kamailio';
import { toneWav } from '../test/e2e/harness/tone-meter';
import { dialFromPanel } from '../test/e2e/harness/workstation-page';
import { median, spread } from './lib/stats';
import type { Report } from './run';

const ROUNDS = 7;
const LEAD_HZ = 1330;

/**
 * Resolves (in the agent's page) with Date.now() when the lead's tone first arrives on the newest
 * peer connection (the lead's leg) above −40 dBFS: an analyser on the receiver track, polled every
 * 5 ms, so the figure is arrival on the agent's desk, before the speaker.
 */
function leadHeard(desk: Page): Promise<number> {
  return desk.evaluate(async (hz) => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)!;
    const track = pc.getReceivers().find((r) => r.track.kind === 'audio')!.track;
    const stream = new MediaStream([track]);
    const ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0;
    ctx.createMediaStreamSource(stream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const bin = Math.round(hz / (ctx.sampleRate / analyser.fftSize));
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      analyser.getFloatFrequencyData(bins);
      if (Math.max(bins[bin - 1]!, bins[bin]!, bins[bin + 1]!) > -40) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const at = Date.now();
    await ctx.close();
    return at;
  }, LEAD_HZ);
}

/**
 * `whisper.switch_ms`: a lead listening in presses W → the agent's desk receives the lead's voice
 * (real Kamailio, real centre, three Chromium parties; the lead speaks a 1330 Hz tone in bursts,
 * so a round's figure includes up to 0.2 s of a burst gap). It covers the grant request to the
 * centre, the INFO to the agent's desk, its verification at the centre, opening the lead's
 * microphone and the media path. Baseline `whisper.media_baseline_ms`: the same leg, the lead's
 * microphone track put on the sender directly (no grant, no INFO, no verification) → the agent
 * receives it; `whisper.switch_ratio` = switch / baseline (the price of the grant model).
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
    await dialFromPanel(desk, rig.customerPhone);
    await desk.locator('[data-phase="established"]').waitFor({ timeout: 20_000 });
    await lead.getByRole('button', { name: /^监听 1001/ }).waitFor({ timeout: 20_000 });
    await lead.keyboard.press('ArrowDown');
    await lead.keyboard.press('l');
    const mode = (m: string) => lead.locator(`.live-monitor[data-mode="${m}"]`).waitFor({ timeout: 15_000 });
    await mode('listen');

    const switches: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await lead.waitForTimeout(800);
      const heard = leadHeard(desk);
      await lead.waitForTimeout(100); // the analyser is up before the key
      const pressed = Date.now();
      await lead.keyboard.press('w');
      switches.push((await heard) - pressed);
      await mode('whisper');
      await lead.keyboard.press('l');
      await mode('listen');

      await lead.waitForTimeout(800);
      const heardBase = leadHeard(desk);
      await lead.waitForTimeout(100);
      const start = await lead.evaluate(async () => {
        const mic = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0]!;
        (window as unknown as { __benchMic: MediaStreamTrack }).__benchMic = mic;
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)!;
        const at = Date.now();
        await pc
          .getTransceivers()
          .find((t) => t.receiver.track.kind === 'audio')!
          .sender.replaceTrack(mic);
        return at;
      });
      baselines.push((await heardBase) - start);
      await lead.evaluate(async () => {
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)!;
        await pc
          .getTransceivers()
          .find((t) => t.receiver.track.kind === 'audio')!
          .sender.replaceTrack(null);
        (window as unknown as { __benchMic: MediaStreamTrack }).__benchMic.stop();
      });
    }
    report('whisper.switch_ms', median(switches), 'ms', spread(switches));
    report('whisper.media_baseline_ms', median(baselines), 'ms', spread(baselines));
    report('whisper.switch_ratio', median(switches) / median(baselines), 'ratio');
  } finally {
    await rig.stop();
  }
}
