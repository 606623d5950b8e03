import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { centerApi, startCenterProcess } from './harness/center-process';
import { AGENT_SPEECH, makeSpeechWav, startCustomerUa, type CustomerUa } from './harness/customer-ua';
import { SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './harness/kamailio';
import type { ListeningProcess } from './harness/listening-process';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { openWorkstation, softphoneStatus } from './harness/workstation-page';

const CUSTOMER = SIP_ACCOUNTS.customer(2006);
const AGENT = SIP_ACCOUNTS.agent(1005);

/**
 * Two desks, one case centre: agent 1001 (desk A, with a softphone) corrects a case's number,
 * calls the policyholder through Kamailio, hears that they are busy and books the callback for
 * colleague 1002, picked from the team roster. The real centre (its own process, SQLite) hands the
 * case over; desk B, signed in as 1002, receives the case with the correction (marked as 1001's)
 * and the callback booked for them. The team lead sees the correction in the centre's listing.
 */
describe('two desks sharing one case centre', () => {
  let kamailio: RunningKamailio;
  let centre: ListeningProcess;
  let deskA: WebHostProcess;
  let deskB: WebHostProcess;
  let customer: CustomerUa;
  let browserA: Browser;
  let browserB: Browser;
  let pageA: Page;
  let pageB: Page;
  const log: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huifang-2desk-e2e-'));
    kamailio = await startKamailio();
    centre = await startCenterProcess();
    customer = await startCustomerUa({ wsUrl: kamailio.wsUrl, ...CUSTOMER, wav: makeSpeechWav(dir), mode: 'answer' });
    deskA = await startWebHostProcess({
      env: {
        HUIFANG_CENTER_URL: centre.url,
        HUIFANG_SIP_WS: kamailio.wsUrl,
        HUIFANG_SIP_URI: `sip:${AGENT.user}@127.0.0.1`,
        HUIFANG_SIP_PASSWORD: AGENT.password,
        HUIFANG_SIP_ICE_GATHERING_MS: '50',
      },
    });
    deskB = await startWebHostProcess({ env: { HUIFANG_CENTER_URL: centre.url } });
    ({ browser: browserA, page: pageA } = await openWorkstation(deskA.url, log, makeSpeechWav(dir, AGENT_SPEECH, 20, 'agent')));
    ({ browser: browserB, page: pageB } = await openWorkstation(deskB.url, log));
  });

  afterAll(async () => {
    await browserA?.close();
    await browserB?.close();
    await customer?.close();
    await deskA?.stop();
    await deskB?.stop();
    await centre?.stop();
    await kamailio?.stop();
  });

  async function signIn(page: Page, staffNo: string): Promise<void> {
    await page.getByLabel('工号').waitFor();
    await page.getByLabel('工号').fill(staffNo);
    await page.getByLabel('密码').fill('demo1234');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  }

  const queuePolicies = (page: Page) =>
    page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-policy') ?? ''));

  async function question(): Promise<string> {
    return (await pageA.getByRole('region', { name: '回访话术' }).getByRole('heading', { level: 3 }).first().textContent()) ?? '';
  }

  it('a correction and a callback for a named colleague reach the colleague’s desk through the centre', async () => {
    keepArtefactsOnFailure('two-desks', () => [pageA, pageB, customer.page], () => [...log, ...customer.log, ...deskA.log, ...deskB.log, ...centre.log, ...kamailio.log.slice(-100)]);
    await signIn(pageA, '1001');
    await expect.poll(async () => (await softphoneStatus(pageA)).registration, { timeout: 20_000 }).toBe('registered');
    await signIn(pageB, '1002');
    // A Mandarin case of 1001's: the colleague speaks Mandarin too, so no dialect warning is due.
    const [policyNo] = await queuePolicies(pageA);
    expect(await queuePolicies(pageB)).not.toContain(policyNo);

    await pageA.keyboard.press('/');
    await pageA.keyboard.type(policyNo);
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.press('Enter');
    await pageA.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    await pageA.keyboard.press('c');
    await pageA.keyboard.type(CUSTOMER.user);
    await pageA.keyboard.press('Tab');
    await pageA.keyboard.type('客户告知常用号码');
    await pageA.keyboard.press('Enter');
    await pageA.locator('form.correction').waitFor({ state: 'detached' });
    await expect.poll(() => pageA.locator('.case-actions').getByRole('button', { name: /^拨打/ }).isEnabled()).toBe(true);
    await pageA.keyboard.press('d');
    await pageA.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 20_000 });
    expect(await question()).toMatch(/^您好！请问是.+吗？$/);
    await pageA.keyboard.press('1');
    await pageA.keyboard.press('Enter');
    await expect.poll(question).not.toMatch(/^您好！请问是/);
    await pageA.keyboard.press('Enter'); // greeting (statement)
    await pageA.keyboard.press('Alt+b'); // 正忙（预约回访）
    await pageA.getByText(/什么时间再联系您方便/).waitFor();
    await pageA.keyboard.press('Enter');
    const outcome = pageA.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    await outcome.getByRole('radio', { name: '指定同事' }).check({ timeout: 15_000 });
    const pick = outcome.getByRole('combobox', { name: '同事' });
    expect(await pick.getByRole('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('（1002）'), expect.stringContaining('（2001，组长）')]));
    await pick.selectOption('1002');
    await pageA.keyboard.press('Control+Enter');
    await pageA.getByRole('listbox', { name: '待回访队列' }).waitFor();

    // The centre handed the case to 1002: desk A drops it, desk B gets it with correction and callback.
    await expect.poll(() => queuePolicies(pageA), { timeout: 30_000 }).not.toContain(policyNo);
    await expect.poll(() => queuePolicies(pageB), { timeout: 30_000 }).toContain(policyNo);
    await pageB.getByRole('listbox', { name: '待回访队列' }).locator(`[data-policy="${policyNo}"]`).click();
    await pageB.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    const phones = pageB.getByRole('listbox', { name: '联系电话' }).getByRole('option');
    await expect.poll(() => phones.allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/已更正（1001，/), expect.stringMatching(/更正新增（1001，/)]));
    const callbacks = pageB.locator('.case-callbacks li');
    await expect.poll(() => callbacks.allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('1002')]);

    // The team lead sees the correction (for the branch to update the core system).
    const lead = await centerApi(centre.url, '2001');
    const listed = (await lead('/api/team/phone-corrections')) as { items: { policyNo: string; corrected: string | null; correctedBy: string }[] };
    expect(listed.items).toEqual(expect.arrayContaining([expect.objectContaining({ policyNo, corrected: CUSTOMER.user, correctedBy: '1001' })]));
  });
});
