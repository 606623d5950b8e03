import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { AGENT_SPEECH, makeSpeechWav, startCustomerUa, type CustomerUa } from './harness/customer-ua';
import { SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './harness/kamailio';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { openWorkstation, softphoneStatus } from './harness/workstation-page';

const CUSTOMER = SIP_ACCOUNTS.customer(2004);
const AGENT = SIP_ACCOUNTS.agent(1004);

/**
 * QA replay end to end (录音质检回放): agent 1001 makes a short real visit through Kamailio to a
 * customer user agent (second Chromium) and ends it as "busy"; then QA 3001 signs in on the same
 * web host, opens that session from the replay list, and the decrypted recording plays in a real
 * <audio> element; choosing the 3rd question moves the playhead to that question's offset.
 */
describe('QA replays a recorded visit (real call, real recording)', () => {
  let kamailio: RunningKamailio;
  let host: WebHostProcess;
  let customer: CustomerUa;
  let browser: Browser;
  let page: Page;
  const log: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huifang-qa-e2e-'));
    kamailio = await startKamailio();
    customer = await startCustomerUa({ wsUrl: kamailio.wsUrl, ...CUSTOMER, wav: makeSpeechWav(dir), mode: 'answer' });
    host = await startWebHostProcess({
      env: {
        HUIFANG_SIP_WS: kamailio.wsUrl,
        HUIFANG_SIP_URI: `sip:${AGENT.user}@127.0.0.1`,
        HUIFANG_SIP_PASSWORD: AGENT.password,
        HUIFANG_SIP_ICE_GATHERING_MS: '50',
      },
    });
    ({ browser, page } = await openWorkstation(host.url, log, makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent')));
  });

  afterAll(async () => {
    await browser?.close();
    await customer?.close();
    await host?.stop();
    await kamailio?.stop();
  });

  async function signIn(staffNo: string): Promise<void> {
    const form = page.getByRole('form', { name: '坐席登录' });
    await form.waitFor();
    await form.getByLabel('工号').fill(staffNo);
    await form.getByLabel('密码').fill('demo1234');
    await page.keyboard.press('Enter');
  }

  async function question(): Promise<string> {
    return (await page.getByRole('region', { name: '回访话术' }).getByRole('heading', { level: 3 }).first().textContent()) ?? '';
  }

  /** Presses keys on the script, then waits until the step changes or the script ends. */
  async function step(...keys: string[]): Promise<void> {
    const before = await question();
    for (const k of keys) await page.keyboard.press(k);
    await expect.poll(async () => (await question()) !== before || (await page.getByText(/话术已完成|通话已结束/).count()) > 0).toBe(true);
  }

  it('agent 1001 visits (ends busy), QA 3001 opens the session: audio plays, the 3rd question jumps to its offset', async () => {
    keepArtefactsOnFailure('qa-review', () => [page, customer.page], () => [...log, ...customer.log, ...host.log, ...kamailio.log.slice(-100)]);

    // --- The agent's visit: sign in, open the first case, correct the number to the customer's, dial.
    await signIn('1001');
    const queue = page.getByRole('listbox', { name: '待回访队列' });
    await expect.poll(() => queue.getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 20_000 }).toBe('registered');
    const policyNo = (await queue.getByRole('option').first().getAttribute('data-policy')) ?? '';
    expect(policyNo).not.toBe('');
    await page.keyboard.press('/');
    await page.keyboard.type(policyNo);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    await page.keyboard.press('c');
    await page.keyboard.type(CUSTOMER.user);
    await page.keyboard.press('Tab');
    await page.keyboard.type('测试：改为测试客户号码');
    await page.keyboard.press('Enter');
    await page.locator('form.correction').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.case-actions').getByRole('button', { name: /^拨打/ }).isEnabled()).toBe(true);
    await page.keyboard.press('d');
    await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 20_000 });

    // --- A few questions, a second or two apart, then the customer is busy (Alt+B).
    await page.waitForTimeout(1500);
    await step('1', 'Enter'); // identity: 是 → marker 1
    await step('Enter'); // greeting (statement, no marker)
    await page.waitForTimeout(1500);
    await page.keyboard.press('Alt+Q'); // consent: "what for?" (stays on the question) → marker 2
    await page.waitForTimeout(2000);
    await step('Alt+B'); // busy → marker 3, the script ends
    await page.waitForTimeout(1500); // the call goes on a moment: the 3rd marker is not at the recording's very end
    await page.keyboard.press('Enter'); // to the outcome
    await page.getByRole('region', { name: '回访结果确认' }).waitFor();
    await page.keyboard.press('Control+Enter');
    await queue.waitFor();

    // The session is closed and its recording finalised (the agent sees their own session).
    const closed = async () => {
      const list = await page.evaluate((caseId) => window.huifang.session.list({ caseId, limit: 10 }), policyNo);
      return list.ok ? (list.value.find((s) => s.state === 'closed' && s.recordingState === 'finalised') ?? null) : null;
    };
    await expect.poll(async () => (await closed())?.id ?? null, { timeout: 20_000 }).not.toBeNull();
    const sessionId = (await closed())!.id;

    // --- Sign out; QA 3001 signs in on the same host and lands on the replay screen.
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn('3001');
    await page.getByRole('heading', { name: '录音质检回放' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('listbox', { name: '待回访队列' }).count()).toBe(0);
    const row = page.getByRole('listbox', { name: '通话记录' }).locator(`[data-session="${sessionId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('1001');

    await page.keyboard.press('/');
    await page.keyboard.type(policyNo);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `通话回放 ${policyNo}` }).waitFor();

    // The recording loads into a real <audio> element with a real duration.
    const audio = page.locator('audio');
    await audio.waitFor({ timeout: 20_000 });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0)), { timeout: 15_000 }).toBeGreaterThan(1);

    // The question list matches the session's markers, measured from the recording start.
    const session = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), sessionId);
    if (!session.ok) throw new Error(session.error.message);
    const s: CallSession = session.value;
    const expected = [...s.markers].sort((a, b) => a.at - b.at).map((m) => m.at - s.recording.manifest!.startedAt);
    expect(expected).toHaveLength(3);
    const questions = page.getByRole('listbox', { name: '回访问题' }).getByRole('option');
    expect(await questions.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset-ms'))))).toEqual(expected.map((x) => Math.max(0, x)));
    expect(await questions.nth(2).textContent()).toContain('分支：正忙（预约回访）');

    // Choosing the 3rd question moves the playhead there (and plays).
    const third = Math.max(0, expected[2]!) / 1000;
    await page.keyboard.press('3');
    const at = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
    const duration = await audio.evaluate((el: HTMLAudioElement) => el.duration);
    log.push(`[qa-review] duration ${duration}s; 3rd question at ${third}s, currentTime ${at}s`);
    console.log(`[qa-review e2e] audio duration ${duration.toFixed(3)} s; offsets ${expected.map((x) => (x / 1000).toFixed(3)).join(', ')} s; after '3' currentTime ${at.toFixed(3)} s`);
    expect(Math.abs(at - third)).toBeLessThan(1);
    await expect.poll(() => questions.nth(2).getAttribute('aria-current')).toBe('true');

    // Every look was logged against QA 3001: the session view and the playback.
    const entries = readFileSync(path.join(host.dataDir, 'recording-access.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { who: string | null; action: string; sessionId: string; allowed: boolean });
    const byQa = entries.filter((e) => e.who === '3001' && e.sessionId === sessionId && e.allowed).map((e) => e.action);
    expect(byQa).toContain('view');
    expect(byQa).toContain('playback');
  });
});
