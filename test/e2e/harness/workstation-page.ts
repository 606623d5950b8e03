import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLoggedPage } from './chromium';

/**
 * Test instrumentation injected before the app loads: remembers every RTCPeerConnection the page
 * creates so a test can read getStats() packet counters (the app itself is not changed).
 */
const CAPTURE_PEER_CONNECTIONS = () => {
  const Original = window.RTCPeerConnection;
  const list: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = list;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      list.push(this);
    }
  } as typeof RTCPeerConnection;
};

/**
 * Opens the workstation in its own Chromium with `wav` as the agent's microphone (`loopbackIce:
 * false` for calls to a non-browser peer, see `chromiumArgs`).
 */
export async function openWorkstation(
  url: string,
  log: string[],
  wav?: string,
  options: { loopbackIce?: boolean } = {},
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium({ fakeAudioWav: wav, loopbackIce: options.loopbackIce });
  const page = await openLoggedPage(await browser.newContext(), log);
  await page.addInitScript(CAPTURE_PEER_CONNECTIONS);
  await page.goto(url);
  return { browser, page };
}

/** Audio packet counters of the workstation's newest peer connection. */
export async function workstationStats(page: Page): Promise<{ packetsSent: number; packetsReceived: number; iceState: string | null }> {
  return page.evaluate(async () => {
    const list = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = list.at(-1);
    let packetsSent = 0;
    let packetsReceived = 0;
    if (pc) {
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.kind !== 'audio') return;
        if (s.type === 'outbound-rtp') packetsSent += Number(s.packetsSent ?? 0);
        if (s.type === 'inbound-rtp') packetsReceived += Number(s.packetsReceived ?? 0);
      });
    }
    return { packetsSent, packetsReceived, iceState: pc?.iceConnectionState ?? null };
  });
}

/** Text and data attributes of the softphone panel's status lines. */
export async function softphoneStatus(
  page: Page,
): Promise<{ registration: string | null; phase: string | null; attempt: string | null; sipCode: string | null }> {
  return page.evaluate(() => {
    const q = (sel: string) => document.querySelector(sel);
    return {
      registration: q('[data-registration]')?.getAttribute('data-registration') ?? null,
      phase: q('[data-phase]')?.getAttribute('data-phase') ?? null,
      attempt: q('[data-attempt]')?.getAttribute('data-attempt') ?? null,
      sipCode: q('[data-attempt]')?.getAttribute('data-sip-code') ?? null,
    };
  });
}

/** Types a number into the softphone panel and presses 拨打. */
export async function dialFromPanel(page: Page, number: string): Promise<void> {
  const panel = page.getByRole('region', { name: '软电话' });
  await panel.getByLabel('电话号码').fill(number);
  await panel.getByRole('button', { name: '拨打' }).click();
}

/** Signs in with the demo agent (工号 1001 / demo1234) when the sign-in form is showing. */
export async function signInIfAsked(page: Page, staffNo = '1001', password = 'demo1234'): Promise<void> {
  const form = page.getByRole('form', { name: '坐席登录' });
  if (!(await form.isVisible().catch(() => false))) return;
  await form.getByLabel('工号').fill(staffNo);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.getByRole('region', { name: '软电话' }).waitFor({ timeout: 30_000 });
}

/** What the workstation's own RTCDTMFSender did during the current call (see `watchDtmf`). */
export interface DtmfObservation {
  /** `tonechange` tones in order (the empty end-of-buffer event left out). */
  tones: string[];
  canInsertDTMF: boolean | null;
  /** telephone-event present in the SDP we sent and in the SDP the customer answered with. */
  localTelephoneEvent: boolean;
  remoteTelephoneEvent: boolean;
}

/**
 * Starts recording `tonechange` events of the newest peer connection's first sender — the sender
 * sip.js's `sendDtmf` uses. Proves that Chrome started each tone on our side; what reached the far
 * end is checked there (`CustomerUa.watchRfc4733` decodes the received RTP).
 */
export async function watchDtmf(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[]; __dtmfTones: string[] };
    const dtmf = w.__peerConnections.at(-1)?.getSenders()[0]?.dtmf;
    if (!dtmf) throw new Error('no RTCDTMFSender on the call');
    w.__dtmfTones = [];
    dtmf.addEventListener('tonechange', (e) => {
      if (e.tone) w.__dtmfTones.push(e.tone);
    });
  });
}

/** Reads what `watchDtmf` recorded, plus the negotiated SDP's telephone-event lines. */
export async function dtmfObservation(page: Page): Promise<DtmfObservation> {
  return page.evaluate(() => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[]; __dtmfTones?: string[] };
    const pc = w.__peerConnections.at(-1);
    const te = (sdp: string | undefined) => /^a=rtpmap:\d+ telephone-event\//m.test(sdp ?? '');
    return {
      tones: [...(w.__dtmfTones ?? [])],
      canInsertDTMF: pc?.getSenders()[0]?.dtmf?.canInsertDTMF ?? null,
      localTelephoneEvent: te(pc?.localDescription?.sdp),
      remoteTelephoneEvent: te(pc?.remoteDescription?.sdp),
    };
  });
}

/**
 * One desk setting as the workstation's cache holds it (the `settings` table is not sealed), or
 * undefined while unset — how a test learns that the centre's desk settings have reached the desk.
 */
export async function cachedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('huifang-workstation');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('settings').objectStore('settings').get(k);
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { value?: unknown } | undefined)?.value);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    key,
  );
}
