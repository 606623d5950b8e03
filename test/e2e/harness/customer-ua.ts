import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLoggedPage } from './chromium';
import { SIP_DOMAIN } from './kamailio';
import type { CustomerMode, CustomerState } from '../customer/customer-page';

const customerDir = path.resolve(import.meta.dirname, '../customer');

/** The agent's greeting, for the workstation's fake microphone. */
export const AGENT_SPEECH = '您好，这里是人寿保险公司回访中心，请问是投保人本人吗？';

/** The customer's speech, spoken in Mandarin when espeak-ng has the voice. */
export const CUSTOMER_SPEECH = '您好，我是投保人本人，我已经收到保险合同，条款都清楚，谢谢。';

/**
 * Generates a 48 kHz mono WAV of speech with espeak-ng (+ sox), about `seconds` long (the text is
 * repeated with pauses). Chrome loops the file as the fake microphone.
 */
export function makeSpeechWav(dir: string, text = CUSTOMER_SPEECH, seconds = 20, name = 'speech'): string {
  mkdirSync(dir, { recursive: true });
  const raw = path.join(dir, `${name}-raw.wav`);
  const out = path.join(dir, `${name}.wav`);
  const voices = execFileSync('espeak-ng', ['--voices=zh'], { encoding: 'utf8' });
  const voice = /\bcmn\b/.test(voices) ? 'cmn' : 'en';
  execFileSync('espeak-ng', ['-v', voice, '-s', '150', '-w', raw, voice === 'cmn' ? text : 'Hello, this is the policy holder speaking.']);
  // Resample, add a short pause, and repeat until ~`seconds`.
  const once = Number(execFileSync('soxi', ['-D', raw], { encoding: 'utf8' }).trim()) + 0.5;
  const repeats = Math.max(0, Math.ceil(seconds / once) - 1);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', out, 'pad', '0', '0.5', 'repeat', String(repeats)]);
  return out;
}

let bundleDir: string | null = null;

/** Bundles test/e2e/customer/customer-page.ts (sip.js included) once per process. */
async function customerBundle(): Promise<string> {
  if (bundleDir && existsSync(path.join(bundleDir, 'customer.js'))) return bundleDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-customer-'));
  await build({
    entryPoints: [path.join(customerDir, 'customer-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(dir, 'customer.js'),
    logLevel: 'warning',
  });
  bundleDir = dir;
  return dir;
}

async function serveCustomer(): Promise<{ server: Server; url: string }> {
  const dir = await customerBundle();
  const html = readFileSync(path.join(customerDir, 'index.html'));
  const js = readFileSync(path.join(dir, 'customer.js'));
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/customer.js')) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** A running test customer in its own Chromium (the fake-audio flag is browser-wide). */
export interface CustomerUa {
  readonly page: Page;
  readonly browser: Browser;
  readonly user: string;
  readonly log: string[];
  setMode(mode: CustomerMode): Promise<void>;
  /** false: answer without RFC 4733 telephone-event in the SDP, so callers must use SIP INFO. */
  setTelephoneEvent(enabled: boolean): Promise<void>;
  /** true: decode RFC 4733 events received over RTP in calls answered from now on. */
  watchRfc4733(enabled: boolean): Promise<void>;
  state(): Promise<CustomerState>;
  stats(): Promise<{ packetsSent: number; packetsReceived: number; iceState: string | null }>;
  hangup(): Promise<void>;
  /** Closes the customer's peer connection without SIP (media dies, signalling does not). */
  dropMedia(): Promise<void>;
  /** Raw sip.js call to `target` (benchmark harness): ms to Established, or −SIP code. */
  call(target: string): Promise<number>;
  /** Raw sip.js registration of a fresh user agent for the same account (benchmark baseline): ms, or −1. */
  registerTimed(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a customer user agent: a second Chromium whose microphone is `wav`, a static page with
 * bundled sip.js, registered as `user` on the proxy at `wsUrl`. Mode `answer` auto-answers.
 */
export async function startCustomerUa(options: {
  wsUrl: string;
  user: string;
  password: string;
  wav?: string;
  mode?: CustomerMode;
  iceGatheringTimeout?: number;
  browser?: Browser;
}): Promise<CustomerUa> {
  const { server, url } = await serveCustomer();
  const ownBrowser = !options.browser;
  const browser = options.browser ?? (await launchChromium({ fakeAudioWav: options.wav }));
  const log: string[] = [];
  const page = await openLoggedPage(await browser.newContext(), log);
  await page.goto(url);
  await page.waitForFunction(() => 'customer' in window);
  const startOptions = {
    wsUrl: options.wsUrl,
    user: options.user,
    password: options.password,
    domain: SIP_DOMAIN,
    iceGatheringTimeout: options.iceGatheringTimeout,
  };
  const registered = await page.evaluate((o) => (window as unknown as { customer: { start(o: unknown): Promise<boolean> } }).customer.start(o), startOptions);
  if (!registered) throw new Error(`customer ${options.user} could not register:\n${log.join('\n')}`);
  type Api = { customer: Record<string, (...a: unknown[]) => unknown> };
  const invoke = <T>(method: string, ...args: unknown[]) =>
    page.evaluate(([m, a]) => (window as unknown as Api).customer[m as string]!(...(a as unknown[])), [method, args] as const) as Promise<T>;
  const ua: CustomerUa = {
    page,
    browser,
    user: options.user,
    log,
    setMode: (mode) => invoke('setMode', mode),
    setTelephoneEvent: (enabled) => invoke('setTelephoneEvent', enabled),
    watchRfc4733: (enabled) => invoke('watchRfc4733', enabled),
    state: () => invoke('state'),
    stats: () => invoke('stats'),
    hangup: () => invoke('hangup'),
    dropMedia: () => invoke('dropMedia'),
    call: (target) => invoke('call', target, SIP_DOMAIN),
    registerTimed: () => invoke('registerTimed', startOptions),
    async close() {
      await page.close().catch(() => undefined);
      if (ownBrowser) await browser.close().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  if (options.mode) await ua.setMode(options.mode);
  return ua;
}
