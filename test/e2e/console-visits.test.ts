import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { centerApi } from './harness/center-process';
import { signInToConsole, useConsoleRig } from './harness/console-rig';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed questionnaire')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ID card copy')]);

/**
 * README "Letter and in-person visits", end to end (docs/domain.md §4): a real centre process with
 * demo data (branch user 6001 of 北京分公司 8611; DEMOWO0002 and DEMOWO0003 are 核实件 whose phone
 * attempts are exhausted) serving the built console to Chromium. One case gets a letter (PDF,
 * mailed, returned with answers); the other an in-person visit, first without the ID copy (invalid,
 * said so), then with it (valid, its result counted).
 */
describe('the branch closes the loop by letter and in person in the web console', () => {
  const rig = useConsoleRig();
  let page: Page;
  beforeAll(async () => {
    page = await rig.openPage();
    await signInToConsole(page, `${rig.centre.url}/`, '6001');
    await page.getByText('本机构工单').waitFor();
  });

  it('prints a letter as a PDF, marks it mailed, and records the returned answers, which close the case', async () => {
    keepArtefactsOnFailure(
      'console-visits-letter',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.locator('.ant-menu-title-content', { hasText: '信函与上门回访' }).click();
    const row = page.locator('[data-visit-case="DEMOWO0002"]');
    await row.waitFor();
    await row.getByRole('checkbox').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /为选中的 1 件生成回访函/ }).click()]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await page.getByText(/回访函已生成并下载/).waitFor();

    await page.getByRole('tab', { name: '回访函' }).click();
    const letter = page.locator('[data-letter="DEMOWO0002"]');
    await letter.getByRole('button', { name: '登记寄出' }).click();
    const mail = page.getByRole('dialog');
    await mail.getByLabel('寄出日期').fill('2026-12-01');
    await mail.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('回访函状态：已寄出').waitFor();

    await letter.getByRole('button', { name: '已寄回（录入问卷）' }).click();
    const answers = page.getByRole('dialog');
    // Keyboard: the first question's radio group takes focus, Space picks 是.
    await answers.getByRole('radio', { name: '是' }).first().focus();
    await page.keyboard.press('Space');
    await answers.getByRole('radio', { name: '否' }).nth(1).check();
    await answers.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('回访函状态：已寄回').waitFor();
    await expect.poll(() => letter.textContent()).toContain('问题件');

    const admin = await centerApi(rig.centre.url, '9001');
    const kase = (await admin('/api/cases/DEMOWO0002')) as { status: string };
    expect(kase.status).toBe('completed');
  });

  it('an in-person visit without the ID copy is shown invalid; with the copy added it is valid and counted; the copy can be viewed', async () => {
    keepArtefactsOnFailure(
      'console-visits-in-person',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.getByRole('tab', { name: '待回访保单' }).click();
    await page.locator('[data-visit-case="DEMOWO0003"]').getByRole('button', { name: '登记上门回访' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('上门回访日期').fill('2026-12-02');
    await form.locator('input[type=file]').first().setInputFiles({ name: 'questionnaire.png', mimeType: 'image/png', buffer: PNG });
    await form.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText(/未上传身份证件复印件：本次上门回访无效/).waitFor();

    await page.getByRole('tab', { name: '上门回访' }).click();
    const visit = page.locator('[data-visit="DEMOWO0003"]');
    await visit.getByText('无效：缺身份证件复印件').waitFor();
    await visit.getByRole('button', { name: '补传身份证件复印件' }).click();
    const add = page.getByRole('dialog');
    await add.locator('input[type=file]').setInputFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await add.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('上门回访有效，回访结果：标准件').waitFor();
    await visit.getByText('有效', { exact: true }).waitFor();

    const href = await visit.getByRole('link', { name: '查看身份证件复印件' }).getAttribute('href');
    const shown = await page.request.get(`${rig.centre.url}${href}`);
    expect([shown.status(), shown.headers()['content-type']]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await shown.body()).equals(JPEG)).toBe(true);

    const admin = await centerApi(rig.centre.url, '9001');
    const kase = (await admin('/api/cases/DEMOWO0003')) as { status: string };
    expect(kase.status).toBe('completed');
  });
});
