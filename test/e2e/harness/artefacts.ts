import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
/** Where failing end-to-end tests leave screenshots and logs. */
export const ARTEFACT_DIR = path.join(root, 'test-results/e2e');

/**
 * Call inside a test: when it fails, saves a screenshot of every page and all collected logs under
 * test-results/e2e/<test name>/.
 */
export function keepArtefactsOnFailure(name: string, pages: () => Page[], logs: () => string[]): void {
  onTestFailed(async () => {
    const dir = path.join(ARTEFACT_DIR, name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_'));
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const page of pages()) {
      try {
        await page.screenshot({ path: path.join(dir, `page-${i++}.png`), fullPage: true });
      } catch {
        /* page already closed */
      }
    }
    writeFileSync(path.join(dir, 'log.txt'), logs().join('\n'));
    console.error(`e2e artefacts kept in ${dir}`);
  });
}
