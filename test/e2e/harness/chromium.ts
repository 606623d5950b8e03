import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.HUIFANG_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags that matter on these machines (INFRA.md): offline, fake media, loopback WebRTC.
 * `loopbackIce: false` leaves out --allow-loopback-in-peer-connection, for calls to a non-browser
 * peer: it would pick a 127.0.0.1 candidate pair Chromium does not use (see harness/sip-peer.ts).
 */
export function chromiumArgs(fakeAudioWav?: string, options: { loopbackIce?: boolean } = {}): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (options.loopbackIce ?? true) args.push('--allow-loopback-in-peer-connection');
  if (fakeAudioWav) args.push(`--use-file-for-fake-audio-capture=${fakeAudioWav}`);
  return args;
}

/** Launches one headless Chromium (one per party: the fake-audio flag is browser-wide). */
export async function launchChromium(options: { fakeAudioWav?: string; loopbackIce?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (see .ci/run)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(options.fakeAudioWav, options) });
}

/**
 * tsx/esbuild name-preserving output references a `__name` helper inside functions passed to
 * `page.evaluate`/`addInitScript`; every page the harness opens defines it so benches run under tsx.
 */
const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/** A page that collects console output and page errors for failure reports. */
export async function openLoggedPage(context: BrowserContext, log: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(NAME_SHIM);
  page.on('console', (msg) => log.push(`[console.${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => log.push(`[pageerror] ${err.message}`));
  page.on('requestfailed', (req) => log.push(`[requestfailed] ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return page;
}

/** A fresh browser context (cold cache) whose pages define the `__name` helper (see NAME_SHIM). */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(NAME_SHIM);
  return context;
}
