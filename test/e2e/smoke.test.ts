import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openLoggedPage } from './harness/chromium';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';
import { keepArtefactsOnFailure } from './harness/artefacts';

describe('web host smoke test in Debian Chromium', () => {
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;
  const log: string[] = [];

  beforeAll(async () => {
    host = await startWebHostProcess();
    browser = await launchChromium();
    page = await openLoggedPage(await browser.newContext(), log);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('loads the app, renders the first screen in Chinese and completes an IPC round trip', async () => {
    keepArtefactsOnFailure(
      'smoke',
      () => [page],
      () => [...log, ...host.log],
    );
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('回访坐席工作台');
    expect(await page.getByRole('heading', { name: '坐席登录' }).isVisible()).toBe(true);
    expect(await page.getByLabel('工号').isVisible()).toBe(true);
    // The footer text comes from app:info through the host: a real IPC round trip.
    await expect.poll(() => page.getByRole('contentinfo').textContent(), { timeout: 10_000 }).toBe('版本 0.1.0 · 浏览器版');
    const ping = await page.evaluate(() => window.huifang.app.ping({ nonce: 'e2e-nonce' }));
    expect(ping).toMatchObject({ ok: true, value: { nonce: 'e2e-nonce' } });
    // The renderer holds no token: the URL was cleaned by the host's redirect.
    expect(new URL(page.url()).search).toBe('');
  });

  it('rejects a malformed payload with a readable error through the real host', async () => {
    const result = await page.evaluate(() => window.huifang.app.ping({ nonce: 42 as unknown as string }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_payload');
      expect(result.error.message).toContain('nonce');
    }
  });

  it('exposes a frozen API with no Node or ipcRenderer objects', async () => {
    const shape = await page.evaluate(() => ({
      frozen: Object.isFrozen(window.huifang),
      keys: Object.keys(window.huifang).sort(),
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
    }));
    expect(shape.frozen).toBe(true);
    expect(shape.keys).toContain('app');
    expect(shape.keys).toContain('on');
    expect(shape.keys).not.toContain('ipcRenderer');
    expect(shape.hasProcess).toBe(false);
    expect(shape.hasRequire).toBe(false);
  });
});
