import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { rememberSession } from '../../../console/api/client';
import { startTestCenter, type TestCenter } from '../../center/support/in-process-center';
import { consoleSignIn } from '../../center/support/console-client';

/**
 * A real centre in this process (SQLite, the centre tests' seed users) behind the console's
 * relative `fetch` calls: each goes to the centre with the signed-in user's cookie, as the browser
 * would send it. Screens under test then read and write the centre's real store.
 */
export async function consoleOnRealCentre(staffNo = '9001', opts: { archiveDir?: string } = {}): Promise<TestCenter> {
  // Under jsdom a module's URL is not a file URL, so the centre cannot find its console build by
  // itself; these tests render the screens here and need none.
  process.env.HUIFANG_CONSOLE_DIR ??= mkdtempSync(path.join(tmpdir(), 'h-admin-no-console-'));
  const center = await startTestCenter({ archiveDir: opts.archiveDir });
  const signed = await consoleSignIn(center.url, staffNo);
  if (!signed.browser) throw new Error(`console sign-in of ${staffNo} failed: ${JSON.stringify(signed.json)}`);
  const { cookie } = signed.browser;
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) =>
    realFetch(`${center.url}${input}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }),
  );
  rememberSession(signed.json.value);
  return center;
}
