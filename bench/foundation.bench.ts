import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { launchChromium, newContext, openLoggedPage } from '../test/e2e/harness/chromium';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';
import { IpcRouter } from '../main/ipc/ipc-router';
import { registerIpcHandlers } from '../main/electron/ipc-adapter';
import { INVOKE_CHANNEL } from '../shared/ipc/electron-channels';
import type { Report } from './run';
import { median, ratioSpread, spread } from './lib/stats';

/**
 * renderer.cold_start_ms: navigation start → the sign-in form painted, in Debian Chromium through the
 * web host, each load in a fresh browser context (cold cache). Median of 10 with min/max; baseline
 * `renderer.cold_start_blank_ms`: a page holding nothing but that form, served by a bare loopback
 * HTTP server and timed alike in the same kind of context, alternated → `renderer.cold_start_ratio`.
 * ipc.roundtrip_ms: renderer → web host → router → renderer, `app:ping` in the page; baseline
 * `ipc.roundtrip_ws_ms`: the same JSON echoed by a bare WebSocket server from the same page →
 * `ipc.roundtrip_ratio`. Medians of 5 rounds of 100 (min/max over the rounds' medians).
 * ipc.roundtrip_adapter_ms: the Electron adapter's handler + router in plain Node (Electron itself
 * cannot launch here, so this is the adapter's own overhead without Chromium's IPC); baseline
 * `ipc.roundtrip_adapter_direct_ms`: the ping handler awaited directly → `ipc.roundtrip_adapter_ratio`.
 * Medians of 5 rounds of 1000.
 */
export default async function run(report: Report): Promise<void> {
  const host = await startWebHostProcess();
  const browser = await launchChromium();
  try {
    const blank = await listen(createServer((_req, res) => res.setHeader('content-type', 'text/html').end(BLANK_PAGE)));
    const coldStarts: number[] = [];
    const blanks: number[] = [];
    for (let i = 0; i < 10; i++) {
      blanks.push(await coldStart(browser, blank.url, blank.url));
      // Authenticate this context once (the token redirect), then measure a clean navigation.
      coldStarts.push(await coldStart(browser, host.url, host.origin + '/'));
    }
    blank.server.close();
    report('renderer.cold_start_ms', median(coldStarts), 'ms', spread(coldStarts));
    report('renderer.cold_start_blank_ms', median(blanks), 'ms (a page of the sign-in form alone)', spread(blanks));
    report('renderer.cold_start_ratio', median(coldStarts) / median(blanks), 'ratio', ratioSpread(coldStarts, blanks));

    const echo = await listen(createServer());
    new WebSocketServer({ server: echo.server }).on('connection', (ws) => ws.on('message', (m) => ws.send(m.toString())));
    const page = await openLoggedPage(await browser.newContext({ bypassCSP: true }), []);
    await page.goto(host.url);
    await page.waitForSelector('form.sign-in');
    const rounds = await page.evaluate(
      async (wsUrl) => {
        const socket = new WebSocket(wsUrl);
        await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
        const echoed = (text: string) =>
          new Promise<void>((resolve) => {
            socket.addEventListener('message', () => resolve(), { once: true });
            socket.send(text);
          });
        const mid = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
        for (let i = 0; i < 50; i++) await Promise.all([window.huifang.app.ping({ nonce: 'warm' }), echoed('warm')]);
        const out: { ipc: number; ws: number }[] = [];
        for (let r = 0; r < 5; r++) {
          const ipc: number[] = [];
          const ws: number[] = [];
          for (let i = 0; i < 100; i++) {
            let t = performance.now();
            await window.huifang.app.ping({ nonce: String(i) });
            ipc.push(performance.now() - t);
            t = performance.now();
            await echoed(JSON.stringify({ channel: 'app:ping', payload: { nonce: String(i) } }));
            ws.push(performance.now() - t);
          }
          out.push({ ipc: mid(ipc), ws: mid(ws) });
        }
        socket.close();
        return out;
      },
      echo.url.replace('http:', 'ws:'),
    );
    echo.server.closeAllConnections();
    echo.server.close();
    const ipc = rounds.map((r) => r.ipc);
    const ws = rounds.map((r) => r.ws);
    report('ipc.roundtrip_ms', median(ipc), 'ms', spread(ipc));
    report('ipc.roundtrip_ws_ms', median(ws), 'ms (bare WebSocket echo from the same page)', spread(ws));
    report('ipc.roundtrip_ratio', median(ipc) / median(ws), 'ratio', ratioSpread(ipc, ws));
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
  const ping = (req: { nonce: string }) => ({ nonce: req.nonce, receivedAt: Date.now() });
  const adapter: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < 500; i++) await handler(event, 'app:ping', { nonce: 'warm' });
  for (let r = 0; r < 5; r++) {
    const viaAdapter: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 1000; i++) {
      let t = performance.now();
      await handler(event, 'app:ping', { nonce: String(i) });
      viaAdapter.push(performance.now() - t);
      t = performance.now();
      await Promise.resolve(ping({ nonce: String(i) }));
      plain.push(performance.now() - t);
    }
    adapter.push(median(viaAdapter));
    direct.push(median(plain));
  }
  report('ipc.roundtrip_adapter_ms', median(adapter), 'ms', spread(adapter));
  report('ipc.roundtrip_adapter_direct_ms', median(direct), 'ms (the handler awaited directly)', spread(direct));
  report('ipc.roundtrip_adapter_ratio', median(adapter) / median(direct), 'ratio', ratioSpread(adapter, direct));
}

const BLANK_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"></head><body><form class="sign-in"><label>Staff number <input name="staff"></label><button>Sign in</button></form></body></html>';

/** `server` listening on a free loopback port. */
async function listen(server: Server): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/**
 * One cold start in a fresh context: `first` is loaded (for the app: the token redirect that
 * authenticates the context), then navigation start → `form.sign-in` painted (rAF + rAF) on `measured`.
 */
async function coldStart(browser: Browser, first: string, measured: string): Promise<number> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstPaint?: Promise<number> };
      w.__firstPaint = new Promise((resolve) => {
        const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
        new MutationObserver((_m, obs) => {
          if (document.querySelector('form.sign-in')) {
            obs.disconnect();
            done();
          }
        }).observe(document, { childList: true, subtree: true });
      });
    });
    await page.goto(first);
    await page.waitForSelector('form.sign-in');
    await page.goto(measured);
    return await page.evaluate(() => (window as unknown as { __firstPaint: Promise<number> }).__firstPaint);
  } finally {
    await context.close();
  }
}
