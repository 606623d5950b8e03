import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { bestLagCorrelation, decodeChannels, decryptFromDisk, envelope, findManifests, probeFile, rms } from '../main/recording/audio-analysis';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { AGENT_SPEECH, makeSpeechWav, startCustomerUa, type CustomerUa } from './harness/customer-ua';
import { SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './harness/kamailio';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { dialFromPanel, openWorkstation, signInIfAsked, softphoneStatus } from './harness/workstation-page';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Call recording end to end: Kamailio on loopback, the workstation (web host + Chromium, agent's
 * microphone = one espeak phrase) calls a customer UA (second Chromium, another phrase) that
 * answers and speaks. The recording is checked from the artefacts on disk.
 */
describe('call recording through a real call (Kamailio, two Chromiums, web host)', () => {
  let kamailio: RunningKamailio;
  let host: WebHostProcess;
  let customer: CustomerUa;
  let browser: Browser;
  let page: Page;
  let agentWav: string;
  let customerWav: string;
  let hostEnv: Record<string, string>;
  const log: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huifang-rec-e2e-'));
    customerWav = makeSpeechWav(dir);
    agentWav = makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent');
    kamailio = await startKamailio();
    customer = await startCustomerUa({ wsUrl: kamailio.wsUrl, ...SIP_ACCOUNTS.customer(2003), wav: customerWav, mode: 'answer' });
    const agent = SIP_ACCOUNTS.agent(1003);
    hostEnv = {
      HUIFANG_SIP_WS: kamailio.wsUrl,
      HUIFANG_SIP_URI: `sip:${agent.user}@127.0.0.1`,
      HUIFANG_SIP_PASSWORD: agent.password,
      HUIFANG_SIP_ICE_GATHERING_MS: '50',
    };
    host = await startWebHostProcess({ env: hostEnv });
    ({ browser, page } = await openWorkstation(host.url, log, agentWav));
    await signInIfAsked(page);
  });

  afterAll(async () => {
    await browser?.close();
    await customer?.close();
    await host?.stop();
    await kamailio?.stop();
  });

  const artefacts = (name: string) =>
    keepArtefactsOnFailure(name, () => [page, customer.page], () => [...log, ...customer.log, ...host.log, ...kamailio.log.slice(-200)]);

  async function callAndWaitForRecording(): Promise<void> {
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 15_000 }).toBe('registered');
    await customer.setMode('answer');
    await dialFromPanel(page, '2003');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '录音中' }).count(), { timeout: 5000 }).toBe(1);
  }

  it('records the call automatically: encrypted, decodable stereo WebM with its real duration; agent left, customer right', async () => {
    artefacts('recording-call');
    const before = findManifests(host.dataDir).length;
    await callAndWaitForRecording();
    await sleep(9000);
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
    await expect.poll(() => findManifests(host.dataDir).length, { timeout: 10_000 }).toBe(before + 1);
    const manifest = findManifests(host.dataDir).find((m) => !m.recovered)!;
    expect(manifest.recovered).toBe(false);

    const webm = await decryptFromDisk(host.dataDir, manifest);
    const probe = probeFile(webm);
    expect(probe.codec).toBe('opus');
    expect(probe.channels).toBe(2);
    // The call's own times, as the session recorded them (answer → hang-up).
    const got: { s: CallSession | null } = { s: null };
    await expect
      .poll(async () => {
        const r = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), manifest.sessionId);
        got.s = r.ok ? r.value : null;
        return got.s?.endedAt ?? null;
      }, { timeout: 5000 })
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
    const [agentSrc] = decodeChannels(agentWav, 1) as [Float32Array];
    const [customerSrc] = decodeChannels(customerWav, 1) as [Float32Array];
    const envL = envelope(left).slice(20); // skip the first second (AGC settling)
    const envR = envelope(right).slice(20);
    const envA = envelope(agentSrc);
    const envC = envelope(customerSrc);
    const lA = bestLagCorrelation(envL, envA);
    const lC = bestLagCorrelation(envL, envC);
    const rA = bestLagCorrelation(envR, envA);
    const rC = bestLagCorrelation(envR, envC);
    const summary = `duration ${probe.duration} s vs call ${callSeconds} s; rms L ${rms(left).toFixed(4)} R ${rms(right).toFixed(4)}; envelope corr L~agent ${lA.toFixed(2)} L~customer ${lC.toFixed(2)} R~agent ${rA.toFixed(2)} R~customer ${rC.toFixed(2)}`;
    log.push(`[recording] ${summary}`);
    console.log(`[recording e2e] ${summary}`);
    expect(lA).toBeGreaterThan(lC + 0.3);
    expect(rC).toBeGreaterThan(rA + 0.3);
  });

  it('killing the host (SIGKILL) mid-recording: the restarted host recovers the recording with ≤ 1 s lost', async () => {
    artefacts('recording-crash');
    const known = new Set(findManifests(host.dataDir).map((m) => m.sessionId));
    await callAndWaitForRecording();
    await sleep(6000);
    const killedAt = Date.now();
    host.child.kill('SIGKILL');
    await new Promise<void>((r) => (host.child.exitCode !== null || host.child.signalCode !== null ? r() : host.child.once('exit', () => r())));
    await customer.hangup().catch(() => undefined);
    expect(findManifests(host.dataDir).filter((m) => !known.has(m.sessionId))).toHaveLength(0); // not finalised: it crashed

    const dataDir = host.dataDir;
    host = await startWebHostProcess({ dataDir, env: hostEnv });
    const recovered = findManifests(dataDir).filter((m) => !known.has(m.sessionId));
    expect(recovered).toHaveLength(1);
    const manifest = recovered[0]!;
    expect(manifest.recovered).toBe(true);
    const webm = await decryptFromDisk(dataDir, manifest);
    const probe = probeFile(webm);
    expect(probe.channels).toBe(2);
    const recordedUntilKill = (killedAt - manifest.startedAt) / 1000;
    const lost = recordedUntilKill - probe.duration!;
    log.push(`[recording] crash: recorded ${probe.duration}s of ${recordedUntilKill}s → lost ${lost}s`);
    console.log(`[recording e2e] crash recovery lost ${lost.toFixed(3)} s (recorded ${probe.duration} s of ${recordedUntilKill.toFixed(3)} s)`);
    expect(lost).toBeLessThanOrEqual(1.0);
    expect(lost).toBeGreaterThan(-0.2);

    // The restarted host reports the session as recovered through the IPC contract.
    await page.goto(host.url);
    // Sessions are shown to someone signed in only (the agent sees their own): sign in again.
    await page.getByRole('form', { name: '坐席登录' }).waitFor();
    await signInIfAsked(page);
    const session = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), manifest.sessionId);
    expect(session).toMatchObject({ ok: true, value: { recording: { state: 'finalised', recovered: true } } });
  });
});
