import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Store } from '../../../center/store/open-store';
import { prepared, seedCases } from './seed';

/** One hand-built case of the report data set. */
interface HandCase {
  no: string;
  team?: string;
  channel: 'agency' | 'bancassurance';
  branch: 'B01' | 'B02';
  design: 'traditional' | 'dividend' | 'universal';
  deadline: string;
  status: string;
  result?: string;
  agent?: string;
  /** The policy's selling agent in the case JSON (default S9 销售九). */
  seller?: { code: string; name: string };
}

/** A work order as the branch left it. */
interface HandOrder {
  no: string;
  category: 'problem' | 'substandard' | 'verification';
  kinds: string[];
  branch: 'B01' | 'B02';
  from: string;
  due: string;
  closedOn?: string;
  seller?: string;
}

const BRANCH_NAMES = { B01: '甲支公司', B02: '乙支公司' } as const;

/** Stores the cases with the given deadline, status and result (as pushes would have left them). */
export async function storeHandCases(store: Store, cases: readonly HandCase[]): Promise<void> {
  await seedCases(
    store,
    cases.map((c) =>
      prepared(c.no, {
        team: c.team ?? 'A',
        overrides: {
          channel: { kind: c.channel },
          branch: { code: c.branch, name: BRANCH_NAMES[c.branch] },
          product: { design: c.design },
          agent: c.seller ?? { code: 'S9', name: '销售九' },
        },
      }),
    ),
  );
  for (const c of cases) {
    await store.db
      .updateTable('cases')
      .set({
        deadline: c.deadline,
        status: c.status,
        result_class: c.result ?? null,
        result_by: c.result ? (c.agent ?? null) : null,
        assigned_to: c.agent ?? null,
      })
      .where('policy_no', '=', c.no)
      .execute();
  }
}

export async function storeHandOrders(store: Store, team: string, orders: readonly HandOrder[]): Promise<void> {
  for (const o of orders) {
    await store.db
      .insertInto('work_orders')
      .values({
        policy_no: o.no,
        team,
        source_item_id: randomUUID(),
        raised_by: '1001',
        category: o.category,
        kind: 'problem_explanation',
        result_kinds: JSON.stringify(o.kinds),
        branch_code: o.branch,
        branch_name: BRANCH_NAMES[o.branch],
        seller_code: o.seller ?? null,
        seller_may_handle: 1,
        created_at: `${o.from}T09:00:00.000Z`,
        from_date: o.from,
        due_date: o.due,
        working_days: 3,
        calendar_uncertain: 0,
        status: o.closedOn ? 'done' : 'open',
        closed_at: o.closedOn ? `${o.closedOn}T09:00:00.000Z` : null,
        closed_on: o.closedOn ?? null,
        closed_by: o.closedOn ? '9001' : null,
        handled_by: null,
        outcome: o.closedOn ? '已处理' : null,
        late_explanation: null,
        late_explained_by: null,
        late_explained_at: null,
      })
      .execute();
  }
}

/** Downloads an XLSX answer and parses it back. */
export async function download(url: string, token: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** A row's values, column A first. */
export const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
