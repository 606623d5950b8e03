// Regenerates docs/screenshot.png for the README: the web host with the embedded demo centre, signed
// in as the demo agent, the queue and first case open. Run: npx tsx scripts/screenshot.ts
import { openWorkstation, signInIfAsked } from '../test/e2e/harness/workstation-page';
import { startWebHostProcess } from '../test/e2e/harness/web-host-process';

const host = await startWebHostProcess();
const log: string[] = [];
const { browser, page } = await openWorkstation(host.url, log);
try {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInIfAsked(page);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('docs/screenshot.png written');
} finally {
  await browser.close();
  await host.stop();
}
