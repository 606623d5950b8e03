import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallRig, type CallRig } from './harness/call-rig';
import { openCaseCorrectAndDial, queuePolicies, scriptQuestion, scriptStep, signIn, waitForQueue, waitForRegistered } from './harness/desk-steps';

/**
 * The team lead's live board (坐席实时监控) across two desks and a real centre: agent 1001 on
 * desk A calls the customer through Kamailio and answers the identity question; team lead 2001 on
 * desk B has the board open (F10) and sees 1001 in the call, on the case, with the next step's
 * text, within 10 s (the centre's push channel, polling as fallback). When the agent wraps up and
 * finishes the visit, the row goes to 话后整理 and then back to 就绪.
 */
describe('team lead live board', () => {
  let rig: CallRig;
  let desk: Page;
  let lead: Page;

  beforeAll(async () => {
    rig = await startCallRig({ name: 'live', agent: 1002, customer: 2007, center: true });
    desk = rig.page;
    ({ page: lead } = await rig.addDesk());
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const row = () => lead.locator('tr[data-staff="1001"]');
  const rowText = async () => ((await row().count()) > 0 ? ((await row().textContent()) ?? '') : '');

  /** Answers the current step with 是 (questions) or Enter (statements). */
  async function answerYes(): Promise<void> {
    const isQuestion = (await desk.getByRole('radiogroup', { name: '客户回答' }).count()) > 0;
    await (isQuestion ? scriptStep(desk, '1', 'Enter') : scriptStep(desk, 'Enter'));
  }

  it('the lead sees the agent in the call with the next question within 10 s, then back to ready after the visit', async () => {
    rig.artefacts('live-board');
    await signIn(desk, '1001');
    await waitForQueue(desk, 0);
    await waitForRegistered(desk);

    await signIn(lead, '2001');
    await lead.getByRole('button', { name: '坐席监控（F10）' }).waitFor({ timeout: 30_000 });
    await lead.keyboard.press('F10');
    await lead.getByRole('heading', { name: /^坐席实时监控/ }).waitFor();
    const board = lead.getByRole('grid', { name: '坐席实时状态' });
    await board.waitFor({ timeout: 15_000 });
    // 1001 signed in and ready; 1002 has not signed in anywhere.
    await expect.poll(rowText, { timeout: 10_000 }).toMatch(/^1001演示坐席就绪/);
    expect(await lead.locator('tr[data-staff="1002"]').textContent()).toContain('未登录');
    // Nothing to listen in to while no one is in a call (listen-in itself: listen-in.test.ts).
    expect(await lead.getByRole('button', { name: /监听/ }).count()).toBe(0);

    const [policyNo] = await queuePolicies(desk);
    await openCaseCorrectAndDial(desk, policyNo, rig.customerPhone);
    expect(await scriptQuestion(desk)).toMatch(/^您好！请问是.+吗？$/);
    await scriptStep(desk, '1', 'Enter'); // identity: 是
    const next = await scriptQuestion(desk);
    expect(next).not.toMatch(/^您好！请问是/);

    await expect.poll(rowText, { timeout: 10_000 }).toContain(next);
    const inCall = await rowText();
    expect(inCall).toContain('通话中');
    expect(inCall).toContain(policyNo);
    expect(inCall).toMatch(/第 2 \/ \d+ 步/); // the same step count as the agent's script
    expect(inCall).toMatch(/是$/); // last answer: identity 是
    // The agent's row is first: in a call sorts before everyone else.
    expect(await board.locator('tbody tr').first().getAttribute('data-staff')).toBe('1001');

    for (let i = 0; i < 40 && (await desk.getByText(/话术已完成/).count()) === 0; i++) await answerYes();
    await desk.keyboard.press('Enter'); // to the outcome: wrap-up
    await desk.getByRole('region', { name: '回访结果确认' }).waitFor();
    await expect.poll(rowText, { timeout: 10_000 }).toContain('话后整理');
    await desk.keyboard.press('Control+Enter');
    await desk.getByRole('listbox', { name: '待回访队列' }).waitFor();
    await expect.poll(rowText, { timeout: 10_000 }).toMatch(/^1001演示坐席就绪/);
    expect(await rowText()).not.toContain(policyNo);

    // Esc returns the lead to the workspace.
    await lead.keyboard.press('Escape');
    await lead.getByRole('button', { name: '坐席监控（F10）' }).waitFor();
  });
});
