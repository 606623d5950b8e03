import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { centerApi } from './harness/center-process';
import { signInToConsole, useConsoleRig } from './harness/console-rig';

/**
 * README "Web console", end to end with a real centre process (demo data) and Chromium: the
 * department head (a manager, demo 8001) opens the month's management report (docs/domain.md §8),
 * sees its charts and downloads the workbook; the administrator checks a holiday schedule with a
 * mistake in it, sees the error at its line and that nothing was loaded, then loads a correct one.
 */
describe('managers read reports and administrators review holiday schedules in the web console', () => {
  const rig = useConsoleRig();

  async function signIn(staffNo: string): Promise<Page> {
    const page = await rig.openPage();
    await signInToConsole(page, `${rig.centre.url}/`, staffNo);
    return page;
  }

  it('the department head opens the month’s report, sees the trend chart and downloads the XLSX (§8)', async () => {
    const page = await signIn('8001');
    keepArtefactsOnFailure(
      'console-reports-manager',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.getByRole('menuitem', { name: '管理报表' }).click();
    await page.waitForURL(/\/console\/reports$/);
    await page.getByText('回访成功率', { exact: true }).waitFor();
    // The wallboard is a team lead's screen, not in a department head's menu.
    expect(await page.getByRole('menuitem', { name: '班组看板' }).count()).toBe(0);

    const month = new Date().toISOString().slice(0, 7);
    const trend = page.getByRole('img', { name: `${month.slice(0, 4)} 年各月回访成功率` });
    // ECharts draws the year's months up to this one as an SVG line with its axis labels.
    await trend.locator('svg text', { hasText: new RegExp(`^${Number(month.slice(5, 7))} 月$`) }).waitFor();
    expect(await trend.locator('svg path').count()).toBeGreaterThan(2);
    await page.getByRole('img', { name: '各渠道、机构回访成功率' }).locator('svg').waitFor();

    const downloaded = async (name: string, exact: boolean) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact }).click()]);
      const workbook = new ExcelJS.Workbook();
      const bytes = await readFile((await download.path())!);
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      return { file: download.suggestedFilename(), workbook };
    };
    // A table's own link exports that table alone: its title, then the period it covers.
    const one = await downloaded('按机构 导出 XLSX', true);
    expect(one.file).toBe(`report-${month}-by_branch.xlsx`);
    expect(one.workbook.worksheets.map((w) => w.name)).toEqual(['按机构']);
    const sheet = one.workbook.getWorksheet('按机构')!;
    expect([sheet.getCell('A1').value, sheet.getCell('A2').value]).toEqual(['回访成功率（按机构）', `统计期间：${month}`]);
    // The button above the report exports the whole workbook, a sheet per table.
    const all = await downloaded('导出 XLSX', true);
    expect(all.file).toBe(`report-${month}.xlsx`);
    expect(all.workbook.worksheets.length).toBeGreaterThan(3);
  });

  it('an administrator checks a schedule with a date twice: the error is shown at its line and nothing is loaded; a correct one loads', async () => {
    const page = await signIn('9001');
    keepArtefactsOnFailure(
      'console-reports-calendar',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.getByRole('menuitem', { name: '节假日安排' }).click();
    await page.getByText('已载入的年份').waitFor();
    const good = await readFile('center/demo/holidays-2027.example.json', 'utf8');
    // The same day once more at the end of the National Day block, on line 11 of the file.
    const bad = good.replace('"2027-10-07"] }', '"2027-10-07", "2027-10-01"] }');
    const editor = page.getByLabel('国务院办公厅节假日安排（JSON）');
    await editor.fill(bad);
    await page.getByRole('button', { name: /检\s*查/ }).click();
    await page.getByText('发现 1 处错误，未载入任何内容').waitFor();
    await page.getByRole('row', { name: /第 11 行.*2027-10-01 重复列出/ }).waitFor();
    expect(await page.getByRole('button', { name: '载入该年份' }).isDisabled()).toBe(true);
    const admin = await centerApi(rig.centre.url, '9001');
    expect(((await admin('/api/admin/calendar')) as { years: unknown[] }).years).toEqual([]);

    await editor.fill(good);
    await page.getByRole('button', { name: /检\s*查/ }).click();
    await page.getByText('2027 年安排检查通过，请核对下方日历后再载入。').waitFor();
    expect(await page.locator('[data-date="2027-02-20"]').getAttribute('data-kind')).toBe('workday');
    expect(await page.locator('[data-date="2027-10-01"]').getAttribute('title')).toBe('国庆节');
    await page.getByRole('button', { name: '载入该年份' }).click();
    await page.getByText(/2027 年安排已载入：\d+ 件回访案件、\d+ 张工单的日期已重新计算。/).waitFor();
    await page.getByText('期限变动的回访案件').waitFor();
    // The loaded years and the past loads (with its 查看变动) each list 2027.
    await page.getByRole('cell', { name: '2027', exact: true }).nth(1).waitFor();
    await page.getByRole('button', { name: '查看变动' }).click();
    await page.getByText(/载入的 2027 年安排$/).waitFor();
    expect(((await admin('/api/admin/calendar')) as { years: { year: number }[] }).years.map((y) => y.year)).toEqual([2027]);
  });

  it('a team lead’s wallboard follows the centre’s pushed totals over an event stream with the console’s session cookie', async () => {
    const page = await signIn('2001');
    keepArtefactsOnFailure(
      'console-reports-wallboard',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    const stream = page.waitForResponse((r) => r.url().includes('/api/team/wallboard/stream'));
    await page.getByRole('menuitem', { name: '班组看板' }).click();
    const answered = await stream;
    expect([answered.status(), answered.headers()['content-type']]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const due = page.getByRole('status', { name: '今日到期' });
    await due.waitFor();
    expect(await due.textContent()).toMatch(/^\d+$/);
    await page.getByText(/数字随坐席结果实时更新 · 最近更新/).waitFor();
    expect(await page.getByText('与中心的连接中断，正在自动重连').count()).toBe(0);
  });
});
