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
  };
}

function orderRow(i: number, month: string): Record<string, unknown> {
  const day = pad((i % 28) + 1, 2);
  return {
    policy_no: `RB${pad(i, 9)}`,
    team: `T${i % 20}`,
    source_item_id: `wo-${i}`,
    raised_by: `${1000 + (i % 400)}`,
    category: CLASSES[i % 6] === 'problem' ? 'problem' : CLASSES[i % 6],
    kind: 'problem_explanation',
    result_kinds: JSON.stringify([i % 12 === 4 ? 'forged_signature' : 'risk_notice']),
    branch_code: `86${pad(i % 40, 4)}`,
    branch_name: `分支${i % 40}`,
    seller_code: `S${i % 3000}`,
    seller_may_handle: 1,
    created_at: `${month}-${day}T02:00:00.000Z`,
    from_date: `${month}-${day}`,
    due_date: `${month}-${day}`,
    working_days: 3,
    calendar_uncertain: 0,
    status: i % 2 ? 'done' : 'open',
    closed_at: null,
    closed_on: i % 2 ? `${month}-${day}` : null,
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
    if (CLASSES[i % 6] !== 'standard') yield ['work_orders', orderRow(i, month)];
  }
}

export function seedSqlite(file: string, n: number, month: string): void {
  seedSqliteRows(file, () => tables(n, month));
}

export async function seedPg(url: string, schema: string, n: number, month: string): Promise<void> {
  await seedPgRows(url, schema, ['cases', 'work_orders'], () => tables(n, month));
}
