import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeSpeechWav, startCustomerUa } from '../test/e2e/harness/customer-ua';
import { SIP_ACCOUNTS, startKamailio } from '../test/e2e/harness/kamailio';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';
import { openWorkstation, signInIfAsked } from '../test/e2e/harness/workstation-page';

type Report = (name: string, value: number, unit: string) => void;

const CALLS = 10;
const ICE_GATHERING_MS = 50;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Resolves (in the page) with Date.now() when `attr` of the softphone panel first equals `value`. */
function waitForAttr(page: Page, attr: 'data-registration' | 'data-phase', value: string, timeoutMs = 15_000): Promise<number> {
  return page.evaluate(
    ({ attr, value, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const check = () => document.querySelector(`[${attr}]`)?.getAttribute(attr) === value;
        if (check()) return resolve(Date.now());
        const obs = new MutationObserver(() => {
          if (check()) {
            obs.disconnect();
            resolve(Date.now());
          }
        });
        obs.observe(document.body, { subtree: true, attributes: true, childList: true });
        setTimeout(() => {
          obs.disconnect();
          reject(new Error(`${attr} never became ${value}`));
        }, timeoutMs);
      }),
    { attr, value, timeoutMs },
  );
}

/** Dials from the panel and returns ms from the click to "established" as the page saw it. */
async function workstationCallSetup(page: Page, number: string): Promise<number> {
  return page.evaluate(
    (number) =>
      new Promise<number>((resolve, reject) => {
        const panel = document.querySelector('section[aria-label="软电话"]')!;
        const input = panel.querySelector('input') as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, number);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const obs = new MutationObserver(() => {
          const phase = document.querySelector('[data-phase]')?.getAttribute('data-phase');
          if (phase === 'established') {
            obs.disconnect();
            resolve(performance.now() - t0);
          }
          if (phase === 'idle' && document.querySelector('[data-attempt]')?.getAttribute('data-attempt') !== 'connected' && performance.now() - t0 > 5) {
            /* a failed attempt keeps phase idle; wait for the timeout below */
          }
        });
        obs.observe(document.body, { subtree: true, attributes: true, childList: true });
        setTimeout(() => reject(new Error('call not established in 10 s')), 10_000);
        const button = [...panel.querySelectorAll('button')].find((b) => b.textContent === '拨打')!;
        const t0 = performance.now();
        button.click();
      }),
    number,
  );
}

async function hangupFromPanel(page: Page): Promise<void> {
  await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
  await waitForAttr(page, 'data-phase', 'idle');
}

/**
 * Softphone benchmarks on a real Kamailio on loopback: registration time, call setup through the
 * workstation vs a raw sip.js harness (same proxy, same callee, same ICE gathering timeout), and
 * re-registration after a proxy restart.
 */
export default async function run(report: Report): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huifang-sip-bench-'));
  const wav = makeSpeechWav(dir, undefined, 10);
  const kamailio = await startKamailio();
  const customer = await startCustomerUa({ wsUrl: kamailio.wsUrl, ...SIP_ACCOUNTS.customer(2001), wav, mode: 'answer', iceGatheringTimeout: ICE_GATHERING_MS });
  const raw = await startCustomerUa({ wsUrl: kamailio.wsUrl, ...SIP_ACCOUNTS.bench(3001), browser: customer.browser, iceGatheringTimeout: ICE_GATHERING_MS });
  const agent = SIP_ACCOUNTS.agent(1001);
  const host = await startWebHostProcess({
    env: {
      HUIFANG_SIP_WS: kamailio.wsUrl,
      HUIFANG_SIP_URI: `sip:${agent.user}@127.0.0.1`,
      HUIFANG_SIP_PASSWORD: agent.password,
      HUIFANG_SIP_ICE_GATHERING_MS: String(ICE_GATHERING_MS),
    },
  });
  const log: string[] = [];
  const { browser, page } = await openWorkstation(host.url, log);
  try {
    await page.getByRole('heading', { level: 1 }).waitFor();
    await signInIfAsked(page);
    await waitForAttr(page, 'data-registration', 'registered', 20_000);

    // Registration: save the account (as the settings screen would) → registered.
    const registerTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = await page.evaluate(() => Date.now());
      const done = waitForAttr(page, 'data-registration', 'connecting').then(() => waitForAttr(page, 'data-registration', 'registered'));
      await page.evaluate(async () => {
        const view = await window.huifang.softphone.getConfig({});
        if (!view.ok || !view.value.config) throw new Error('no config');
        await window.huifang.softphone.saveConfig({ config: view.value.config });
      });
      registerTimes.push((await done) - t0);
    }
    report('sip.register_ms', median(registerTimes), 'ms');

    // Call setup, interleaved so both harnesses see the same machine load.
    const ws: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < CALLS + 1; i++) {
      const w = await workstationCallSetup(page, '2001');
      await new Promise((r) => setTimeout(r, 300));
      await hangupFromPanel(page);
      const r = await raw.call('2001');
      if (r < 0) throw new Error(`raw call failed with ${-r}`);
      await new Promise((res) => setTimeout(res, 300));
      await raw.hangup();
      await new Promise((res) => setTimeout(res, 200));
      if (i > 0) {
        // the first call of each warms up getUserMedia and the JIT
        ws.push(w);
        rawTimes.push(r);
      }
    }
    const wsMedian = median(ws);
    const rawMedian = median(rawTimes);
    report('sip.call_setup_ms', wsMedian, 'ms');
    report('sip.call_setup_raw_ms', rawMedian, 'ms');
    report('sip.call_setup_ratio', wsMedian / rawMedian, 'ratio');

    // Re-registration after the proxy restarts (no user action).
    const rereg: number[] = [];
    for (let i = 0; i < 3; i++) {
      await kamailio.kill();
      await waitForAttr(page, 'data-registration', 'reconnecting');
      await kamailio.restart();
      const restartedAt = Date.now();
      rereg.push((await waitForAttr(page, 'data-registration', 'registered')) - restartedAt);
    }
    report('sip.reregister_after_proxy_restart_ms', median(rereg), 'ms');
  } finally {
    await browser.close().catch(() => undefined);
    await raw.close();
    await customer.close();
    await host.stop();
    await kamailio.stop();
  }
}
