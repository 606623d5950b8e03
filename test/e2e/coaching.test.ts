import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeChannels, decryptFromDisk, findManifests } from '../main/services/recording/audio-analysis';
import { startCallRig, type CallRig } from './harness/call-rig';
import pg from 'pg';
import { centerSend, startCenterProcess } from './harness/center-process';
import type { ListeningProcess } from './harness/listening-process';
import { openCaseCorrectAndDial, queuePolicies, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';
import { SIP_ACCOUNTS } from './harness/kamailio';
import { capturePeerConnections, receivedTones, toneTrack, toneWav } from './harness/tone-meter';
import { softphoneStatus } from './harness/workstation-page';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Each party speaks its own tone, so what a party receives can be told apart by frequency. */
const HZ = { customer: 520, agent: 830, lead: 1330 } as const;
const FREQS = [HZ.customer, HZ.agent, HZ.lead];
/** Window of each level measurement (ms): several tone bursts. */
const MEASURE_MS = 2500;

/**
 * Coaching (耳语 / 强插, shared/sync/monitor.ts, README "Team-lead coaching") with real parts:
 * Kamailio, the real centre, three Chromium parties each speaking its own tone — the customer
 * (520 Hz), agent 1001 on desk SIP 1002 (830 Hz) and team lead 2001 on desk SIP 1003 (1330 Hz).
 * The lead listens (L), whispers (W), barges (B) and steps back (L) from the live board. The
 * customer's received audio carries the lead's tone only during barge; the agent's desk receives
 * the lead in whisper and barge and plays it (unmuted) only then; the recording's agent channel
 * holds the lead during barge only. A second lead's barge is refused while the first barges.
 * With PostgreSQL (HUIFANG_TEST_PG_URL, as in CI) there are two centre processes on one schema
 * (center/README.md "Live board"): the agent's desk talks to the first, the lead's desk to the
 * second, and the second lead asks the lead's centre while the barge was taken at the agent's.
 */
describe('team lead whispers to and barges into an agent’s live call', () => {
  let rig: CallRig;
  let desk: Page;
  let lead: Page;
  const pgUrl = process.env.HUIFANG_TEST_PG_URL;
  const schema = `e2e_coaching_${process.pid}_${Date.now().toString(36)}`;
  /** The lead's centre: a second process over the same PostgreSQL schema, or the rig's own centre. */
  let leadCentre: ListeningProcess | undefined;
  const leadCentreUrl = () => (leadCentre ?? rig.center!).url;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huifang-coaching-tones-'));
    rig = await startCallRig({
      name: 'coaching',
      agent: 1002,
      customer: 2008,
      center: pgUrl ? { url: pgUrl, schema, demo: true } : true,
      agentWav: toneWav(dir, 'agent', HZ.agent),
      customerWav: toneWav(dir, 'customer', HZ.customer),
      kamailioPort: 42700 + Math.floor(Math.random() * 90),
    });
    desk = rig.page;
    if (pgUrl) leadCentre = await startCenterProcess({ url: pgUrl, schema, demo: false, name: 'centre-b' });
    const leadSip = SIP_ACCOUNTS.agent(1003);
    ({ page: lead } = await rig.addDesk(
      {
        HUIFANG_CENTER_URL: leadCentreUrl(),
        HUIFANG_SIP_WS: rig.kamailio.wsUrl,
        HUIFANG_SIP_URI: `sip:${leadSip.user}@127.0.0.1`,
        HUIFANG_SIP_PASSWORD: leadSip.password,
        HUIFANG_SIP_ICE_GATHERING_MS: '50',
      },
      toneWav(dir, 'lead', HZ.lead),
    ));
  });

  afterAll(async () => {
    if (leadCentre) rig?.log.push(...leadCentre.log);
    await rig?.stop();
    await leadCentre?.stop();
    if (!pgUrl) return;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });

  const monitorMode = () => lead.locator('.live-monitor[data-monitor]').getAttribute('data-mode');
  const coaching = () =>
    desk
      .locator('.coaching-banner')
      .getAttribute('data-coaching')
      .catch(() => null);
  const leadAudioMuted = () => desk.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-monitor-audio="lead"]')?.muted ?? null);
  /** [customer, agent, lead] tone levels the customer receives. */
  const atCustomer = () => receivedTones(rig.customer.page, '__tonePcs', -1, FREQS, MEASURE_MS);
  /** [customer, agent, lead] tone levels the agent's desk receives on the lead's leg. */
  const atAgentFromLead = () => receivedTones(desk, '__peerConnections', -1, FREQS, MEASURE_MS);
  const fmt = (l: number[]) => l.map((v) => v.toFixed(1)).join('/');

  it('whisper reaches the agent only, barge reaches both parties and the recording; a second lead cannot barge in', async () => {
    rig.artefacts('coaching');
    await capturePeerConnections(rig.customer.page);
    await signIn(desk, '1001');
    await waitForQueue(desk, 0);
    await waitForRegistered(desk);
    await signIn(lead, '2001');
    await waitForRegistered(lead);
    await lead.keyboard.press('F10');
    await lead.getByRole('grid', { name: '坐席实时状态' }).waitFor({ timeout: 15_000 });

    const [policyNo] = await queuePolicies(desk);
    await openCaseCorrectAndDial(desk, policyNo, rig.customerPhone);
    await expect.poll(async () => (await softphoneStatus(desk)).phase, { timeout: 15_000 }).toBe('established');
    await desk.locator('.recording-indicator [data-state="recording"]').waitFor({ timeout: 15_000 });
    await lead.getByRole('button', { name: /^监听 1001/ }).waitFor({ timeout: 10_000 });
    await lead.keyboard.press('ArrowDown');
    await lead.keyboard.press('l');
    await expect.poll(monitorMode, { timeout: 15_000 }).toBe('listen');

    // Listen: nothing of the lead anywhere; the agent's screen shows nothing.
    const listenCustomer = await atCustomer();
    const listenAgent = await atAgentFromLead();
    expect(await desk.locator('.coaching-banner').count()).toBe(0);

    // Whisper (W): the agent hears the lead; the customer does not.
    const whisperAt = Date.now();
    await lead.keyboard.press('w');
    await expect.poll(monitorMode, { timeout: 10_000 }).toBe('whisper');
    await expect.poll(coaching, { timeout: 5_000 }).toBe('whisper');
    expect(await desk.getByRole('status', { name: '班长辅导' }).textContent()).toContain('耳语');
    expect(await leadAudioMuted()).toBe(false);
    const whisperCustomer = await atCustomer();
    const whisperAgent = await atAgentFromLead();

    // Barge (B): both hear the lead.
    const bargeAt = Date.now();
    await lead.keyboard.press('b');
    await expect.poll(monitorMode, { timeout: 10_000 }).toBe('barge');
    await expect.poll(coaching, { timeout: 5_000 }).toBe('barge');
    const bargeCustomer = await atCustomer();
    const bargeAgent = await atAgentFromLead();

    // A second lead (the admin) barging into the same call: refused with the reason, call untouched.
    const second = await centerSend(leadCentreUrl(), '9001', 'POST', '/api/team/monitor', { staffNo: '1001', mode: 'barge' }).then(
      () => 'granted',
      (e: Error) => e.message,
    );
    expect(second).toMatch(/409.*2001/);
    expect((await softphoneStatus(desk)).phase).toBe('established');

    // Back to listen (L): the lead leaves the customer leg and the agent's ear.
    const listenAgainAt = Date.now();
    await lead.keyboard.press('l');
    await expect.poll(monitorMode, { timeout: 10_000 }).toBe('listen');
    await expect.poll(() => desk.locator('.coaching-banner').count(), { timeout: 5_000 }).toBe(0);
    const afterCustomer = await atCustomer();

    const summary =
      `customer hears [cust/agent/lead dB] listen ${fmt(listenCustomer)} whisper ${fmt(whisperCustomer)} barge ${fmt(bargeCustomer)} after ${fmt(afterCustomer)}; ` +
      `agent hears on the lead's leg listen ${fmt(listenAgent)} whisper ${fmt(whisperAgent)} barge ${fmt(bargeAgent)}`;
    rig.log.push(`[coaching] ${summary}`);
    console.log(`[coaching e2e] ${summary}`);
    const [, agentTone, leadTone] = [0, 1, 2];
    // The customer hears the agent throughout, and the lead only while barging.
    for (const l of [listenCustomer, whisperCustomer, bargeCustomer, afterCustomer]) expect(l[agentTone]).toBeGreaterThan(-60);
    expect(bargeCustomer[leadTone]).toBeGreaterThan(-60);
    for (const l of [listenCustomer, whisperCustomer, afterCustomer]) expect(l[leadTone]).toBeLessThan(bargeCustomer[leadTone] - 20);
    // The agent's desk receives the lead in whisper and barge (nothing while listening: the mic is closed).
    expect(whisperAgent[leadTone]).toBeGreaterThan(-60);
    expect(bargeAgent[leadTone]).toBeGreaterThan(-60);
    expect(listenAgent[leadTone]).toBeLessThan(whisperAgent[leadTone] - 20);

    // The recording: the lead's tone on the agent channel (left) during barge only.
    const before = findManifests(rig.host.dataDir).length;
    const endAt = Date.now();
    await rig.customer.hangup();
    await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 15_000 }).toBe(before + 1);
    const manifest = findManifests(rig.host.dataDir).at(-1)!;
    const [left, right] = decodeChannels(await decryptFromDisk(rig.host.dataDir, manifest), 2) as [Float32Array, Float32Array];
    const leftLead = toneTrack(left, HZ.lead, 100, 16000);
    const rightLead = toneTrack(right, HZ.lead, 100, 16000);
    const leftAgent = toneTrack(left, HZ.agent, 100, 16000);
    const loud = Math.max(...leftAgent) - 30;
    const leadWindows = leftLead.map((v, i) => (v > loud ? i : -1)).filter((i) => i >= 0);
    // Windows are 100 ms from the recording's start (≈ call answer); place the barge by the test's clock from the end.
    const total = leftLead.length;
    const fromEnd = (t: number) => total - Math.round((endAt - t) / 100);
    const bargeFrom = fromEnd(bargeAt);
    const bargeTo = fromEnd(listenAgainAt);
    const outside = leadWindows.filter((i) => i < bargeFrom - 10 || i > bargeTo + 15);
    rig.log.push(
      `[coaching] recording: lead windows ${leadWindows.length}, barge ${bargeFrom}-${bargeTo} of ${total}, outside ${outside.length}, whisper from ${fromEnd(whisperAt)}`,
    );
    console.log(
      `[coaching e2e] recording lead-tone windows ${leadWindows.length} (barge window ${bargeFrom}-${bargeTo} of ${total}); outside barge ${outside.length}`,
    );
    expect(leadWindows.filter((i) => i >= bargeFrom && i <= bargeTo + 15).length).toBeGreaterThan(10);
    expect(outside.length).toBeLessThanOrEqual(2);
    expect(rightLead.filter((v) => v > loud).length).toBeLessThanOrEqual(2); // never on the customer's channel
  });
});
