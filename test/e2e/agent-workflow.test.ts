import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findManifests } from '../main/services/recording/audio-analysis';
import { startCallRig, type CallRig } from './harness/call-rig';
import { openCaseCorrectAndDial, queuePolicies, scriptQuestion, scriptStep, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';

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
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: enc.encode(`huifang-cache\u0000outbox\u0000${r.id}`) },
          key,
          bytes.subarray(12),
        );
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
  let rig: CallRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'aw', agent: 1004, customer: 2004 });
    page = rig.page;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** Opens the queue's case `policyNo`, corrects its number to the customer's, dials, lets both parties speak. */
  async function openCorrectAndDial(policyNo: string): Promise<void> {
    await openCaseCorrectAndDial(page, policyNo, rig.customerPhone, { phonesAfterCorrection: 2 });
    await page.waitForTimeout(2000); // let both parties speak for a moment
  }

  /** Answers the current step: questions with `key` then Enter, statements with Enter. */
  async function answer(key: string): Promise<void> {
    const isQuestion = (await page.getByRole('radiogroup', { name: '客户回答' }).count()) > 0;
    await (isQuestion ? scriptStep(page, key, 'Enter') : scriptStep(page, 'Enter'));
  }

  async function finishScriptWithYes(): Promise<void> {
    for (let i = 0; i < 40 && (await page.getByText(/话术已完成/).count()) === 0; i++) await answer('1');
  }

  async function signInByKeyboard(): Promise<void> {
    await signIn(page, '1001', { typing: true });
    await waitForQueue(page, 2);
    await waitForRegistered(page);
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
    rig.artefacts('agent-workflow-standard');
    await page.waitForURL(/127\.0\.0\.1/);
    await signInByKeyboard();
    const [policyNo] = await queuePolicies(page);
    const recordingsBefore = findManifests(rig.host.dataDir).length;
    await openCorrectAndDial(policyNo);
    expect(await scriptQuestion(page)).toMatch(/^您好！请问是.+吗？$/);
    await finishScriptWithYes();
    await page.keyboard.press('Enter'); // to the outcome
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('标准件');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('listbox', { name: '待回访队列' }).waitFor();
    expect(await queuePolicies(page)).not.toContain(policyNo);

    await expect
      .poll(async () => (await outbox(page)).filter((e) => e.item.kind === 'result' && e.item.policyNo === policyNo).map((e) => e.state), { timeout: 20_000 })
      .toEqual(['delivered']);
    const result = (await outbox(page)).find((e) => e.item.kind === 'result' && e.item.policyNo === policyNo)!;
    expect(result.item.data.classification).toBe('standard');
    // Every outbox item is sealed at rest.
    expect((await outbox(page)).every((e) => e.sealed)).toBe(true);

    await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 15_000 }).toBe(recordingsBefore + 1);
    await expect.poll(async () => (await closedSession(policyNo))?.recording.state, { timeout: 15_000 }).toBe('finalised');
    const session = (await closedSession(policyNo))!;
    expect(session.outcome).toBe('standard');
    expect(session.agentId).toBe('1001');
    expect(session.markers.length).toBeGreaterThanOrEqual(10);
    expect(session.answers.identity).toBe('yes');
    expect(session.recording.manifest?.durationMs).toBeGreaterThan(1500);
  });

  it('a visit ending as a problem case (forged signature, doubt not cleared)', async () => {
    rig.artefacts('agent-workflow-problem');
    const [policyNo] = await queuePolicies(page);
    const recordingsBefore = findManifests(rig.host.dataDir).length;
    await openCorrectAndDial(policyNo);
    await answer('1'); // identity
    await answer('1'); // greeting (statement)
    await answer('1'); // consent
    await answer('1'); // insurance nature
    expect(await scriptQuestion(page)).toMatch(/亲笔/);
    await answer('2'); // signature: 否 → forged signature, final
    await finishScriptWithYes();
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('问题件');
    expect(await outcome.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toContain('forged_signature');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('listbox', { name: '待回访队列' }).waitFor();

    await expect
      .poll(async () => (await outbox(page)).filter((e) => e.item.kind === 'result' && e.item.policyNo === policyNo).map((e) => e.state), { timeout: 20_000 })
      .toEqual(['delivered']);
    const result = (await outbox(page)).find((e) => e.item.kind === 'result' && e.item.policyNo === policyNo)!;
    expect(result.item.data).toMatchObject({ classification: 'problem', kinds: ['forged_signature'] });
    await expect.poll(() => findManifests(rig.host.dataDir).length, { timeout: 15_000 }).toBe(recordingsBefore + 1);
    await expect.poll(async () => (await closedSession(policyNo))?.outcome, { timeout: 15_000 }).toBe('problem');
  });
});
