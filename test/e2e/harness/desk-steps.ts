import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { softphoneStatus } from './workstation-page';

/*
 * The agent's steps at the desk that several end-to-end tests take on the way to what they check.
 * Each step waits for what it caused, so the next one starts on the screen it expects.
 */

/**
 * Waits for the sign-in form (坐席登录) and submits `staffNo` / `password` with Enter. `typing`:
 * keyboard only — types into the focused 工号 field, Tab, the password (no clicks, no fills).
 */
export async function signIn(page: Page, staffNo: string, options: { password?: string; typing?: boolean } = {}): Promise<void> {
  const password = options.password ?? 'demo1234';
  const form = page.getByRole('form', { name: '坐席登录' });
  await form.waitFor();
  if (options.typing) {
    await page.keyboard.type(staffNo); // the 工号 field has focus
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
  } else {
    await form.getByLabel('工号').fill(staffNo);
    await form.getByLabel('密码').fill(password);
  }
  await page.keyboard.press('Enter');
}

/** Waits (up to 30 s) until the queue (待回访队列) lists more than `moreThan` cases. */
export async function waitForQueue(page: Page, moreThan: number): Promise<void> {
  await expect.poll(() => page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').count(), { timeout: 30_000 }).toBeGreaterThan(moreThan);
}

/** Waits until the softphone panel says it is registered with the proxy. */
export async function waitForRegistered(page: Page, timeout = 20_000): Promise<void> {
  await expect.poll(async () => (await softphoneStatus(page)).registration, { timeout }).toBe('registered');
}

/** The policy numbers of the queue, top to bottom. */
export async function queuePolicies(page: Page): Promise<string[]> {
  return page
    .getByRole('listbox', { name: '待回访队列' })
    .getByRole('option')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-policy') ?? ''));
}

/** The heading of the script step on screen (the current question or statement). */
export async function scriptQuestion(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: '回访话术' }).getByRole('heading', { level: 3 }).first().textContent()) ?? '';
}

/**
 * Keyboard only: opens the queue's case `policyNo` by searching for it (/), corrects its number
 * to `number` with `note` (c), dials it (d) and waits for the script. `phonesAfterCorrection`:
 * also checks that the case then lists that many phone numbers.
 */
export async function openCaseCorrectAndDial(
  page: Page,
  policyNo: string,
  number: string,
  options: { note?: string; phonesAfterCorrection?: number } = {},
): Promise<void> {
  await page.keyboard.press('/');
  await page.keyboard.type(policyNo);
  await page.keyboard.press('Enter'); // to the list
  await page.keyboard.press('Enter'); // open
  await page.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
  await page.keyboard.press('c');
  await page.keyboard.type(number);
  await page.keyboard.press('Tab');
  await page.keyboard.type(options.note ?? '测试：改为测试客户号码');
  await page.keyboard.press('Enter');
  if (options.phonesAfterCorrection !== undefined) {
    await expect.poll(() => page.getByRole('listbox', { name: '联系电话' }).getByRole('option').count()).toBe(options.phonesAfterCorrection);
  }
  // The correction is saved when its form is gone and the dial button is enabled again.
  await page.locator('form.correction').waitFor({ state: 'detached' });
  await expect.poll(() => page.locator('.case-actions').getByRole('button', { name: /^拨打/ }).isEnabled()).toBe(true);
  await page.keyboard.press('d');
  await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 20_000 });
}

/** Presses `keys` on the script, then waits until the step changes or the script/call ends. */
export async function scriptStep(page: Page, ...keys: string[]): Promise<void> {
  const before = await scriptQuestion(page);
  for (const k of keys) await page.keyboard.press(k);
  await expect.poll(async () => (await scriptQuestion(page)) !== before || (await page.getByText(/话术已完成|通话已结束|回访已结束/).count()) > 0).toBe(true);
}
