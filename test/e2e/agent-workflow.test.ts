import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findManifests } from '../main/recording/audio-analysis';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { AGENT_SPEECH, makeSpeechWav, startCustomerUa, type CustomerUa } from './harness/customer-ua';
import { SIP_ACCOUNTS, startKamailio, type RunningKamailio } from './harness/kamailio';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { openWorkstation, softphoneStatus } from './harness/workstation-page';

const CUSTOMER = SIP_ACCOUNTS.customer(2004);
const AGENT = SIP_ACCOUNTS.agent(1004);

/**
 * Reads the workstation's outbox straight from IndexedDB (what would survive a reload). Items are
 * sealed at rest (renderer/data/cache-cipher.ts): each must be a sealed string, and is opened here
 * with the key the host hands the page (AES-GCM, HKDF-derived, AAD = table + id).
 */
async function outbox(page: Page): Promise<{ state: string; sealed: boolean; item: { kind: string; policyNo?: string; data: Record<string, unknown> } }[]> {
  return page.evaluate(async () => {
    const rows = await new Promise<{ id: string; state: string; item: unknown }[]>((resolve, reject) => {
      const open = indexedDB.open('huifang-workstation');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('outbox').objectStore('outbox').getAll();
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result as { id: string; state: string; item: unknown }[]);
        };
        req.onerror = () => reject(req.error);
      };
    });
    const answer = await window.huifang.app.cacheKey({});
    if (!answer.ok) throw new Error(answer.error.message);
    const raw = Uint8Array.from(atob(answer.value.key), (c) => c.charCodeAt(0));
    const enc = new TextEncoder();
    const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode('huifang/cache/aes-gcm/v1') },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    return Promise.all(
      rows.map(async (r) => {
        const sealed = typeof r.item === 'string' && r.item.startsWith('s1:');
        if (!sealed) return { state: r.state, sealed, item: r.item as never };
        const bytes = Uint8Array.from(atob((r.item as string).slice(3)), (c) => c.charCodeAt(0));
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: enc.encode(`huifang-cache\u0000outbox\u0000${r.id}`) }, key, bytes.subarray(12));
        return { state: r.state, sealed, item: JSON.parse(new TextDecoder().decode(plain)) };
      }),
    );
  });
}

/**
 * The agent workflow end to end, driven only by the keyboard: web host (+ embedded centre with
 * its demo queue) in Chromium, Kamailio on loopback, and a customer user agent in a second
 * Chromium that answers and speaks. Sign in → queue → case (number corrected to the test
 * customer's) → dial → script → outcome → finish.
 */
describe('agent workflow through a real call (keyboard only)', () => {
  let kamailio: RunningKamailio;
  let host: WebHostProcess;
  let customer: CustomerUa;
  let browser: Browser;
  let page: Page;
  const log: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huifang-aw-e2e-'));
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

  const artefacts = (name: string) =>
    keepArtefactsOnFailure(name, () => [page, customer.page], () => [...log, ...customer.log, ...host.log, ...kamailio.log.slice(-100)]);


  /** Opens the queue's case `policyNo` by searching for it, corrects its number to the customer's, dials. */
  async function openCorrectAndDial(policyNo: string): Promise<void> {
    await page.keyboard.press('/');
    await page.keyboard.type(policyNo);
    await page.keyboard.press('Enter'); // to the list
    await page.keyboard.press('Enter'); // open
    await page.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    await page.keyboard.press('c');
    await page.keyboard.type(CUSTOMER.user);
    await page.keyboard.press('Tab');
    await page.keyboard.type('测试：改为测试客户号码');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('listbox', { name: '联系电话' }).getByRole('option').count()).toBe(2);
    // The correction is saved when its form is gone and the dial button is enabled again.
    await page.locator('form.correction').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.case-actions').getByRole('button', { name: /^拨打/ }).isEnabled()).toBe(true);
    await page.keyboard.press('d');
    await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(2000); // let both parties speak for a moment
  }

  async function question(): Promise<string> {
    return (await page.getByRole('region', { name: '回访话术' }).getByRole('heading', { level: 3 }).first().textContent()) ?? '';
  }

  /** Answers the current step: questions with `key` then Enter, statements with Enter. */
  async function answer(key: string): Promise<void> {
    const before = await question();
    const isQuestion = (await page.getByRole('radiogroup', { name: '客户回答' }).count()) > 0;
    await page.keyboard.press(isQuestion ? key : 'Enter');
    if (isQuestion) await page.keyboard.press('Enter');
    await expect.poll(async () => (await question()) !== before || (await page.getByText(/话术已完成|通话已结束/).count()) > 0).toBe(true);
  }

  async function finishScriptWithYes(): Promise<void> {
    for (let i = 0; i < 40 && (await page.getByText(/话术已完成/).count()) === 0; i++) await answer('1');
  }

  async function signIn(): Promise<void> {
    await page.getByLabel('工号').waitFor();
    await page.keyboard.type('1001'); // the 工号 field has focus
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 20_000 }).toBe('registered');
  }

  async function firstPolicies(): Promise<string[]> {
    return page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-policy') ?? ''));
  }

  async function closedSession(policyNo: string) {
    const list = await page.evaluate((caseId) => window.huifang.session.list({ caseId, limit: 10 }), policyNo);
    if (!list.ok) throw new Error(list.error.message);
    const s = list.value.find((x) => x.state === 'closed' && x.recordingState !== 'none');
    if (!s) return null;
    const full = await page.evaluate((sessionId) => window.huifang.session.get({ sessionId }), s.id);
    return full.ok ? full.value : null;
  }

  it('a complete standard visit: session and recording on disk, result in the outbox and acknowledged by the centre', async () => {
    artefacts('agent-workflow-standard');
    await page.waitForURL(/127\.0\.0\.1/);
    await signIn();
    const [policyNo] = await firstPolicies();
    const recordingsBefore = findManifests(host.dataDir).length;
    await openCorrectAndDial(policyNo);
    expect(await question()).toMatch(/^您好！请问是.+吗？$/);
    await finishScriptWithYes();
    await page.keyboard.press('Enter'); // to the outcome
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('标准件');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('listbox', { name: '待回访队列' }).waitFor();
    expect(await firstPolicies()).not.toContain(policyNo);

    await expect.poll(async () => (await outbox(page)).filter((e) => e.item.kind === 'result' && e.item.policyNo === policyNo).map((e) => e.state), { timeout: 20_000 }).toEqual(['delivered']);
    const result = (await outbox(page)).find((e) => e.item.kind === 'result' && e.item.policyNo === policyNo)!;
    expect(result.item.data.classification).toBe('standard');
    // Every outbox item is sealed at rest.
    expect((await outbox(page)).every((e) => e.sealed)).toBe(true);

    await expect.poll(() => findManifests(host.dataDir).length, { timeout: 15_000 }).toBe(recordingsBefore + 1);
    await expect.poll(async () => (await closedSession(policyNo))?.recording.state, { timeout: 15_000 }).toBe('finalised');
    const session = (await closedSession(policyNo))!;
    expect(session.outcome).toBe('standard');
    expect(session.agentId).toBe('1001');
    expect(session.markers.length).toBeGreaterThanOrEqual(10);
    expect(session.answers.identity).toBe('yes');
    expect(session.recording.manifest?.durationMs).toBeGreaterThan(1500);
  });

  it('a visit ending as a problem case (forged signature, doubt not cleared)', async () => {
    artefacts('agent-workflow-problem');
    const [policyNo] = await firstPolicies();
    const recordingsBefore = findManifests(host.dataDir).length;
    await openCorrectAndDial(policyNo);
    await answer('1'); // identity
    await answer('1'); // greeting (statement)
    await answer('1'); // consent
    await answer('1'); // insurance nature
    expect(await question()).toMatch(/亲笔/);
    await answer('2'); // signature: 否 → forged signature, final
    await finishScriptWithYes();
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('问题件');
    expect(await outcome.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toContain('forged_signature');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('listbox', { name: '待回访队列' }).waitFor();

    await expect.poll(async () => (await outbox(page)).filter((e) => e.item.kind === 'result' && e.item.policyNo === policyNo).map((e) => e.state), { timeout: 20_000 }).toEqual(['delivered']);
    const result = (await outbox(page)).find((e) => e.item.kind === 'result' && e.item.policyNo === policyNo)!;
    expect(result.item.data).toMatchObject({ classification: 'problem', kinds: ['forged_signature'] });
    await expect.poll(() => findManifests(host.dataDir).length, { timeout: 15_000 }).toBe(recordingsBefore + 1);
    await expect.poll(async () => (await closedSession(policyNo))?.outcome, { timeout: 15_000 }).toBe('problem');
  });
});
