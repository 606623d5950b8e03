import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { bestLagCorrelation, decodeChannels, decryptFromDisk, envelope, findManifests, probeFile, rms } from '../main/services/recording/audio-analysis';
import { startCallRig, type CallRig } from './harness/call-rig';
import type { CustomerUa } from './harness/customer-ua';
import { dialFromPanel, signInIfAsked, softphoneStatus } from './harness/workstation-page';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Call recording end to end: Kamailio on loopback, the workstation (web host + Chromium, agent's
 * microphone = one espeak phrase) calls a customer UA (second Chromium, another phrase) that
 * answers and speaks. The recording is checked from the artefacts on disk.
 */
describe('call recording through a real call (Kamailio, two Chromiums, web host)', () => {
  let rig: CallRig;
  let page: Page;
  let customer: CustomerUa;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'rec', agent: 1003, customer: 2003, kamailioLogTail: 200 });
    ({ page, customer } = rig);
    await signInIfAsked(page);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function callAndWaitForRecording(): Promise<void> {
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 15_000 }).toBe('registered');
    await customer.setMode('answer');
    await dialFromPanel(page, '2003');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '录音中' }).count(), { timeout: 5000 }).toBe(1);
  }

  it('records the call automatically: encrypted, decodable stereo WebM with its real duration; agent left, customer right', async () => {
    rig.artefacts('recording-call');
    const before = findManifests(rig.host.dataDir).length;
    await callAndWaitForRecording();
    await sleep(9000);
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
    await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 10_000 }).toBe(before + 1);
    const manifest = findManifests(rig.host.dataDir).find((m) => !m.recovered)!;
    expect(manifest.recovered).toBe(false);

    const webm = await decryptFromDisk(rig.host.dataDir, manifest);
    const probe = probeFile(webm);
    expect(probe.codec).toBe('opus');
    expect(probe.channels).toBe(2);
    // Two uncoupled mono streams, agent then customer (RFC 7845 family 1; docs/decisions/0003): the
    // OpusHead in the track's CodecPrivate says 2 streams, 0 coupled, channel i from stream i.
    const head = webm.indexOf('OpusHead');
    expect(head).toBeGreaterThan(0);
    expect([...webm.subarray(head + 18, head + 23)]).toEqual([1, 2, 0, 0, 1]);
    expect((webm.length * 8) / manifest.durationMs).toBeLessThan(32); // kbit/s
    // The call's own times, as the session recorded them (answer → hang-up).
    const got: { s: CallSession | null } = { s: null };
    await expect
      .poll(
        async () => {
          const r = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), manifest.sessionId);
          got.s = r.ok ? r.value : null;
          return got.s?.endedAt ?? null;
        },
        { timeout: 5000 },
      )
      .not.toBeNull();
    const session = { value: got.s! };
    const callSeconds = (session.value.endedAt! - session.value.answeredAt!) / 1000;
    expect(session.value.sipCallId).toBeTruthy();
    expect(probe.duration).not.toBeNull();
    expect(Math.abs(probe.duration! - callSeconds)).toBeLessThan(0.5);

    // Per-channel energy: both channels carry speech, and each follows its own speaker's rhythm.
    const [left, right] = decodeChannels(webm, 2) as [Float32Array, Float32Array];
    expect(rms(left)).toBeGreaterThan(0.005);
    expect(rms(right)).toBeGreaterThan(0.005);
    const [agentSrc] = decodeChannels(rig.agentWav, 1) as [Float32Array];
    const [customerSrc] = decodeChannels(rig.customerWav, 1) as [Float32Array];
    const envL = envelope(left).slice(20); // skip the first second (AGC settling)
    const envR = envelope(right).slice(20);
    const envA = envelope(agentSrc);
    const envC = envelope(customerSrc);
    const lA = bestLagCorrelation(envL, envA);
    const lC = bestLagCorrelation(envL, envC);
    const rA = bestLagCorrelation(envR, envA);
    const rC = bestLagCorrelation(envR, envC);
    const summary = `duration ${probe.duration} s vs call ${callSeconds} s; rms L ${rms(left).toFixed(4)} R ${rms(right).toFixed(4)}; envelope corr L~agent ${lA.toFixed(2)} L~customer ${lC.toFixed(2)} R~agent ${rA.toFixed(2)} R~customer ${rC.toFixed(2)}`;
    rig.log.push(`[recording] ${summary}`);
    console.log(`[recording e2e] ${summary}`);
    expect(lA).toBeGreaterThan(lC + 0.3);
    expect(rC).toBeGreaterThan(rA + 0.3);

    // The recorder's waveform for QA's player (recordingPeaksSchema): a byte per 250 ms of each side,
    // covering the recording, and loud where the decoded channel is loud.
    const peaks = manifest.peaks!;
    expect(peaks.bucketMs).toBe(250);
    const agentPeaks = [...Buffer.from(peaks.agent, 'base64')];
    const customerPeaks = [...Buffer.from(peaks.customer, 'base64')];
    expect(Math.abs(agentPeaks.length - manifest.durationMs / 250)).toBeLessThan(8);
    expect(customerPeaks.length).toBe(agentPeaks.length);
    const loudest = (xs: Float32Array) =>
      Math.round(
        Math.min(
          1,
          xs.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
        ) * 255,
      );
    expect(Math.abs(Math.max(...agentPeaks) - loudest(left))).toBeLessThan(40);
    expect(Math.abs(Math.max(...customerPeaks) - loudest(right))).toBeLessThan(40);
  });

  it('several calls in a row on one desk: every recording is complete from its first second (no gap at the start of later calls)', async () => {
    rig.artefacts('recording-consecutive');
    const beforeIds = findManifests(rig.host.dataDir).map((m) => m.sessionId);
    const before = beforeIds.length;
    for (let i = 1; i <= 3; i++) {
      await callAndWaitForRecording();
      await sleep(2500);
      await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
      await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 10_000 }).toBe(before + i);
    }
    const seen = new Set(beforeIds);
    const fresh = findManifests(rig.host.dataDir).filter((m) => !seen.has(m.sessionId));
    const gaps = fresh.map((m) => m.gaps);
    rig.log.push(`[recording] consecutive: ${fresh.map((m) => `${m.durationMs} ms, ${m.chunksReceived} chunks, gaps ${JSON.stringify(m.gaps)}`).join('; ')}`);
    expect(gaps).toEqual([[], [], []]);
  });

  it('killing the host (SIGKILL) mid-recording: the restarted host recovers the recording with ≤ 1 s lost', async () => {
    rig.artefacts('recording-crash');
    const known = new Set(findManifests(rig.host.dataDir).map((m) => m.sessionId));
    await callAndWaitForRecording();
    await sleep(6000);
    const killedAt = Date.now();
    const { child } = rig.host;
    child.kill('SIGKILL');
    await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
    await customer.hangup().catch(() => undefined);
    expect(findManifests(rig.host.dataDir).filter((m) => !known.has(m.sessionId))).toHaveLength(0); // not finalised: it crashed

    const { dataDir } = await rig.relaunchHost();
    const recovered = findManifests(dataDir).filter((m) => !known.has(m.sessionId));
    expect(recovered).toHaveLength(1);
    const manifest = recovered[0]!;
    expect(manifest.recovered).toBe(true);
    const webm = await decryptFromDisk(dataDir, manifest);
    const probe = probeFile(webm);
    expect(probe.channels).toBe(2);
    const recordedUntilKill = (killedAt - manifest.startedAt) / 1000;
    const lost = recordedUntilKill - probe.duration!;
    rig.log.push(`[recording] crash: recorded ${probe.duration}s of ${recordedUntilKill}s → lost ${lost}s`);
    console.log(`[recording e2e] crash recovery lost ${lost.toFixed(3)} s (recorded ${probe.duration} s of ${recordedUntilKill.toFixed(3)} s)`);
    expect(lost).toBeLessThanOrEqual(1.0);
    expect(lost).toBeGreaterThan(-0.2);

    // The restarted host reports the session as recovered through the IPC contract.
    await page.goto(rig.host.url);
    // Sessions are shown to someone signed in only (the agent sees their own): sign in again.
    await page.getByRole('form', { name: '坐席登录' }).waitFor();
    await signInIfAsked(page);
    const session = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), manifest.sessionId);
    expect(session).toMatchObject({ ok: true, value: { recording: { state: 'finalised', recovered: true } } });
  });
});
