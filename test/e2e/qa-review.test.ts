import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { startCallRig, type CallRig } from './harness/call-rig';
import { openCaseCorrectAndDial, scriptStep, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';

/**
 * QA replay end to end (录音质检回放): agent 1001 makes a short real visit through Kamailio to a
 * customer user agent (second Chromium) and ends it as "busy"; then QA 3001 signs in on the same
 * web host, opens that session from the replay list, and the decrypted recording plays in a real
 * <audio> element; choosing the 3rd question moves the playhead to that question's offset.
 */
describe('QA replays a recorded visit (real call, real recording)', () => {
  let rig: CallRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'qa', agent: 1004, customer: 2004 });
    page = rig.page;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('agent 1001 visits (ends busy), QA 3001 opens the session: audio plays, the 3rd question jumps to its offset', async () => {
    rig.artefacts('qa-review');

    // --- The agent's visit: sign in, open the first case, correct the number to the customer's, dial.
    await signIn(page, '1001');
    await waitForQueue(page, 2);
    await waitForRegistered(page);
    const queue = page.getByRole('listbox', { name: '待回访队列' });
    const policyNo = (await queue.getByRole('option').first().getAttribute('data-policy')) ?? '';
    expect(policyNo).not.toBe('');
    await openCaseCorrectAndDial(page, policyNo, rig.customerPhone);

    // --- A few questions, a second or two apart, then the customer is busy (Alt+B).
    await page.waitForTimeout(1500);
    await scriptStep(page, '1', 'Enter'); // identity: 是 → marker 1
    await scriptStep(page, 'Enter'); // greeting (statement, no marker)
    await page.waitForTimeout(1500);
    await page.keyboard.press('Alt+Q'); // consent: "what for?" (stays on the question) → marker 2
    await page.waitForTimeout(2000);
    await scriptStep(page, 'Alt+B'); // busy → marker 3, the script ends
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
    // The session reaches the centre through the agent's outbox before the agent signs out (QA's list
    // comes from the centre); asking for the upload answers once the centre has it (or already had it).
    const upload = () =>
      page.evaluate(async (id) => {
        const r = await window.huifang.archive.upload({ sessionId: id, callUp: false });
        return r.ok ? r.value.kind : 'failed';
      }, sessionId);
    await expect.poll(upload, { timeout: 30_000 }).toMatch(/^(archived|skipped)$/);

    // --- Sign out; QA 3001 signs in on the same host and lands on the replay screen.
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, '3001');
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
    expect(await questions.nth(2).textContent()).toContain('分支：客户不便（预约回呼）');

    // Choosing the 3rd question moves the playhead there (and plays).
    const third = Math.max(0, expected[2]!) / 1000;
    await page.keyboard.press('3');
    const at = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
    const duration = await audio.evaluate((el: HTMLAudioElement) => el.duration);
    rig.log.push(`[qa-review] duration ${duration}s; 3rd question at ${third}s, currentTime ${at}s`);
    console.log(
      `[qa-review e2e] audio duration ${duration.toFixed(3)} s; offsets ${expected.map((x) => (x / 1000).toFixed(3)).join(', ')} s; after '3' currentTime ${at.toFixed(3)} s`,
    );
    expect(Math.abs(at - third)).toBeLessThan(1);
    await expect.poll(() => questions.nth(2).getAttribute('aria-current')).toBe('true');

    // Every look was logged against QA 3001: the session view and the playback.
    const entries = readFileSync(path.join(rig.host.dataDir, 'recording-access.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { who: string | null; action: string; sessionId: string; allowed: boolean });
    const byQa = entries.filter((e) => e.who === '3001' && e.sessionId === sessionId && e.allowed).map((e) => e.action);
    expect(byQa).toContain('view');
    expect(byQa).toContain('playback');
  });
});
