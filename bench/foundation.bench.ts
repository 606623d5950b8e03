import { performance } from 'node:perf_hooks';
import { launchChromium, newContext } from '../test/e2e/harness/chromium';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';
import { IpcRouter } from '../main/ipc/ipc-router';
import { registerIpcHandlers } from '../main/electron/ipc-adapter';
import { INVOKE_CHANNEL } from '../shared/ipc/electron-channels';
import type { Report } from './run';
import { median } from './lib/stats';

/**
 * renderer.cold_start_ms: navigation start → the sign-in form painted, in Debian Chromium through the
 * web host, each load in a fresh browser context (cold cache). Median of 10.
 * ipc.roundtrip_ms: renderer → web host → router → renderer, `app:ping` in the page. Median of 500.
 * ipc.roundtrip_adapter_ms: the Electron adapter's handler + router in plain Node (Electron itself
 * cannot launch here, so this is the adapter's own overhead without Chromium's IPC). Median of 5000.
 */
export default async function run(report: Report): Promise<void> {
  const host = await startWebHostProcess();
  const browser = await launchChromium();
  try {
    const coldStarts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __firstPaint?: Promise<number> };
        w.__firstPaint = new Promise((resolve) => {
          const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
          const seen = () => document.querySelector('form.sign-in');
          new MutationObserver((_m, obs) => {
            if (seen()) {
              obs.disconnect();
              done();
            }
          }).observe(document, { childList: true, subtree: true });
        });
      });
      // Authenticate this context once (the token redirect), then measure a clean navigation.
      await page.goto(host.url);
      await page.waitForSelector('form.sign-in');
      await page.goto(host.origin + '/');
      coldStarts.push(await page.evaluate(() => (window as unknown as { __firstPaint: Promise<number> }).__firstPaint));
      await context.close();
    }
    report('renderer.cold_start_ms', median(coldStarts), 'ms');

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(host.url);
    await page.waitForSelector('form.sign-in');
    const rtts = await page.evaluate(async () => {
      const out: number[] = [];
      for (let i = 0; i < 50; i++) await window.huifang.app.ping({ nonce: 'warm' });
      for (let i = 0; i < 500; i++) {
        const t = performance.now();
        await window.huifang.app.ping({ nonce: String(i) });
        out.push(performance.now() - t);
      }
      return out;
    });
    report('ipc.roundtrip_ms', median(rtts), 'ms');
  } finally {
    await browser.close();
    await host.stop();
  }

  const handlers = new Map<string, unknown>();
  const ipcMain = { handle: (name: string, fn: unknown) => handlers.set(name, fn), removeHandler: (name: string) => handlers.delete(name) };
  const router = new IpcRouter().register({ 'app:ping': (req) => ({ nonce: req.nonce, receivedAt: Date.now() }) });
  registerIpcHandlers(ipcMain as never, router, () => new Set([1]));
  const handler = handlers.get(INVOKE_CHANNEL) as (e: unknown, c: string, p: unknown) => Promise<unknown>;
  const event = { sender: { id: 1 }, senderFrame: { url: 'app://huifang/index.html', parent: null } };
  const samples: number[] = [];
  for (let i = 0; i < 5500; i++) {
    const t = performance.now();
    await handler(event, 'app:ping', { nonce: String(i) });
    if (i >= 500) samples.push(performance.now() - t);
  }
  report('ipc.roundtrip_adapter_ms', median(samples), 'ms');
}
