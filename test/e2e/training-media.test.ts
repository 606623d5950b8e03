import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, openLoggedPage } from './harness/chromium';
import type { TrainingCallReport } from './training-media/page';

// The training line's media in real Chromium: a desk user agent and the simulated customer in one
// page, connected over the in-process training wire with real WebRTC (sip.js's own session
// description handlers, ICE on loopback), the customer speaking its Opus clips through WebAudio.
// The page is served by a Vite dev server, as the renderer is built by Vite (the clips are `?url`
// assets). Run: npx vitest run --project e2e test/e2e/training-media.test.ts

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGE = '/training-media.html';
const HTML = `<!doctype html><meta charset="utf-8"><title>training media</title><script type="module" src="/test/e2e/training-media/page.ts"></script>`;

let server: ViteDevServer;
let origin = '';
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'huifang-training-media-'));
  server = await createServer({
    configFile: false,
    root: ROOT,
    cacheDir,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 7200, strictPort: false, fs: { allow: [ROOT, realpathSync(path.join(ROOT, 'node_modules'))] } },
    plugins: [
      {
        name: 'training-media-page',
        configureServer(s) {
          s.middlewares.use((req, res, next) => {
            if (req.url !== PAGE) return next();
            res.setHeader('content-type', 'text/html; charset=utf-8');
            res.end(HTML);
          });
        },
      },
    ],
  });
  await server.listen();
  // 7200 or the next free port (another run may hold it).
  origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function call(number: string, listenMs: number): Promise<TrainingCallReport> {
  const page = await openLoggedPage(await newContext(browser), log);
  await page.goto(`${origin}${PAGE}`);
  await page.waitForFunction(() => 'trainingCall' in window, undefined, { timeout: 60_000 });
  const report = await page.evaluate(([n, ms]) => window.trainingCall(n as string, ms as number), [number, listenMs] as const);
  await page.close();
  return report;
}

describe('the training line in Chromium: real WebRTC between the desk and a simulated customer in one page', () => {
  it('the desk registers, the persona answers, and its recorded speech arrives as audio packets with sound in them', async () => {
    const report = await call('13900009001', 4000);
    expect(report, log.join('\n')).toMatchObject({ registered: true, established: true, persona: 'cooperative' });
    expect(report.said).toEqual(['hello', 'its_me']);
    expect(report.iceState).toMatch(/connected|completed/);
    expect(report.packetsReceived, log.join('\n')).toBeGreaterThan(50);
    // Not silence: the clips were decoded and played into the call (a silent stream's energy stays ~0).
    expect(report.totalAudioEnergy).toBeGreaterThan(0.001);
    // Its silence between lines is still a live line (20 ms packets: 75 in 1.5 s), not a dead one.
    expect(report.packetsLater - report.packetsReceived).toBeGreaterThan(50);
  });
});
