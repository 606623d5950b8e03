import type { Page } from 'playwright-core';
import { launchChromium, openLoggedPage } from '../../test/e2e/harness/chromium';
import { signIn } from '../../test/e2e/harness/desk-steps';
import { startWebHostProcess } from '../../test/e2e/harness/web-host-process';
import type { Report } from '../run';
import { median, ratioSpread, spread } from './stats';
import { qaEvaluationOpenBench } from './qa-evaluation-open';

/**
 * Double-clicks the row of `sessionId` on QA's replay list and waits until its recording plays:
 * the player's `<audio>` has data and `play()` has reached `playing`. Timed in the page.
 */
function openUntilPlaying(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const row = document.querySelector(`[data-session="${id}"]`);
    if (!row) throw new Error(`no row for ${id}`);
    const t0 = performance.now();
    row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const audio = await new Promise<HTMLAudioElement>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no playable audio within 60 s')), 60_000);
      const poll = () => {
        const el = document.querySelector('audio');
        if (el && el.readyState >= 2) {
          clearTimeout(deadline);
          resolve(el);
        } else requestAnimationFrame(poll);
      };
      poll();
    });
    await new Promise<void>((resolve) => {
      audio.addEventListener('playing', () => resolve(), { once: true });
      void audio.play();
    });
    return performance.now() - t0;
  }, sessionId);
}

/**
 * The host's share of a local open, every byte of it: `playback:open` and every `playback:read` of the
 * call in the player's read size (512 KiB), fetched through the page's bridge, then the handle closed.
 */
function loadSlices(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const t0 = performance.now();
    const opened = await window.huifang.playback.open({ sessionId: id });
    if (!opened.ok) throw new Error(opened.error.message);
    const { handle, totalBytes } = opened.value;
    let offset = 0;
    while (offset < totalBytes) {
      const r = await window.huifang.playback.read({ handle, offset, length: 512 * 1024 });
      if (!r.ok) throw new Error(r.error.message);
      offset += atob(r.value.data).length;
    }
    await window.huifang.playback.close({ handle });
    return performance.now() - t0;
  }, sessionId);
}

/** Times a seek in the open player: the number key `3` (jump to the third question), or a plain `currentTime` set to the same point. */
async function seek(page: Page, how: 'question' | 'plain'): Promise<number> {
  // From the start each time, its own seek landed first.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const el = document.querySelector('audio')!;
        el.addEventListener('seeked', () => resolve(), { once: true });
        el.currentTime = 0;
      }),
  );
  await page.evaluate((plain) => {
    const el = document.querySelector('audio')!;
    const w = window as unknown as { __seek: Promise<number> };
    w.__seek = new Promise<number>((resolve) => {
      let t0 = 0;
      el.addEventListener('seeked', () => resolve(performance.now() - t0), { once: true });
      if (!plain) window.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
      else {
        t0 = performance.now();
        el.currentTime = Number(document.querySelectorAll('[data-offset-ms]')[2]!.getAttribute('data-offset-ms')) / 1000;
      }
    });
  }, how === 'plain');
  if (how === 'question') await page.keyboard.press('3');
  return page.evaluate(() => (window as unknown as { __seek: Promise<number> }).__seek);
}

/**
 * QA's replay of archived calls in Chromium through the web host (README "Evidence archive"):
 * - `archive.qa_open_ms`: a 10-minute call not yet on the QA desk chosen on the list → first audio
 *   plays (fetched from the centre over loopback: open, download, SHA-256, store; then opened as a
 *   playback handle and streamed into `<audio>` through MediaSource, which plays on the first range
 *   while the rest is still read); one distinct call per repetition. Baseline in the same page: the same
 *   call opened again, now local (`archive.qa_open_local_ms`) → `archive.qa_open_ratio`; beside them
 *   the host's share of a local open, every range of the whole call read alone (`archive.qa_open_slices_ms`).
 * - `archive.qa_seek_ms`: the number key `3` in the open player → the `<audio>` element's `seeked`
 *   (the jump to the third question); baseline: the same element seeked by setting `currentTime`
 *   (`archive.qa_seek_plain_ms`) → `archive.qa_seek_ratio`.
 */
export async function qaOpenBench(report: Report, centreUrl: string, sessionIds: readonly string[]): Promise<void> {
  const host = await startWebHostProcess({ env: { HUIFANG_CENTER_URL: centreUrl } });
  const browser = await launchChromium();
  const log: string[] = [];
  const page = await openLoggedPage(await browser.newContext(), log);
  try {
    await page.goto(host.url);
    await signIn(page, '3001', { password: 'secret-pass-1' }); // the bench centre's seeded users (test/center/support/seed.ts)
    const list = page.getByRole('listbox', { name: '通话记录' });
    const open: number[] = [];
    const local: number[] = [];
    const jump: number[] = [];
    const plain: number[] = [];
    const slices: number[] = [];
    for (const id of sessionIds) {
      await list.locator(`[data-session="${id}"][data-origin="centre"]`).waitFor({ timeout: 30_000 });
      open.push(await openUntilPlaying(page, id));
      await page.locator('[data-offset-ms]').nth(2).waitFor();
      for (let k = 0; k < 3; k++) {
        jump.push(await seek(page, 'question'));
        plain.push(await seek(page, 'plain'));
      }
      await page.keyboard.press('Escape');
      await list.locator(`[data-session="${id}"]`).waitFor();
      local.push(await openUntilPlaying(page, id));
      await page.keyboard.press('Escape');
      await list.waitFor();
      slices.push(await loadSlices(page, id));
    }
    report('archive.qa_open_ms', median(open), 'ms', spread(open));
    report('archive.qa_open_local_ms', median(local), 'ms', spread(local));
    report('archive.qa_open_ratio', median(open) / median(local), 'ratio', ratioSpread(open, local));
    report('archive.qa_open_slices_ms', median(slices), 'ms', spread(slices));
    report('archive.qa_seek_ms', median(jump), 'ms', spread(jump));
    report('archive.qa_seek_plain_ms', median(plain), 'ms', spread(plain));
    report('archive.qa_seek_ratio', median(jump) / median(plain), 'ratio', ratioSpread(jump, plain));
    // The same calls, now local, chosen from QA's work list for scoring (README "QA evaluations").
    await qaEvaluationOpenBench(report, browser, host.url, sessionIds, log);
  } catch (err) {
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    process.stderr.write(`${log.slice(-30).join('\n')}\n${host.log.slice(-30).join('\n')}\n${shown.slice(0, 2000)}\n`);
    throw err;
  } finally {
    await browser.close();
    await host.stop();
  }
}
