import { storeImportChunk } from '../../center/store/import-repo';
import { CASE_REPORT_COLUMNS } from '../../center/store/db-schema-reports';
import { enginesUnderTest } from './support/engines';
import { prepared, TODAY } from './support/seed';

// An import writes its new cases as one flat list of column values (center/store/import-repo.ts,
// bulk-insert-cases.ts): every column must land where its name says, on both engines.
const engines = await enginesUnderTest();

describe.each(engines)('a new case an import stores on $name (docs/domain.md §2 and §7)', (engine) => {
  let env: Awaited<ReturnType<typeof engine.open>>;
  beforeEach(async () => {
    env = await engine.open();
  });
  afterEach(async () => {
    await env.dispose();
  });

  it('has every column the import decides: its data, centre fields, queue status, priority tier and flags', async () => {
    const verification = prepared('PV000001', { team: 'B7', language: 'cantonese', kind: 'verification' });
    const returned = { ...prepared('PR000001', { kind: 'returned', returnMonth: '2025-11' }), flags: ['aged_60_plus', 'shared_number'] };
    await storeImportChunk(env.store, [verification, returned], TODAY);
    const rows = await env.store.db.selectFrom('cases').selectAll().orderBy('policy_no').execute();
    const plain = rows.map((r) => {
      const out: Record<string, unknown> = { ...r };
      for (const c of CASE_REPORT_COLUMNS) delete out[c];
      for (const c of ['holder_age', 'priority', 'escalated', 'attempt_count', 'version']) out[c] = out[c] === null ? null : Number(out[c]);
      return out;
    });
    const common = {
      escalated: 0,
      assigned_to: null,
      assigned_at: null,
      attempt_count: 0,
      result_class: null,
      result_by: null,
      result_item_id: null,
      result_override: null,
      closed_reason: null,
      version: 1,
    };
    expect(plain[0]).toMatchObject({
      ...common,
      policy_no: 'PR000001',
      data: JSON.stringify(returned.data),
      team: 'A',
      language: 'mandarin',
      holder_age: returned.holderAge,
      holder_phone: returned.data.policyholder.phones[0],
      visit_mode: returned.visitMode,
      kind: 'returned',
      status: 'returned',
      priority: 5, // an older month's returned case (tier 2), not escalated
      deadline: returned.deadline,
      flags: '["aged_60_plus","shared_number"]',
      return_month: '2025-11',
    });
    expect(plain[1]).toMatchObject({
      ...common,
      policy_no: 'PV000001',
      data: JSON.stringify(verification.data),
      team: 'B7',
      language: 'cantonese',
      kind: 'verification',
      status: 'returned',
      priority: 1, // verification revisits first (tier 0), not escalated
      deadline: verification.deadline,
      flags: JSON.stringify(verification.flags),
      return_month: null,
    });
    expect(plain[0]!.imported_at).toBe(plain[0]!.updated_at);
    expect(typeof plain[0]!.imported_at).toBe('string');
  });
});
