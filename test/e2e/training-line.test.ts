import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { queuePolicies, scriptQuestion, scriptStep, signIn, waitForRegistered } from './harness/desk-steps';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { openWorkstation } from './harness/workstation-page';
import type { Browser } from 'playwright-core';

/**
 * README "The training line": a fresh desk (new data dir, no SIP account, the embedded demo centre)
 * calls simulated customers through the real softphone, wizard, recording and outcome code — no
 * SIP server anywhere. Practice stays on the desk: nothing reaches the outbox, the session is marked
 * training and never archived.
 */
describe('the training line on a fresh desk with no SIP account', () => {
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;
  const log: string[] = [];

  beforeAll(async () => {
    host = await startWebHostProcess();
    ({ browser, page } = await openWorkstation(host.url, log));
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const captions = () => page.getByRole('region', { name: '模拟客户说' }).getByRole('listitem');
  /** Waits until the simulated customer has said `line` (a caption with that clip's id). */
  const customerSays = (line: string, timeout = 30_000) => page.locator(`.training-captions li[data-line="${line}"]`).last().waitFor({ timeout });

  async function answer(key: string): Promise<void> {
    const isQuestion = (await page.getByRole('radiogroup', { name: '客户回答' }).count()) > 0;
    await (isQuestion ? scriptStep(page, key, 'Enter') : scriptStep(page, 'Enter'));
  }

  async function openAndDial(policyNo: string): Promise<void> {
    await page.keyboard.press('/');
    await page.keyboard.type(policyNo);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
    await page.keyboard.press('d');
    await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 20_000 });
  }

  async function trainingSession(policyNo: string) {
    const list = await page.evaluate((caseId) => window.huifang.session.list({ caseId, limit: 10 }), policyNo);
    if (!list.ok) throw new Error(list.error.message);
    const s = list.value.find((x) => x.state === 'closed');
    if (!s) return null;
    const full = await page.evaluate((sessionId) => window.huifang.session.get({ sessionId }), s.id);
    return full.ok ? { summary: s, session: full.value } : null;
  }

  async function outboxPolicies(): Promise<string[]> {
    return page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('huifang-workstation');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('outbox').objectStore('outbox').getAll();
            req.onsuccess = () => {
              open.result.close();
              resolve((req.result as { policyNo: string | null }[]).map((r) => r.policyNo ?? ''));
            };
          };
        }),
    );
  }

  it('signs in to the demo, registers on the training line and lists one practice case per persona', async () => {
    keepArtefactsOnFailure(
      'training-line',
      () => [page],
      () => [...log, ...host.log],
    );
    await signIn(page, '1001');
    await waitForRegistered(page);
    expect(await page.locator('[data-line="training"]').textContent()).toContain('培训线路');
    await expect
      .poll(async () => (await queuePolicies(page)).filter((p) => p.startsWith('TRAIN-')).sort(), { timeout: 20_000 })
      .toEqual(['TRAIN-1', 'TRAIN-2', 'TRAIN-3', 'TRAIN-4', 'TRAIN-5', 'TRAIN-6']);
  });

  it('a full visit with the cooperative customer: he answers over real WebRTC audio, the visit is 标准件, the desk says the goal was met, the recording is kept as training', async () => {
    await openAndDial('TRAIN-1');
    expect(await scriptQuestion(page)).toMatch(/^您好！请问是.+吗？$/);
    // The customer picks up, then answers the identity question herself.
    await customerSays('hello');
    await customerSays('its_me');
    // Both ends of the in-page call receive audio (the desk's and the customer's peer connection).
    const received = await page.evaluate(async () => {
      const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.slice(-2);
      return Promise.all(
        pcs.map(async (pc) => {
          let n = 0;
          (await pc.getStats()).forEach((s: Record<string, unknown>) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') n += Number(s.packetsReceived ?? 0);
          });
          return n;
        }),
      );
    });
    expect(received).toHaveLength(2);
    expect(Math.min(...received)).toBeGreaterThan(50);
    for (let i = 0; i < 40 && (await page.getByText(/话术已完成/).count()) === 0; i++) await answer('1');
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('标准件');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('listbox', { name: '待回访队列' }).waitFor();
    await expect.poll(() => page.getByText(/培训线路 · 配合的客户：达成预期结果/).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await expect.poll(async () => (await trainingSession('TRAIN-1'))?.session.recording.state, { timeout: 20_000 }).toBe('finalised');
    const { summary, session } = (await trainingSession('TRAIN-1'))!;
    expect(summary.training).toBe(true);
    expect(session.training).toBe(true);
    expect(session.outcome).toBe('standard');
    expect(session.recording.manifest?.durationMs).toBeGreaterThan(3000);
    expect((await outboxPolicies()).filter((p) => p.startsWith('TRAIN-'))).toEqual([]);
  });

  it('the customer who denies signing says so on the signature question; recorded as 否 it is 问题件 (代签名), as the persona implies', async () => {
    await openAndDial('TRAIN-3');
    await customerSays('its_me');
    await answer('1'); // identity
    await answer('1'); // greeting
    await answer('1'); // consent
    await answer('1'); // insurance nature
    expect(await scriptQuestion(page)).toMatch(/亲笔/);
    await customerSays('agent_signed');
    await answer('2');
    for (let i = 0; i < 40 && (await page.getByText(/话术已完成/).count()) === 0; i++) await answer('1');
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('region', { name: '回访结果确认' });
    await outcome.waitFor();
    expect(await outcome.getByTestId('outcome-category').textContent()).toBe('问题件');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText(/否认亲笔签名：达成预期结果/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await captions().count()).toBeGreaterThan(0);
  });
});
