import type { Browser, Page } from 'playwright-core';
import { openLoggedPage } from '../../test/e2e/harness/chromium';
import { signIn } from '../../test/e2e/harness/desk-steps';
import type { Report } from '../run';
import { median, ratioSpread, spread } from './stats';

/**
 * Claims and opens `sessionId` from QA's work list (its 打开评分 button) and waits until the
 * evaluation form shows its pre-filled items and the waveform has painted both lanes.
 */
function openForScoring(page: Page, sessionId: string): Promise<{ total: number; form: number }> {
  return page.evaluate(async (id) => {
    // Resolves with the time when `done()` first holds, polled every frame.
    const until = (done: () => boolean) =>
      new Promise<number>((resolve, reject) => {
        // On a timeout, say which of the two never came (and what the waveform says instead).
        const state = () =>
          `form ${document.querySelector('.qa-panel [role="option"]') ? 'ready' : 'missing'}, waveform ${document.querySelector('[data-painted="true"]') ? 'painted' : (document.querySelector('.review-waveform .review-note')?.textContent ?? 'not painted')}`;
        const deadline = setTimeout(() => reject(new Error(`not within 60 s: ${state()}`)), 60_000);
        const poll = () => (done() ? (clearTimeout(deadline), resolve(performance.now())) : requestAnimationFrame(poll));
        poll();
      });
    const button = document.getElementById(`qa-work-${id}`)?.querySelector('button');
    if (!button) throw new Error(`${id} is not on the work list`);
    const t0 = performance.now();
    button.click();
    const form = until(() => document.querySelector('.qa-panel [role="option"]') !== null);
    const wave = until(() => document.querySelector('[data-testid="waveform-canvas"][data-painted="true"]') !== null);
    const [f, w] = await Promise.all([form, wave]);
    return { total: Math.max(f, w) - t0, form: f - t0 };
  }, sessionId);
}

/** The baseline: the same call double-clicked on the plain replay list until its `<audio>` has data. */
function openFromList(page: Page, sessionId: string): Promise<number> {
  return page.evaluate(async (id) => {
    // Resolves with the time when `done()` first holds, polled every frame.
    const until = (done: () => boolean) =>
      new Promise<number>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('not within 60 s')), 60_000);
        const poll = () => (done() ? (clearTimeout(deadline), resolve(performance.now())) : requestAnimationFrame(poll));
        poll();
      });
    const row = document.querySelector(`[data-session="${id}"]`);
    if (!row) throw new Error(`no row for ${id}`);
    const t0 = performance.now();
    row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const t1 = await until(() => (document.querySelector('audio')?.readyState ?? 0) >= 2);
    return t1 - t0;
  }, sessionId);
}

/**
 * `qa.evaluation_open_ms` (README "QA evaluations"): a call chosen from QA's work list, its
 * recording already local (qaOpenBench fetched it) → the pre-filled evaluation form and the
 * waveform of both channels painted. A fresh page, so nothing is cached: the waveform is the one
 * the recorder put in the manifest (bench/archive.bench.ts), so nothing is decoded (a recording
 * without it is streamed and decoded within the figure). Baseline in the same page: the
 * same call opened from the plain replay list until its audio has data
 * (`qa.evaluation_open_list_ms`) → `qa.evaluation_open_ratio`. One distinct call per repetition.
 */
export async function qaEvaluationOpenBench(report: Report, browser: Browser, hostUrl: string, sessionIds: readonly string[], log: string[]): Promise<void> {
  const page = await openLoggedPage(await browser.newContext(), log);
  try {
    await page.goto(hostUrl);
    await signIn(page, '3001', { password: 'secret-pass-1' });
    const open: number[] = [];
    const formOnly: number[] = [];
    const list: number[] = [];
    for (const id of sessionIds) {
      await page.locator(`[id="qa-work-${id}"]`).waitFor({ timeout: 30_000 });
      const opened = await openForScoring(page, id);
      open.push(opened.total);
      formOnly.push(opened.form);
      await page.keyboard.press('Escape');
      await page.locator(`[data-session="${id}"]`).waitFor();
      list.push(await openFromList(page, id));
      await page.keyboard.press('Escape');
      await page.locator(`[data-session="${id}"]`).waitFor();
    }
    report('qa.evaluation_open_ms', median(open), 'ms', spread(open));
    report('qa.evaluation_open_form_ms', median(formOnly), 'ms', spread(formOnly));
    report('qa.evaluation_open_list_ms', median(list), 'ms', spread(list));
    report('qa.evaluation_open_ratio', median(open) / median(list), 'ratio', ratioSpread(open, list));
  } finally {
    await page.close();
  }
}
