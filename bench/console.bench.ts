import type { Page } from 'playwright-core';
import { prepared, seedCases, TODAY } from '../test/center/support/seed';
import { startTestCenter } from '../test/center/support/in-process-center';
import { addBranchUser } from '../test/center/support/console-client';
import { launchChromium, newContext } from '../test/e2e/harness/chromium';
import { median, ratioSpread, spread } from './lib/stats';
import type { Report } from './run';

const ORDERS = Number(process.env.HUIFANG_BENCH_ORDERS ?? 10_000);
const REPS = 5;

/** 10 000 open orders in branch 8611 (a third of them overdue), each on a stored case. */
async function seedOrders(center: Awaited<ReturnType<typeof startTestCenter>>): Promise<void> {
  const store = center.context.store;
  const policies = Array.from({ length: ORDERS }, (_, i) => `BENCHWO${String(i).padStart(6, '0')}`);
  for (let i = 0; i < ORDERS; i += 1000)
    await seedCases(
      store,
      policies.slice(i, i + 1000).map((p) => prepared(p)),
    );
  const day = (offset: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < ORDERS; i += 500) {
    const rows = policies.slice(i, i + 500).map((policyNo, k) => {
      const n = i + k;
      return {
        policy_no: policyNo,
        team: 'A',
        source_item_id: `bench-${n}`,
        raised_by: '1001',
        category: 'problem',
        kind: 'problem_explanation',
        result_kinds: '["communication"]',
        branch_code: n % 2 ? '861101' : '8611',
        branch_name: 'bench',
        seller_code: null,
        seller_may_handle: 1,
        created_at: `${day(-(n % 9))}T09:00:00Z`,
        from_date: day(-(n % 9)),
        due_date: day(3 - (n % 9)),
        working_days: 3,
        calendar_uncertain: 0,
        status: 'open',
      };
    });
    await store.db.insertInto('work_orders').values(rows).execute();
  }
  await addBranchUser(store, '6101', '8611');
  await addBranchUser(store, '6102', '9999');
}

/** Sign-in pressed → the list's first rows (or, for an empty branch, its empty list) painted; ms as the page saw it. */
async function signInToPaint(page: Page, url: string, staffNo: string, selector: string): Promise<number> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('密码').fill('secret-pass-1');
  return page.evaluate(
    (sel) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector('button[type="submit"]') as HTMLButtonElement;
        const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        const obs = new MutationObserver(() => {
          if (!document.querySelector(sel)) return;
          obs.disconnect();
          done();
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        setTimeout(() => reject(new Error(`${sel} not painted in 30 s`)), 30_000);
        const t0 = performance.now();
        button.click();
      }),
    selector,
  );
}

/**
 * console.work_orders_first_paint_ms: a branch with 10 000 open orders (its own and a
 * sub-branch's) signs in to the built console served by a real centre (in-process, SQLite) in
 * Chromium; from the click on 登录 to the first rows of the list painted. Its same-run baseline
 * is a branch with no orders signing in to its empty list in the same browser, alternated
 * (`console.work_orders_empty_paint_ms`, `console.work_orders_first_paint_ratio`). Needs
 * `npm run build:console` (the bench command builds it).
 */
export default async function run(report: Report): Promise<void> {
  const center = await startTestCenter({ today: TODAY });
  const browser = await launchChromium();
  try {
    await seedOrders(center);
    const full: number[] = [];
    const empty: number[] = [];
    for (let r = 0; r < REPS + 1; r++) {
      const a = await signInToPaint(await (await newContext(browser)).newPage(), center.url, '6101', '[data-order-id]');
      const b = await signInToPaint(await (await newContext(browser)).newPage(), center.url, '6102', '[data-orders-loaded="0"]');
      if (r === 0) continue; // the first of each warms the centre's statements and Chromium's cache
      full.push(a);
      empty.push(b);
    }
    report('console.work_orders_first_paint_ms', median(full), 'ms', spread(full));
    report('console.work_orders_empty_paint_ms', median(empty), 'ms', spread(empty));
    report('console.work_orders_first_paint_ratio', median(full) / median(empty), 'ratio', ratioSpread(full, empty));
  } finally {
    await browser.close();
    await center.close();
  }
}
