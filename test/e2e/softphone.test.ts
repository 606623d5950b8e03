import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallRig, type CallRig } from './harness/call-rig';
import type { CustomerUa } from './harness/customer-ua';
import { dialFromPanel, dtmfObservation, signInIfAsked, softphoneStatus, watchDtmf, workstationStats } from './harness/workstation-page';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('softphone through a real Kamailio, workstation and customer in two Chromiums', () => {
  let rig: CallRig;
  let page: Page;
  let customer: CustomerUa;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'sp', agent: 1001, customer: 2001, hostEnv: { HUIFANG_SIP_DISPLAY_NAME: '回访坐席 1001' }, kamailioLogTail: 200 });
    ({ page, customer } = rig);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The administrator: one test changes the ring time, which agents may not (only their own account).
    await signInIfAsked(page, '9001');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** Ends a call a failed assertion left up, so the next test starts idle. */
  const hangUpIfUp = async () => {
    const hangup = page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' });
    if (await hangup.isVisible().catch(() => false)) await hangup.click();
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 8000 }).toBe('idle');
  };

  it('registers with digest authentication and shows 已注册', async () => {
    rig.artefacts('softphone-register');
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 15_000 }).toBe('registered');
    expect(await page.getByRole('status', { name: '注册状态' }).textContent()).toContain('已注册');
  });

  it("the mic check before a call hears the agent's microphone", async () => {
    rig.artefacts('softphone-mic-check');
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '测试麦克风' }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('list', { name: '软电话提示' })
            .textContent()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toContain('麦克风正常');
  });

  it('calls the customer; audio flows both ways; hold, resume and hang-up work', async () => {
    rig.artefacts('softphone-call');
    await customer.setMode('answer');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
    expect(await page.getByRole('status', { name: '通话状态' }).textContent()).toContain('通话中');

    const ws1 = await workstationStats(page);
    const c1 = await customer.stats();
    await sleep(2000);
    const ws2 = await workstationStats(page);
    const c2 = await customer.stats();
    expect(ws2.packetsSent).toBeGreaterThan(ws1.packetsSent + 20);
    expect(ws2.packetsReceived).toBeGreaterThan(ws1.packetsReceived + 20);
    expect(c2.packetsSent).toBeGreaterThan(c1.packetsSent + 20);
    expect(c2.packetsReceived).toBeGreaterThan(c1.packetsReceived + 20);
    // The customer plays on an <audio> element (needed for recording it).
    const remoteAudio = await page.evaluate(() => {
      const el = document.querySelector('audio[data-softphone="remote-audio"]') as HTMLAudioElement | null;
      const stream = el?.srcObject as MediaStream | null;
      return { attached: !!stream, live: stream?.getAudioTracks().some((t) => t.readyState === 'live') ?? false };
    });
    expect(remoteAudio).toEqual({ attached: true, live: true });
    // Timer and mic level are on screen.
    await expect.poll(() => page.getByLabel('通话时长').textContent()).toMatch(/^00:0[1-9]/);
    await expect.poll(() => page.locator('meter').getAttribute('value'), { timeout: 5000 }).not.toBe('0');

    const panel = page.getByRole('region', { name: '软电话' });
    await panel.getByRole('button', { name: '保持' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).phase).toBe('held');
    await panel.getByRole('button', { name: '恢复通话' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).phase).toBe('established');

    await panel.getByRole('button', { name: '挂断' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).phase).toBe('idle');
    await expect.poll(async () => (await customer.state()).lastByeReceived).toBe(true);
  });

  it('DTMF from the keypad goes out as RFC 4733 telephone-events when both sides negotiated them', async () => {
    rig.artefacts('softphone-dtmf-rfc4733');
    await customer.setMode('answer');
    await customer.setTelephoneEvent(true);
    await customer.watchRfc4733(true);
    try {
      await dialFromPanel(page, '2001');
      await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
      await watchDtmf(page);
      const keypad = page.getByRole('group', { name: '拨号键盘' });
      // Pressed back to back, faster than one tone (120 ms + 70 ms gap) plays out: this once
      // dropped '5' and '#' (insertDTMF replaces the tone buffer; the controller now appends).
      for (const key of ['1', '5', '#', '0']) await keypad.getByRole('button', { name: `按键 ${key}` }).click();

      // Workstation side: telephone-event was in our offer and in the customer's answer, and our
      // RTCDTMFSender started every key, in order (`tonechange`).
      await expect.poll(async () => (await dtmfObservation(page)).tones, { timeout: 5000 }).toEqual(['1', '5', '#', '0']);
      expect(await dtmfObservation(page)).toMatchObject({ canInsertDTMF: true, localTelephoneEvent: true, remoteTelephoneEvent: true });
      // Customer side: the RTP packets that arrived there carry exactly these RFC 4733 events, in
      // order (decoded from the payloads by an encoded-transform tap on the customer's receiver;
      // this proves delivery over the media path, not that a real IVR would act on them).
      await expect.poll(async () => (await customer.state()).rfc4733Events, { timeout: 5000 }).toEqual(['1', '5', '#', '0']);
      // And no SIP INFO went out as well or instead.
      expect((await customer.state()).dtmfInfo).toEqual([]);
    } finally {
      await customer.watchRfc4733(false);
      await hangUpIfUp();
    }
  });

  it('DTMF falls back to SIP INFO (application/dtmf-relay) when the customer answers without telephone-event', async () => {
    rig.artefacts('softphone-dtmf-info');
    await customer.setMode('answer');
    await customer.setTelephoneEvent(false);
    try {
      await dialFromPanel(page, '2001');
      await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
      await watchDtmf(page);
      const before = await dtmfObservation(page);
      // The customer's answer really lacks telephone-event, so Chrome refuses RFC 4733 here.
      expect(before).toMatchObject({ canInsertDTMF: false, localTelephoneEvent: true, remoteTelephoneEvent: false });
      const keypad = page.getByRole('group', { name: '拨号键盘' });
      for (const key of ['2', '0', '*']) await keypad.getByRole('button', { name: `按键 ${key}` }).click();

      // Proves end to end: the customer's user agent received, through Kamailio, one in-dialog
      // INFO per key with the right digit, in order; and no RFC 4733 tone was played instead.
      await expect.poll(async () => (await customer.state()).dtmfInfo, { timeout: 5000 }).toHaveLength(3);
      const bodies = (await customer.state()).dtmfInfo;
      expect(bodies.map((b) => /^Signal=(.)\r\n/.exec(b)?.[1])).toEqual(['2', '0', '*']);
      expect(bodies.every((b) => /\r\nDuration=\d+/.test(b))).toBe(true);
      expect((await dtmfObservation(page)).tones).toEqual([]);
    } finally {
      await customer.setTelephoneEvent(true);
      await hangUpIfUp();
    }
  });

  it('maps an unknown user to wrong_number (404)', async () => {
    rig.artefacts('softphone-404');
    await dialFromPanel(page, '2999');
    await expect.poll(async () => (await softphoneStatus(page)).attempt, { timeout: 10_000 }).toBe('wrong_number');
    expect((await softphoneStatus(page)).sipCode).toBe('404');
  });

  it('maps a busy customer (486) to busy and a rejection (603) to declined', async () => {
    rig.artefacts('softphone-busy');
    await customer.setMode('busy');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).attempt, { timeout: 10_000 }).toBe('busy');
    expect((await softphoneStatus(page)).sipCode).toBe('486');
    await customer.setMode('decline');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).attempt, { timeout: 10_000 }).toBe('declined');
    expect((await softphoneStatus(page)).sipCode).toBe('603');
  });

  it('cancelling while it rings gives cancelled and the customer stops ringing', async () => {
    rig.artefacts('softphone-cancel');
    await customer.setMode('ring');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('ringing');
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '取消呼叫' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).attempt, { timeout: 10_000 }).toBe('cancelled');
    await expect.poll(async () => (await customer.state()).sessionState).toBe('Terminated');
  });

  it('keeps audio up when Kamailio dies mid-call and re-registers within 2 s of its restart, unaided', async () => {
    rig.artefacts('softphone-proxy-restart');
    await customer.setMode('answer');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');

    await rig.kamailio.kill();
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 5000 }).toMatch(/reconnecting|connecting/);
    const ws1 = await workstationStats(page);
    const c1 = await customer.stats();
    await sleep(2000);
    const ws2 = await workstationStats(page);
    const c2 = await customer.stats();
    expect(ws2.packetsReceived).toBeGreaterThan(ws1.packetsReceived + 20);
    expect(c2.packetsReceived).toBeGreaterThan(c1.packetsReceived + 20);
    expect((await softphoneStatus(page)).phase).toBe('established');

    await rig.kamailio.restart();
    const restartedAt = Date.now();
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 2000, interval: 50 }).toBe('registered');
    rig.log.push(`[measure] re-registered ${Date.now() - restartedAt} ms after the proxy restarted`);

    // The call outlived the proxy: hanging up must end it here even if the BYE cannot be routed.
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 8000 }).toBe('idle');
    // And a new call works again through the restarted proxy.
    await expect.poll(async () => (await customer.state()).registered, { timeout: 5000 }).toBe(true);
    await customer.hangup();
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
    await page.getByRole('region', { name: '软电话' }).getByRole('button', { name: '挂断' }).click();
    await expect.poll(async () => (await softphoneStatus(page)).phase).toBe('idle');
  });

  it('ends a call whose media died (ICE failed) by itself and says why', async () => {
    rig.artefacts('softphone-ice-failed');
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 5000 }).toBe('registered');
    await customer.setMode('answer');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 10_000 }).toBe('established');
    await customer.dropMedia();
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 60_000, interval: 500 }).toBe('idle');
    expect(await page.getByRole('list', { name: '软电话提示' }).textContent()).toContain('媒体连接中断');
  });

  it('a call nobody answers ends as no_answer after the configured ring time', async () => {
    rig.artefacts('softphone-ring-timeout');
    await page.evaluate(async () => {
      const view = await window.huifang.softphone.getConfig({});
      if (!view.ok || !view.value.config) throw new Error('no softphone config');
      await window.huifang.softphone.saveConfig({ config: { ...view.value.config, ringTimeoutSec: 5 } });
    });
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 5000 }).toBe('registered');
    await customer.setMode('ring');
    await dialFromPanel(page, '2001');
    await expect.poll(async () => (await softphoneStatus(page)).phase, { timeout: 5000 }).toBe('ringing');
    await expect.poll(async () => (await softphoneStatus(page)).attempt, { timeout: 15_000 }).toBe('no_answer');
  });

  it('a wrong SIP password is refused by the proxy and shown as 注册失败', async () => {
    rig.artefacts('softphone-wrong-password');
    await page.evaluate(async () => {
      const view = await window.huifang.softphone.getConfig({});
      if (!view.ok || !view.value.config) throw new Error('no softphone config');
      await window.huifang.softphone.saveConfig({ config: view.value.config, password: 'not-the-password' });
    });
    await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout: 10_000 }).toBe('failed');
    expect(await page.getByRole('status', { name: '注册状态' }).textContent()).toContain('注册失败');
  });
});
