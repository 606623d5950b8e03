import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { centerApi } from './harness/center-process';
import { signInToConsole, useConsoleRig } from './harness/console-rig';
import { csvText, row } from '../center/support/list-files';

/**
 * README "Web console" → administration, end to end: a real centre process (demo data, admin 9001)
 * serving the built console to Chromium. The admin creates an account (a second one with the same
 * staff number is refused and changes nothing), then uploads a small list and reads the per-row
 * report the centre answers: one row stored, one rejected with its reason, downloadable as XLSX.
 */
describe('an administrator works the centre from the web console', () => {
  const rig = useConsoleRig();
  let page: Page;
  beforeAll(async () => {
    page = await rig.openPage();
  });

  it('signs in and creates an agent who can then sign in at the centre; the same staff number again is refused', async () => {
    keepArtefactsOnFailure(
      'console-admin-users',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await signInToConsole(page, `${rig.centre.url}/console/admin-users`, '9001');
    await page.getByText('账号、团队、语言技能与角色').waitFor();
    const create = async () => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('工号').fill('1888');
      await dialog.getByLabel('姓名').fill('新来的坐席');
      await dialog.getByLabel('团队').fill('A');
      await dialog.getByLabel('初始密码').fill('first-pass-18');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      return dialog;
    };
    await create();
    await page.getByRole('cell', { name: '新来的坐席' }).waitFor();
    const me = (await (await centerApi(rig.centre.url, '1888', 'first-pass-18'))('/api/me')) as { role: string; team: string };
    expect(me).toMatchObject({ role: 'agent', team: 'A' });

    const dialog = await create();
    await dialog
      .getByRole('alert')
      .getByText(/1888 已存在/)
      .waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    expect(await page.getByRole('cell', { name: '新来的坐席' }).count()).toBe(1);
  });

  it('uploads a small list and sees the per-row report, filterable and downloadable as XLSX', async () => {
    keepArtefactsOnFailure(
      'console-admin-import',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.getByRole('menuitem', { name: '清单导入' }).click();
    await page.getByText('清单导入', { exact: true }).last().waitFor();
    const csv = Buffer.from(csvText([row(71), row(72, { 投保日期: 'bad' }), row(73)]), 'utf8');
    await page.getByLabel('选择清单文件（CSV 或 .xlsx）').setInputFiles({ name: '测试清单.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByText('测试清单.csv：共 3 行').waitFor();
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(3);
    expect(await table.getByText('拒收').count()).toBe(1);
    expect(await table.locator('tr', { hasText: 'PL00000072' }).textContent()).toContain('dates.application');

    await page.getByLabel('按结果筛选').click();
    await page.getByTitle('拒收（1）').click();
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
    const href = await page.getByRole('link', { name: '下载筛选结果（XLSX）' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/admin\/imports\/[0-9a-f-]{36}\/report\.xlsx\?outcome=rejected$/);
    const download = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
    }, href!);
    expect(download.status).toBe(200);
    expect(download.type).toContain('spreadsheetml');
    expect(download.size).toBeGreaterThan(1000);

    // A PDF picked by mistake is refused with the centre's reason before anything is read or stored.
    await page.getByLabel('选择清单文件（CSV 或 .xlsx）').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await page
      .getByRole('alert')
      .getByText(/PDF 文件，不是清单/)
      .waitFor();
  });
});
