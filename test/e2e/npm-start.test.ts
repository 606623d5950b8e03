import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, openLoggedPage } from './harness/chromium';

const root = path.resolve(import.meta.dirname, '../..');

/** Electron's binary as its package would run it (present on a developer's machine, absent here). */
function electronInstalled(): boolean {
  const dir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

describe('npm start without Electron’s binary (README → The two commands)', () => {
  let child: ChildProcess | null = null;
  let browser: Browser | null = null;

  afterAll(async () => {
    await browser?.close();
    // The whole group: npm, the start script, the web host and its embedded centre.
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  });

  it('says so in one line, serves the same app through the web host and prints its URL; the sign-in screen loads', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HUIFANG_WEB_PORT: '0',
      HUIFANG_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huifang-npm-start-')),
      // The e2e project built the renderer already (npm run test:e2e); npm start builds it itself.
      HUIFANG_START_SKIP_BUILD: '1',
      // Where Electron is installed the fall-back is forced; here its real download fails.
      ...(electronInstalled() ? { HUIFANG_START_NO_ELECTRON: '1' } : {}),
    };
    const proc = spawn('npm', ['start', '--silent'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${out}\n${err}`)), 60_000);
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"event":"listening","url":"([^"]+)"/.exec(out);
        // The human line follows the JSON one and may arrive in a later chunk: wait for both.
        if (m && out.includes('已启动，请在浏览器中打开')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}\n${err}`)));
    });
    const lines = out.split('\n');
    const notice = lines.filter((l) => l.includes('Electron'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(/^Electron 运行文件无法获取（.+）：改用网页宿主运行同一应用/);
    expect(out).toContain(`回访坐席工作台 已启动，请在浏览器中打开: ${url}`);
    expect(`${out}\n${err}`).not.toMatch(/^\s+at /m); // no stack trace
    browser = await launchChromium();
    const page = await openLoggedPage(await browser.newContext(), []);
    await page.goto(url);
    await page.getByRole('heading', { name: '坐席登录' }).waitFor({ timeout: 20_000 });
  });
});
