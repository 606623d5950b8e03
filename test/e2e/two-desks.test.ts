import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallRig, type CallRig } from './harness/call-rig';
import { centerApi, centerSend } from './harness/center-process';
import { SIP_ACCOUNTS } from './harness/kamailio';
import { softphoneStatus } from './harness/workstation-page';
import { openCaseCorrectAndDial, queuePolicies, scriptQuestion, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';

/**
 * Two desks, one case centre: agent 1001 (desk A, with a softphone) corrects a case's number,
 * calls the policyholder through Kamailio, hears that they are busy and books the callback for
 * colleague 1002, picked from the team roster. The real centre (its own process, SQLite) hands the
 * case over; desk B, signed in as 1002, receives the case with the correction (marked as 1001's)
 * and the callback booked for them. The team lead sees the correction in the centre's listing.
 */
describe('two desks sharing one case centre', () => {
  let rig: CallRig;
  let pageA: Page;
  let pageB: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: '2desk', agent: 1005, customer: 2006, center: true });
    pageA = rig.page;
    ({ page: pageB } = await rig.addDesk());
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function signInToQueue(page: Page, staffNo: string): Promise<void> {
    await signIn(page, staffNo);
    await waitForQueue(page, 0);
  }

  const question = () => scriptQuestion(pageA);

  it('a correction and a callback for a named colleague reach the colleague’s desk through the centre', async () => {
    rig.artefacts('two-desks');
    await signInToQueue(pageA, '1001');
    await waitForRegistered(pageA);
    await signInToQueue(pageB, '1002');
    // A Mandarin case of 1001's: the colleague speaks Mandarin too, so no dialect warning is due.
    const [policyNo] = await queuePolicies(pageA);
    expect(await queuePolicies(pageB)).not.toContain(policyNo);

    await openCaseCorrectAndDial(pageA, policyNo, rig.customerPhone, { note: '客户告知常用号码' });
    expect(await question()).toMatch(/^您好！请问是.+吗？$/);
    await pageA.keyboard.press('1');
    await pageA.keyboard.press('Enter');
    await expect.poll(question).not.toMatch(/^您好！请问是/);
    await pageA.keyboard.press('Enter'); // greeting (statement)
    await pageA.keyboard.press('Alt+b'); // 客户不便（预约回呼）
    await pageA.getByText(/什么时间再联系您方便/).waitFor();
    await pageA.keyboard.press('Enter');
    const outcome = pageA.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    await outcome.getByRole('radio', { name: '指定同事' }).check({ timeout: 15_000 });
    const pick = outcome.getByRole('combobox', { name: '同事' });
    expect(await pick.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('（1002）'), expect.stringContaining('（2001，组长）')]),
    );
    await pick.selectOption('1002');
    await pageA.keyboard.press('Control+Enter');
    await pageA.getByRole('listbox', { name: '待回访队列' }).waitFor();

    // The centre handed the case to 1002: desk A drops it, desk B gets it with correction and callback.
    await expect.poll(() => queuePolicies(pageA), { timeout: 30_000 }).not.toContain(policyNo);
    await expect.poll(() => queuePolicies(pageB), { timeout: 30_000 }).toContain(policyNo);
    await pageB.getByRole('listbox', { name: '待回访队列' }).locator(`[data-policy="${policyNo}"]`).click();
    await pageB.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    const phones = pageB.getByRole('listbox', { name: '联系电话' }).getByRole('option');
    await expect
      .poll(() => phones.allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/已更正（1001，/), expect.stringMatching(/更正新增（1001，/)]));
    const callbacks = pageB.locator('.case-callbacks li');
    // On 1002's own desk the callback booked for 1002 reads 我 (colleagues are named, not numbered).
    await expect.poll(() => callbacks.allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/ · 我/)]);

    // The team lead sees the correction (for the branch to update the core system).
    const lead = await centerApi(rig.center!.url, '2001');
    const listed = (await lead('/api/team/phone-corrections')) as { items: { policyNo: string; corrected: string | null; correctedBy: string }[] };
    expect(listed.items).toEqual(expect.arrayContaining([expect.objectContaining({ policyNo, corrected: rig.customerPhone, correctedBy: '1001' })]));
  });

  it('desk B has no SIP settings of its own: the account an administrator set at the centre registers it at sign-in, read-only in the form, and is gone after sign-out (README → SIP accounts from the centre)', async () => {
    rig.artefacts('two-desks-sip-from-centre');
    const account = SIP_ACCOUNTS.agent(1003);
    await centerSend(rig.center!.url, '9001', 'PUT', '/api/admin/sip-accounts/1002', {
      config: {
        wsUrl: rig.kamailio.wsUrl,
        sipUri: `sip:${account.user}@127.0.0.1`,
        authUser: account.user,
        displayName: '坐席1002',
        iceGatheringTimeoutMs: 50,
      },
      password: account.password,
    });
    // Signed in before the account existed (the first test). Back at the sign-in screen the desk learns
    // the centre's proxy, new to it, and loads the page once more so that its CSP allows it; then the
    // sign-in brings the account.
    const reloaded = pageB.waitForEvent('framenavigated', { timeout: 15_000 });
    await pageB.getByRole('button', { name: /^退出登录/ }).click();
    await reloaded;
    await signInToQueue(pageB, '1002');
    await waitForRegistered(pageB);
    await pageB.getByRole('button', { name: '账号设置' }).click();
    const form = pageB.getByRole('form', { name: '软电话账号设置' });
    await expect.poll(() => form.getByRole('note').textContent()).toContain('SIP 账号由案件中心按工号下发');
    expect(await form.getByRole('textbox', { name: /SIP 地址/ }).inputValue()).toBe(`sip:${account.user}@127.0.0.1`);
    expect(await form.getByLabel('SIP 密码').count()).toBe(0);
    await pageB.keyboard.press('Escape');
    await pageB.getByRole('button', { name: /^退出登录/ }).click();
    await pageB.getByRole('form', { name: '坐席登录' }).waitFor();
    // Dropped: this desk has no account of its own, so there is none at all until the next sign-in.
    await expect
      .poll(() => pageB.evaluate(() => window.huifang.softphone.getConfig({})), { timeout: 5000 })
      .toEqual({ ok: true, value: { config: null, hasPassword: false, managedByCentre: false } });
    expect((await softphoneStatus(pageB)).registration).not.toBe('registered');
  });
});
