import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { startCenterProcess } from './harness/center-process';
import { launchChromium, newContext, openLoggedPage } from './harness/chromium';
import { signIn, waitForQueue } from './harness/desk-steps';
import type { ListeningProcess } from './harness/listening-process';
import { startWebHostProcess, type WebHostProcess } from './harness/web-host-process';

const ROOT = '/tmp/helper-address';

/**
 * README "The case centre address", end to end: a real centre in its own process, the real web
 * host with a fresh data dir and no HUIFANG_CENTER_URL, in Chromium. Once with IT's machine-wide
 * file naming the centre (HUIFANG_MACHINE_CONFIG stands in for /etc/huifang/config.json), once with
 * the address entered on the sign-in screen and kept across a restart of the desk.
 */
describe('the centre address at first run', () => {
  let centre: ListeningProcess;
  let browser: Browser;
  const hosts: WebHostProcess[] = [];
  const log: string[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(ROOT, { recursive: true });
    centre = await startCenterProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
    await centre?.stop();
  });

  async function startDesk(dataDir: string, machineConfig: string): Promise<{ host: WebHostProcess; page: Page }> {
    const host = await startWebHostProcess({ dataDir, env: { HUIFANG_CENTER_URL: '', HUIFANG_MACHINE_CONFIG: machineConfig } });
    hosts.push(host);
    const page = await openLoggedPage(await newContext(browser), log);
    pages.push(page);
    await page.goto(host.url);
    return { host, page };
  }

  const linkUrl = (page: Page) =>
    page.evaluate(async () => ((await window.huifang.center.getStatus({})) as { ok: boolean; value?: { url: string | null } }).value?.url);

  it('with IT’s machine-wide file naming a real centre, a fresh desk signs in there without asking, and the embedded centre never starts', async () => {
    keepArtefactsOnFailure(
      'centre-address-machine',
      () => pages,
      () => [...log, ...hosts.flatMap((h) => h.log), ...centre.log],
    );
    const machineDir = mkdtempSync(path.join(ROOT, 'machine-'));
    const machineConfig = path.join(machineDir, 'config.json');
    writeFileSync(machineConfig, JSON.stringify({ centerUrl: centre.url }));
    const { host, page } = await startDesk(mkdtempSync(path.join(ROOT, 'desk-machine-')), machineConfig);
    const form = page.getByRole('form', { name: '坐席登录' });
    await form.getByText(`案件中心：${centre.url}`).waitFor();
    expect(await form.getByText('由 IT 在本机全局配置文件中设置；如需更改请联系 IT').isVisible()).toBe(true);
    expect(await form.getByRole('button', { name: /中心/ }).count()).toBe(0);
    await signIn(page, '1001');
    await waitForQueue(page, 0);
    expect(await linkUrl(page)).toBe(centre.url);
    expect(host.log.join('\n')).not.toMatch(/\[center:stdout\].*listening/);
  });

  it('a desk keeps an address entered on the sign-in screen (after refusing a bad one), signs in there, and still has it after a restart', async () => {
    keepArtefactsOnFailure(
      'centre-address-kept',
      () => pages,
      () => [...log, ...hosts.flatMap((h) => h.log), ...centre.log],
    );
    const dataDir = mkdtempSync(path.join(ROOT, 'desk-kept-'));
    const noMachineFile = path.join(dataDir, 'no-machine-config.json');
    const first = await startDesk(dataDir, noMachineFile);
    const signInForm = first.page.getByRole('form', { name: '坐席登录' });
    await signInForm.getByText('案件中心：内置演示中心（演示数据）').waitFor();
    await signInForm.getByRole('button', { name: '连接中心…' }).click();
    const form = first.page.getByRole('form', { name: '连接案件中心' });
    await form.getByLabel('中心地址').fill('http://192.0.2.10:7441');
    await form.getByRole('button', { name: '检查并保存' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/^拒绝以明文 HTTP 连接远程中心/);
    await form.getByLabel('中心地址').fill(centre.url);
    await form.getByRole('button', { name: '检查并保存' }).click();
    await signInForm.getByText(`已连接到案件中心 ${centre.url}`).waitFor();
    await signIn(first.page, '1002');
    await waitForQueue(first.page, 0);
    expect(await linkUrl(first.page)).toBe(centre.url);
    await first.host.stop();

    const again = await startDesk(dataDir, noMachineFile);
    const form2 = again.page.getByRole('form', { name: '坐席登录' });
    await form2.getByText(`案件中心：${centre.url}`).waitFor();
    expect(await form2.getByRole('button', { name: '更改中心地址…' }).isVisible()).toBe(true);
    await signIn(again.page, '1002');
    await waitForQueue(again.page, 0);
    expect(await linkUrl(again.page)).toBe(centre.url);
  });
});
