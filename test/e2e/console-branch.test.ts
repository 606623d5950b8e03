import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { keepArtefactsOnFailure } from './harness/artefacts';
import { centerApi } from './harness/center-process';
import { signInToConsole, useConsoleRig } from './harness/console-rig';

/**
 * README "Web console", end to end: a real centre process (demo data: branch user 6001 of 北京分公司
 * 8611, with orders of its own and of its sub-branch 861101) serving the built console to Chromium.
 * The branch signs in with a cookie session, sees its orders overdue first with the deadline in
 * working days, records a follow-up, and closes the overdue order with a revisit request and the
 * 逾期说明 — after which the centre holds the case as a returned case (docs/domain.md §7).
 */
describe('the branch works its orders in the web console', () => {
  const rig = useConsoleRig();
  let page: Page;
  beforeAll(async () => {
    page = await rig.openPage();
  });

  it('signs in, keeps the session across a reload without a readable token, and lists the overdue order first', async () => {
    keepArtefactsOnFailure(
      'console-branch-list',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await signInToConsole(page, `${rig.centre.url}/`, '6001');
    await page.getByText('本机构工单').waitFor();
    expect(await page.evaluate(() => document.cookie)).not.toContain('hf_session');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe('{}{}');
    await page.reload();
    await page.getByText('本机构工单').waitFor();
    const rows = page.locator('[data-order-id]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    await expect.poll(() => rows.first().textContent()).toMatch(/逾期 \d+ 个工作日/);
    expect(await rows.first().textContent()).toContain('DEMOWO0001');
    // The sub-branch's orders are the branch's too.
    expect(await page.locator('[data-order-id]', { hasText: '861101' }).count()).toBe(2);
  });

  it('opens the order from the keyboard, records a follow-up, and closes it with a revisit request and the 逾期说明', async () => {
    keepArtefactsOnFailure(
      'console-branch-order',
      () => [page],
      () => [...rig.log, ...rig.centre.log],
    );
    await page.locator('[data-order-id]').first().focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByText('工单 · 保单 DEMOWO0001').waitFor();
    await drawer.getByText('回访发现').waitFor();
    // The findings in words, not codes (the outcome scheme's labels, docs/domain.md §5).
    await drawer.getByText('沟通类问题（如记不清是否本人签名）').waitFor();
    await drawer.getByText('传统型').waitFor();

    await drawer.getByLabel('跟进情况').click();
    await page.getByTitle('已联系客户并解释').click();
    await drawer.getByRole('form', { name: '记录跟进' }).getByLabel('说明').fill('已电话联系客户，解释了犹豫期权利');
    await drawer
      .getByRole('form', { name: '记录跟进' })
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await drawer.getByText(/跟进 · 已联系客户并解释/).waitFor();

    await drawer.getByRole('tab', { name: '办结工单' }).click();
    const close = drawer.getByRole('form', { name: '办结工单' });
    await close.getByText(/申请重新回访/).click();
    await close.getByLabel('处理结果').fill('客户同意再次接受回访');
    await close.getByLabel('经办人工号').fill('6001');
    await close.getByLabel(/逾期说明/).fill('客户出差，联系延误');
    await close.getByRole('button', { name: /提\s*交/ }).click();
    await drawer.getByText(/已于 .* 办结/).waitFor();
    await page.keyboard.press('Escape');

    // The case is back in the call centre's queue as a returned case, straight in the queue of agent
    // 1001, who made its last call (still active in team A).
    const admin = await centerApi(rig.centre.url, '9001');
    const orders = (await admin('/api/team/work-orders?policyNo=DEMOWO0001')) as { status: string; outcome: string | null }[];
    expect(orders.map((o) => [o.status, o.outcome])).toEqual([['done', '客户同意再次接受回访']]);
    const returned = (await admin('/api/cases/DEMOWO0001')) as { status: string; kind: string; team: string; assignedTo: string | null };
    expect({ status: returned.status, kind: returned.kind, team: returned.team, assignedTo: returned.assignedTo }).toEqual({
      status: 'assigned',
      kind: 'returned',
      team: 'A',
      assignedTo: '1001',
    });
  });
});
