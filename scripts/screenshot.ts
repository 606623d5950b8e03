// Regenerates the screenshots in docs/: the README's docs/screenshot.png (a practice call on the training
// line at 1440×900: a fresh desk with no SIP account, the identity question answered in the simulated
// customer's captions, personal data still masked) and
// docs/screens/<scene>-<width>.png for the screens agents, leads and QA work on all day, at 1280×720
// and 1440×900 — queue, the agent's day (agenda), case, script, outcome, QA replay, the lead's team view. A real visit is made
// for them: Kamailio on loopback, a speaking customer user agent, the web host with its embedded demo
// centre. Needs what the end-to-end tests need (chromium, kamailio, espeak-ng, sox).
// Run: npm run build:web && npx tsx scripts/screenshot.ts
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startCallRig } from '../test/e2e/harness/call-rig';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';
import { openWorkstation } from '../test/e2e/harness/workstation-page';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;
const DIR = 'docs/screens';

/** Shoots the current screen at both sizes (the layout reflows between them). */
async function shoot(page: Page, scene: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${DIR}/${scene}-${size.width}.png` });
  }
  await page.setViewportSize(SIZES[0]);
  console.log(`${scene}: written`);
}

async function signIn(page: Page, staffNo: string): Promise<void> {
  const form = page.getByRole('form', { name: '坐席登录' });
  await form.waitFor({ timeout: 30_000 });
  await form.getByLabel('工号').fill(staffNo);
  await form.getByLabel('密码').fill('demo1234');
  await page.keyboard.press('Enter');
}

/** Presses `keys`, then gives the screen a moment (the script moves one step per answer). */
async function keys(page: Page, ...list: string[]): Promise<void> {
  for (const k of list) {
    await page.keyboard.press(k);
    await page.waitForTimeout(250);
  }
}

/** docs/screenshot.png: what a newcomer sees on a fresh desk — a practice call a few steps in. */
async function trainingShot(): Promise<void> {
  const host = await startWebHostProcess();
  const { browser, page } = await openWorkstation(host.url, []);
  try {
    await page.setViewportSize(SIZES[1]);
    await signIn(page, '1001');
    await page.locator('[data-line="training"]').waitFor({ timeout: 30_000 });
    await page.getByRole('listbox', { name: '待回访队列' }).getByRole('option').first().waitFor({ timeout: 30_000 });
    await keys(page, '/');
    await page.keyboard.type('TRAIN-2');
    await keys(page, 'Enter', 'Enter');
    await page.getByRole('heading', { name: '回访件 TRAIN-2' }).waitFor();
    await keys(page, 'd');
    await page.getByRole('region', { name: '回访话术' }).waitFor({ timeout: 30_000 });
    // The customer has picked up and answered the identity question; the agent has not confirmed it
    // yet, so the case's personal data are still masked (docs/domain.md §4).
    await page.locator('.training-captions li[data-line="its_me"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: 'docs/screenshot.png' });
    console.log('screenshot (training line): written');
  } finally {
    await browser.close();
    await host.stop();
  }
}

mkdirSync(DIR, { recursive: true });
await trainingShot();
const rig = await startCallRig({ name: 'screens', agent: 1005, customer: 2005 });
const page = rig.page;
try {
  await page.setViewportSize(SIZES[1]);
  await signIn(page, '1001');
  const queue = page.getByRole('listbox', { name: '待回访队列' });
  await queue.getByRole('option').nth(2).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await shoot(page, 'queue');
  // The agent's own day: callbacks due, the day's figures, cases finished today (F2, Esc back).
  await keys(page, 'F2');
  await page.waitForTimeout(800);
  await shoot(page, 'agenda');
  await keys(page, 'Escape');
  await queue.waitFor();

  // The case: open the first one and correct its number to the customer user agent's.
  const policyNo = (await queue.getByRole('option').first().getAttribute('data-policy')) ?? '';
  await keys(page, 'Enter');
  await page.getByRole('heading', { name: `回访件 ${policyNo}` }).waitFor();
  await shoot(page, 'case');
  await keys(page, 'c');
  await page.keyboard.type(rig.customerPhone);
  await keys(page, 'Tab');
  await page.keyboard.type('演示：改为测试客户号码');
  await keys(page, 'Enter');
  await page.locator('form.correction').waitFor({ state: 'detached' });
  await page.waitForTimeout(800);

  // The script: identity, greeting, consent, then 否 on the first regulatory question (explanation shown).
  await keys(page, 'd');
  const script = page.getByRole('region', { name: '回访话术' });
  await script.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await keys(page, '1', 'Enter', 'Enter', '1', 'Enter', '2', 'Enter');
  await shoot(page, 'script');
  // 是 after the explanation, then 是 / read to the end of the script.
  for (let i = 0; i < 40 && (await page.getByText(/话术已完成/).count()) === 0; i++) {
    const answers = await script.getByRole('radiogroup').count();
    await keys(page, ...(answers > 0 ? ['1', 'Enter'] : ['Enter']));
  }
  await keys(page, 'Enter');
  await page.getByRole('region', { name: '回访结果确认' }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await shoot(page, 'outcome');
  await keys(page, 'Control+Enter');
  await queue.waitFor();
  await page.waitForTimeout(3000); // the recording is finalised

  // QA replay: QA 3001 on the same desk opens the session just made.
  await page.getByRole('button', { name: '退出登录' }).click();
  const confirm = page.getByRole('button', { name: /仍然退出|确认退出/ });
  if (await confirm.count()) await confirm.first().click();
  await signIn(page, '3001');
  await page.getByRole('heading', { name: '录音质检回放' }).waitFor({ timeout: 30_000 });
  await keys(page, '/');
  await page.keyboard.type(policyNo);
  await keys(page, 'Enter');
  await page.getByRole('heading', { name: `通话回放 ${policyNo}` }).waitFor({ timeout: 20_000 });
  await page.locator('audio').waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1500);
  await shoot(page, 'qa-replay');

  // The team lead's first screen.
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, '2001');
  await page.getByRole('heading', { name: /^班组工作台/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('listbox', { name: '班组回访件' }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  await shoot(page, 'lead-team');
} finally {
  await rig.stop();
}
