import { sql, type Kysely } from 'kysely';
import { buildReport } from '../../center/reports/build-report';
import { resolvePeriod, type PeriodRange } from '../../center/reports/report-period';
import { openStore, type Store } from '../../center/store/open-store';
import { enginesUnderTest } from './support/engines';
import { openMigratedTo } from './support/migrated-to';
import { storeHandCases, storeHandOrders } from './support/report-data';

// The month's pass reads what a case's work orders say from the case itself (migration 0030,
// center/README.md "Management reports"): whichever way an order is raised, closed, moved or removed,
// the report counts the branch follow-up successes (docs/domain.md §8) and the kinds as the orders
// stand, and a centre that had orders before the migration reports them the same.
const engines = await enginesUnderTest();
const FEB = resolvePeriod('2026-02', '2026-03-10') as PeriodRange;
const report = (store: Store) => buildReport(store, FEB, null, '2026-03-10');
const order = (no: string, extra: { closedOn?: string; category?: 'problem' | 'substandard' | 'verification'; kinds?: string[] } = {}) => ({
  no,
  category: extra.category ?? ('problem' as const),
  kinds: extra.kinds ?? ['risk_notice'],
  branch: 'B01' as const,
  from: '2026-02-02',
  due: '2026-02-09',
  ...(extra.closedOn ? { closedOn: extra.closedOn } : {}),
});

describe.each(engines)('work-order facts of the month report on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const opened = await engine.open();
    store = opened.store;
    dispose = opened.dispose;
    const due = { channel: 'agency' as const, branch: 'B01' as const, design: 'traditional' as const, deadline: '2026-02-10', agent: '1001' };
    await storeHandCases(store, [
      { no: 'OF000001', ...due, status: 'completed', result: 'problem' },
      { no: 'OF000002', ...due, status: 'awaiting_branch', result: 'verification' },
    ]);
  });
  afterEach(async () => dispose?.());

  const setOrder = (no: string, set: Record<string, string | null>) =>
    sql`update work_orders set ${sql.join(Object.entries(set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`))} where policy_no = ${no}`.execute(store.db);

  it('a branch follow-up success counts once the branch closes an order by its due date, and no more once the due date moves before the closing (§8)', async () => {
    await storeHandOrders(store, 'A', [order('OF000001'), order('OF000002', { category: 'verification', kinds: [] })]);
    expect((await report(store)).total).toMatchObject({ due: 2, centreSuccess: 0, branchSuccess: 0 });
    await setOrder('OF000002', { status: 'done', closed_on: '2026-02-09' });
    expect((await report(store)).total).toMatchObject({ branchSuccess: 1 });
    // A holiday schedule loaded later moves the due date (center/calendar/load-holiday-schedule.ts).
    await setOrder('OF000002', { due_date: '2026-02-06' });
    expect((await report(store)).total).toMatchObject({ branchSuccess: 0 });
  });

  it("a case's kinds are those of its orders as they stand: a second order adds its kinds, a removed one takes them away (§8)", async () => {
    await storeHandOrders(store, 'A', [order('OF000001', { kinds: ['risk_notice'] })]);
    expect((await report(store)).kindRates).toEqual([{ resultClass: 'problem', kind: 'risk_notice', cases: 1, ratePct: 50 }]);
    await storeHandOrders(store, 'A', [order('OF000001', { category: 'substandard', kinds: ['mis_selling_risk'] })]);
    expect((await report(store)).kindRates).toEqual([
      { resultClass: 'problem', kind: 'risk_notice', cases: 1, ratePct: 50 },
      { resultClass: 'substandard', kind: 'mis_selling_risk', cases: 1, ratePct: 50 },
    ]);
    await sql`update work_orders set result_kinds = ${JSON.stringify(['forged_signature'])} where category = 'problem'`.execute(store.db);
    await sql`delete from work_orders where category = 'substandard'`.execute(store.db);
    expect((await report(store)).kindRates).toEqual([{ resultClass: 'problem', kind: 'forged_signature', cases: 1, ratePct: 50 }]);
    // Another column of the order (a revisit asked for) leaves the facts as they are.
    await sql`update work_orders set revisit_pending = 1`.execute(store.db);
    expect((await report(store)).kindRates).toHaveLength(1);
  });
});

/** A case row as a centre before migration 0030 stored it (only the columns the report reads matter). */
function oldCase(no: string, result: string): Record<string, unknown> {
  const data = { channel: { kind: 'agency' }, branch: { code: 'B01', name: 'B01' }, product: { design: 'traditional' }, agent: { code: 'S1', name: 'S1' } };
  return {
    policy_no: no,
    data: JSON.stringify(data),
    team: 'A',
    language: 'mandarin',
    visit_mode: 'phone',
    kind: 'new',
    status: result === 'verification' ? 'awaiting_branch' : 'completed',
    priority: 3,
    deadline: '2026-02-10',
    escalated: 0,
    flags: '[]',
    assigned_to: '1001',
    attempt_count: 1,
    result_class: result,
    result_by: '1001',
    version: 1,
    imported_at: '2026-02-01T00:00:00.000Z',
    updated_at: '2026-02-01T00:00:00.000Z',
  };
}

function oldOrder(no: string, n: number, category: string, kinds: string[], closedOn: string | null): Record<string, unknown> {
  return {
    policy_no: no,
    team: 'A',
    source_item_id: `old-${n}`,
    raised_by: '1001',
    category,
    kind: 'problem_explanation',
    result_kinds: JSON.stringify(kinds),
    branch_code: 'B01',
    branch_name: 'B01',
    seller_may_handle: 1,
    created_at: '2026-02-02T09:00:00.000Z',
    from_date: '2026-02-02',
    due_date: '2026-02-09',
    working_days: 5,
    calendar_uncertain: 0,
    status: closedOn ? 'done' : 'open',
    closed_on: closedOn,
  };
}

async function insert(db: Kysely<unknown>, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(cols.map((c) => row[c]))})`.execute(db);
}

describe.each(engines)('migration 0030-case-order-facts on $name (center/README.md "Management reports")', (engine) => {
  it('fills the facts of the cases whose orders were raised before it: the report counts them as the orders say (§8)', async () => {
    const old = await openMigratedTo(engine, '0029-desk-status-log');
    try {
      await insert(old.db, 'cases', oldCase('OM000001', 'problem'));
      await insert(old.db, 'cases', oldCase('OM000002', 'verification'));
      await insert(old.db, 'cases', oldCase('OM000003', 'standard'));
      await insert(old.db, 'work_orders', oldOrder('OM000001', 1, 'problem', ['risk_notice'], null));
      await insert(old.db, 'work_orders', oldOrder('OM000001', 2, 'problem', ['risk_notice', 'forged_signature'], '2026-02-12'));
      await insert(old.db, 'work_orders', oldOrder('OM000002', 3, 'verification', [], '2026-02-09'));
    } finally {
      await old.db.destroy();
    }
    const opened = await openStore(old.config);
    if (!opened.ok) throw new Error(opened.message);
    try {
      const r = await report(opened.store);
      // OM1's second order was closed after its due date: not a success; OM2's was closed on it.
      expect(r.total).toMatchObject({ due: 3, centreSuccess: 1, branchSuccess: 1 });
      expect(r.kindRates.map((k) => [k.kind, k.cases])).toEqual([
        ['forged_signature', 1],
        ['risk_notice', 1],
      ]);
    } finally {
      await opened.store.close();
      await old.done();
    }
  });
});
