import { seedPgRows, seedSqliteRows } from './bulk-seed';

/**
 * Synthetic month of results for the report benchmark, written by each engine's bulk path from a
 * generator (a million rows are never held at once). `data` carries only the fields the report
 * reads (channel, branch, product, agent): the figure is about the report's reading, not JSON size.
 */
const CHANNELS = ['agency', 'bancassurance', 'telesales', 'internet', 'broker'];
const DESIGNS = ['traditional', 'dividend', 'universal', 'investment_linked'];
const CLASSES = ['standard', 'standard', 'standard', 'substandard', 'problem', 'verification'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The order raised for case `i`, if any: its category, kinds and whether it was closed by its due date. */
function orderOf(i: number): { category: string; kinds: string[]; inTime: boolean } | null {
  const cls = CLASSES[i % 6]!;
  if (cls === 'standard') return null;
  return { category: cls, kinds: [i % 12 === 4 ? 'forged_signature' : 'risk_notice'], inTime: i % 2 === 1 };
}

/**
 * The facts migration 0030's triggers keep on the case, as they would compute them from the order:
 * written with the case so that PostgreSQL can load the orders without the triggers (below).
 */
function orderFacts(i: number): { order_in_time: number; order_kinds: string | null } {
  const o = orderOf(i);
  const listed = o !== null && (o.category === 'problem' || o.category === 'substandard');
  return { order_in_time: o?.inTime ? 1 : 0, order_kinds: listed ? `["${o.category}",${JSON.stringify(o.kinds)}]` : null };
}

function caseRow(i: number, month: string): Record<string, unknown> {
  const data = {
    channel: { kind: CHANNELS[i % 5] },
    branch: { code: `86${pad(i % 40, 4)}`, name: `分支${i % 40}` },
    product: { design: DESIGNS[i % 4] },
    agent: { code: `S${i % 3000}`, name: `业务员${i % 3000}` },
  };
  const cls = CLASSES[i % 6]!;
  return {
    policy_no: `RB${pad(i, 9)}`,
    data: JSON.stringify(data),
    team: `T${i % 20}`,
    language: 'mandarin',
    holder_age: 40,
    holder_phone: null,
    visit_mode: 'phone',
    kind: 'new',
    status: cls === 'verification' ? 'awaiting_branch' : 'completed',
    priority: 3,
    deadline: `${month}-${pad((i % 28) + 1, 2)}`,
    escalated: 0,
    flags: '[]',
    assigned_to: `${1000 + (i % 400)}`,
    assigned_at: `${month}-01T01:00:00.000Z`,
    attempt_count: 1,
    result_class: cls,
    result_by: `${1000 + (i % 400)}`,
    result_item_id: null,
    result_override: null,
    closed_reason: null,
    return_month: null,
    version: 2,
    imported_at: `${month}-01T00:00:00.000Z`,
    updated_at: `${month}-02T00:00:00.000Z`,
    ...orderFacts(i),
  };
}

function orderRow(i: number, month: string): Record<string, unknown> {
  const day = pad((i % 28) + 1, 2);
  const o = orderOf(i)!;
  return {
    policy_no: `RB${pad(i, 9)}`,
    team: `T${i % 20}`,
    source_item_id: `wo-${i}`,
    raised_by: `${1000 + (i % 400)}`,
    category: o.category,
    kind: 'problem_explanation',
    result_kinds: JSON.stringify(o.kinds),
    branch_code: `86${pad(i % 40, 4)}`,
    branch_name: `分支${i % 40}`,
    seller_code: `S${i % 3000}`,
    seller_may_handle: 1,
    created_at: `${month}-${day}T02:00:00.000Z`,
    from_date: `${month}-${day}`,
    due_date: `${month}-${day}`,
    working_days: 3,
    calendar_uncertain: 0,
    status: o.inTime ? 'done' : 'open',
    closed_at: null,
    closed_on: o.inTime ? `${month}-${day}` : null,
    closed_by: null,
    handled_by: null,
    outcome: null,
    late_explanation: null,
    late_explained_by: null,
    late_explained_at: null,
  };
}

/** Rows of both tables: every case, and a work order for each non-standard result. */
function* tables(n: number, month: string): Generator<['cases' | 'work_orders', Record<string, unknown>]> {
  for (let i = 0; i < n; i++) {
    yield ['cases', caseRow(i, month)];
    if (orderOf(i) !== null) yield ['work_orders', orderRow(i, month)];
  }
}

export function seedSqlite(file: string, n: number, month: string): void {
  seedSqliteRows(file, () => tables(n, month));
}

/**
 * On PostgreSQL the orders load with migration 0030's trigger off (their cases carry its facts
 * already): firing it rewrote every case with an order, leaving the table half again as large as
 * a load of it, and the plain scan the report is compared with slower by as much. The bench checks
 * that the report comes out as SQLite's, whose triggers run.
 */
export async function seedPg(url: string, schema: string, n: number, month: string): Promise<void> {
  const trigger = async (on: boolean) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`alter table ${schema}.work_orders ${on ? 'enable' : 'disable'} trigger work_orders_case_facts`);
    } finally {
      await client.end();
    }
  };
  await trigger(false);
  try {
    await seedPgRows(url, schema, ['cases', 'work_orders'], () => tables(n, month));
  } finally {
    await trigger(true);
  }
}
