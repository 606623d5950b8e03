import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { startCallRig, type CallRig } from './harness/call-rig';
import { centerApi, centerPost } from './harness/center-process';
import { openCaseCorrectAndDial, scriptStep, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';

type AuditRow = { actor: string; action: string; target: string | null; detail: Record<string, unknown> | null };

/**
 * The evidence archive's "done when" (README "Evidence archive"; docs/domain.md §9): agent 1001
 * records a real call through Kamailio; the session and its recording reach the centre; QA 3001 on another desk
 * (its own web host process and Chromium profile) lists it from the centre, opens it (fetched once,
 * stored encrypted there) and jumps to a question. Then the admin sets the desks' local-audio
 * retention to 0 days and the agent desk's next archive run deletes its audio (the session record
 * stays, listed 在中心, the deletion in the desk's access log); QA on a fresh profile still plays it
 * from the centre, and on the agent's own desk opening it fetches the audio back and plays it.
 * QA also scores the call from the work list (README "QA evaluations"), and the agent replays the
 * failed item from where it is heard. Every open, download, play and seek is in the centre's audit
 * log with the workstation.
 */
describe('QA replays a call recorded on another desk, from the centre (README "Evidence archive")', () => {
  let rig: CallRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'archive-qa', agent: 1003, customer: 2005, center: true });
    page = rig.page;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** On `qa`: signs in as QA 3001, opens `sessionId` from the list and jumps to the 3rd question; answers the playhead and the offset. */
  async function qaOpensAndJumps(qa: Page, sessionId: string, policyNo: string, here = false): Promise<{ at: number; third: number; openMs: number }> {
    await signIn(qa, '3001');
    await qa.getByRole('heading', { name: '录音质检回放' }).waitFor({ timeout: 20_000 });
    const row = qa.getByRole('listbox', { name: '通话记录' }).locator(`[data-session="${sessionId}"]`);
    await row.waitFor({ timeout: 20_000 });
    // Held only at the centre on another desk; on the recording desk the record is here, its audio at the centre.
    expect(await row.getAttribute('data-origin')).toBe(here ? 'both' : 'centre');
    expect(await row.textContent()).toContain(here ? '在中心' : '中心归档');
    const started = Date.now();
    await row.dblclick();
    await qa.getByRole('heading', { name: `通话回放 ${policyNo}` }).waitFor({ timeout: 30_000 });
    const audio = qa.locator('audio');
    await audio.waitFor({ timeout: 20_000 });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0)), { timeout: 15_000 }).toBeGreaterThan(1);
    const openMs = Date.now() - started;
    const questions = qa.getByRole('listbox', { name: '回访问题' }).getByRole('option');
    const offsets = await questions.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset-ms'))));
    expect(offsets).toHaveLength(3);
    await qa.keyboard.press('3');
    const at = await audio.evaluate((el: HTMLAudioElement) => el.currentTime);
    await expect.poll(() => questions.nth(2).getAttribute('aria-current')).toBe('true');
    return { at, third: offsets[2]! / 1000, openMs };
  }

  /** On `qa` (QA 3001 in the player): back to the list, the call opened for scoring from the work list, 问候并报工号 failed, the rest passed, submitted. */
  async function qaScores(qa: Page, policyNo: string): Promise<void> {
    await qa.keyboard.press('Escape');
    const call = qa.getByRole('listbox', { name: '待质检通话' }).getByRole('option').filter({ hasText: policyNo });
    await call.waitFor({ timeout: 20_000 });
    await call.getByRole('button', { name: '打开评分' }).click();
    const items = qa.getByRole('listbox', { name: '评分项' });
    await items.waitFor({ timeout: 30_000 });
    // The pre-fill decided what the answers and markers tell; QA judges by ear what they cannot.
    const undecided = items.locator('[data-verdict="undecided"]');
    for (let left = await undecided.count(); left > 0; left--) {
      // A judged item leaves the undecided ones: always take the first still open.
      const item = undecided.first();
      const id = await item.getAttribute('id');
      await item.locator('.qa-item-label').click(); // not the middle of the row: its note field would take the key
      await qa.keyboard.press(id === 'qa-item-greeting' ? 'f' : 'p');
      await expect.poll(() => undecided.count()).toBe(left - 1);
    }
    await items.focus();
    await qa.keyboard.press('Control+Enter');
    await qa.getByText(/^已提交：/).waitFor({ timeout: 20_000 });
  }

  it('agent records a call; QA on another desk lists, opens and jumps to a question, then scores it from the work list; once the agent desk’s retention (0 days) deleted its audio, QA on a fresh profile still plays it and on the agent’s desk it is fetched back and plays', async () => {
    rig.artefacts('archive-qa');
    const centre = rig.center!;

    // --- Agent 1001 on desk A: a short real visit through Kamailio, ended as busy (3 markers).
    await signIn(page, '1001');
    await waitForQueue(page, 2);
    await waitForRegistered(page);
    const queue = page.getByRole('listbox', { name: '待回访队列' });
    const policyNo = (await queue.getByRole('option').first().getAttribute('data-policy')) ?? '';
    expect(policyNo).not.toBe('');
    await openCaseCorrectAndDial(page, policyNo, rig.customerPhone);
    await page.waitForTimeout(1500);
    await scriptStep(page, '1', 'Enter'); // identity: 是 → marker 1
    await scriptStep(page, 'Enter'); // greeting (a statement, no marker)
    await page.waitForTimeout(1500);
    await page.keyboard.press('Alt+Q'); // consent: "what for?" → marker 2
    await page.waitForTimeout(2000);
    await scriptStep(page, 'Alt+B'); // busy → marker 3, the script ends
    await page.waitForTimeout(1500);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: '回访结果确认' }).waitFor();
    await page.keyboard.press('Control+Enter');
    await queue.waitFor();

    const closed = async () => {
      const list = await page.evaluate((caseId) => window.huifang.session.list({ caseId, limit: 10 }), policyNo);
      return list.ok ? (list.value.find((s) => s.state === 'closed' && s.recordingState === 'finalised') ?? null) : null;
    };
    await expect.poll(async () => (await closed())?.id ?? null, { timeout: 20_000 }).not.toBeNull();
    const sessionId = (await closed())!.id;
    const local = await page.evaluate((id) => window.huifang.session.get({ sessionId: id }), sessionId);
    if (!local.ok) throw new Error(local.error.message);
    const s: CallSession = local.value;
    const expected = [...s.markers].sort((a, b) => a.at - b.at).map((m) => Math.max(0, m.at - s.recording.manifest!.startedAt) / 1000);

    // --- The session reaches the centre (the sync engine uploads it from the outbox; ask too, in case it already ran).
    const admin = await centerApi(centre.url, '9001');
    const archived = async () => {
      await page.evaluate((id) => window.huifang.archive.upload({ sessionId: id, callUp: false }), sessionId);
      const listed = (await admin(`/api/archive/sessions?policy=${policyNo}`)) as { items: { sessionId: string; recordingBytes: number | null }[] };
      return listed.items.find((r) => r.sessionId === sessionId) ?? null;
    };
    await expect.poll(async () => (await archived())?.recordingBytes ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);

    // --- QA 3001 on desk B: another web host process, another Chromium profile.
    const deskB = await rig.addDesk();
    const first = await qaOpensAndJumps(deskB.page, sessionId, policyNo);
    expect(first.third).toBeCloseTo(expected[2]!, 2);
    expect(Math.abs(first.at - first.third)).toBeLessThan(1);
    expect(existsSync(path.join(deskB.host.dataDir, 'sessions', sessionId, 'archive-key.wrapped'))).toBe(true);

    // --- QA 3001 scores the call from the work list (sampled: the agent's monthly minimum), failing 问候并报工号.
    await qaScores(deskB.page, policyNo);
    const scored = (await admin(`/api/qa/evaluations?session=${sessionId}`)) as {
      items: { evaluator: string; verdicts: { itemId: string; verdict: string }[] }[];
    };
    expect(scored.items).toHaveLength(1);
    expect(scored.items[0]!.evaluator).toBe('3001');
    expect(scored.items[0]!.verdicts.filter((v) => v.verdict === 'fail').map((v) => v.itemId)).toEqual(['greeting']);

    // --- The admin sets the desks' local-audio retention to 0 days; the agent desk's next archive run deletes its audio.
    const settings = (await admin('/api/desk-config')) as { companyName: string; maxAttempts: number };
    await centerPost(centre.url, '9001', '/api/admin/desk-config', { companyName: settings.companyName, maxAttempts: settings.maxAttempts, localAudioDays: 0 });
    const agentDir = path.join(rig.host.dataDir, 'sessions', sessionId);
    await page.evaluate((id) => window.huifang.archive.upload({ sessionId: id, callUp: false }), sessionId);
    // Retention runs beside the upload's answer (it never holds the outbox drain), so wait for it.
    await expect.poll(() => existsSync(path.join(agentDir, 'audio.webm.enc')), { timeout: 15_000 }).toBe(false);
    expect(existsSync(path.join(agentDir, 'session.enc'))).toBe(true);
    await expect
      .poll(() => readFileSync(path.join(rig.host.dataDir, 'recording-access.log'), 'utf8'), { timeout: 15_000 })
      .toContain(`"action":"audio_deleted","sessionId":"${sessionId}"`);
    const listed = await page.evaluate((caseId) => window.huifang.session.list({ caseId, limit: 10 }), policyNo);
    expect(listed.ok && listed.value.find((x) => x.id === sessionId)?.audioAtCentre).toBe(true);

    // --- QA on a fresh profile (desk C) still plays it from the centre.
    const deskC = await rig.addDesk();
    const second = await qaOpensAndJumps(deskC.page, sessionId, policyNo);
    expect(Math.abs(second.at - second.third)).toBeLessThan(1);

    // --- On the agent's own desk the record is listed with its audio 在中心; opening it fetches the audio back and plays it.
    await page.getByRole('button', { name: /^退出登录/ }).click();
    const third = await qaOpensAndJumps(page, sessionId, policyNo, true);
    expect(Math.abs(third.at - third.third)).toBeLessThan(1);
    expect(existsSync(path.join(agentDir, 'audio.webm.enc'))).toBe(true);
    console.log(
      `[archive-qa e2e] offsets ${expected.map((x) => x.toFixed(3)).join(', ')} s; desk B: open→playable ${first.openMs} ms, after '3' ${first.at.toFixed(3)} s; desk C (agent audio deleted): open→playable ${second.openMs} ms, after '3' ${second.at.toFixed(3)} s; agent desk (audio fetched back): open→playable ${third.openMs} ms`,
    );

    // --- Agent 1001 on the same desk reads the evaluation and replays the failed item: the player opens where it is heard.
    await page.getByRole('button', { name: /^退出登录/ }).click();
    await signIn(page, '1001');
    await page.getByRole('button', { name: '质检（F7）' }).click({ timeout: 30_000 });
    await page.getByRole('button', { name: /^调听不合格项/ }).click({ timeout: 20_000 });
    const failedPlaces = page.getByRole('region', { name: '不合格项在录音中的位置' });
    await failedPlaces.waitFor({ timeout: 30_000 });
    expect(await failedPlaces.textContent()).toContain('问候并报工号');
    const replayAudio = page.locator('audio');
    // The greeting follows the identity answer: the replay starts at the first marker (expected[0]) and plays on.
    await expect.poll(() => replayAudio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 20_000 }).toBeGreaterThan(expected[0]! - 0.5);
    expect(await replayAudio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeLessThan(expected[0]! + 3);

    // --- The centre audited each open, download, play and seek, naming two different workstations.
    const log = (await admin('/api/admin/audit?limit=500')) as AuditRow[];
    const ofSession = log.filter((a) => a.target === sessionId && a.actor === '3001');
    const actions = new Set(ofSession.map((a) => a.action));
    for (const a of ['archive.session_opened', 'archive.recording_downloaded', 'archive.recording_played', 'archive.recording_seeked'])
      expect(actions, a).toContain(a);
    const workstations = new Set(ofSession.filter((a) => a.action === 'archive.session_opened').map((a) => String(a.detail?.workstation)));
    expect(workstations.size).toBe(3);
    expect(log.some((a) => a.actor === '3001' && a.action === 'archive.sessions_listed')).toBe(true);
  });
});
