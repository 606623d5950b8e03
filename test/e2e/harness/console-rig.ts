import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startCenterProcess } from './center-process';
import { launchChromium, newContext, openLoggedPage } from './chromium';
import type { ListeningProcess } from './listening-process';

/** A real centre process (demo data) serving the built console, and one Chromium for the pages. */
export interface ConsoleRig {
  readonly centre: ListeningProcess;
  /** The pages' console lines, kept for the artefacts of a failed test. */
  readonly log: string[];
  /** A fresh browser context (its own cookie jar, so its own console session). */
  openPage(): Promise<Page>;
}

/** Starts the rig before the file's tests and stops it after them. */
export function useConsoleRig(): ConsoleRig {
  let centre: ListeningProcess | undefined;
  let browser: Browser | undefined;
  const log: string[] = [];
  beforeAll(async () => {
    centre = await startCenterProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await centre?.stop();
  });
  return {
    get centre() {
      if (!centre) throw new Error('the console rig has not started (use it inside the file’s tests)');
      return centre;
    },
    log,
    openPage: async () => openLoggedPage(await newContext(browser!), log),
  };
}

/** Signs in through the console's own form (demo accounts share the password `demo1234`). */
export async function signInToConsole(page: Page, url: string, staffNo: string, password = 'demo1234'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
