import { enginesUnderTest } from './support/engines';
import { storeHandCases, storeHandOrders } from './support/report-data';
import { buildReport } from '../../center/reports/build-report';
import { resolvePeriod, type PeriodRange } from '../../center/reports/report-period';
import type { Store } from '../../center/store/open-store';

// Management report figures computed in the database (center/README.md "Management reports",
// docs/domain.md §8): the cases whose orders repeat a kind, span both categories or name a forged
// signature in ways the one-pass queries must count exactly as the definitions say.
const engines = await enginesUnderTest();
const FEB = resolvePeriod('2026-02', '2026-03-10') as PeriodRange;
const due = (no: string, result: string, extra: { seller?: { code: string; name: string } } = {}) => ({
  no,
  channel: 'agency' as const,
  branch: 'B01' as const,
  design: 'traditional' as const,
  deadline: '2026-02-10',
  status: 'completed',
  result,
  agent: '1001',
  ...extra,
});

describe.each(engines)('report figures on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engine.open();
    store = opened.store;
    dispose = opened.dispose;
    await storeHandCases(store, [
      due('RF000001', 'problem'),
      due('RF000002', 'problem', { seller: { code: 'S7', name: '销售七' } }),
      due('RF000003', 'verification'),
      due('RF000004', 'problem', { seller: { code: 'S7', name: '销售七乙' } }),
      due('RF000005', 'standard'),
    ]);
    await storeHandOrders(store, 'A', [
      // RF1: a revisit raised a second order with the same kind, and a substandard one.
      { no: 'RF000001', category: 'problem', kinds: ['mis_selling_risk'], branch: 'B01', from: '2026-02-02', due: '2026-02-09' },
      { no: 'RF000001', category: 'problem', kinds: ['mis_selling_risk', 'forged_signature'], branch: 'B01', from: '2026-02-03', due: '2026-02-09' },
      { no: 'RF000001', category: 'substandard', kinds: ['mis_selling_risk'], branch: 'B01', from: '2026-02-04', due: '2026-02-09' },
      // RF2: no seller code on the order: the case's selling agent S7 is the seller; twice, one policy.
      { no: 'RF000002', category: 'problem', kinds: ['prob_forged_signature'], branch: 'B02', from: '2026-02-05', due: '2026-02-12' },
      { no: 'RF000002', category: 'problem', kinds: ['forged_signature'], branch: 'B02', from: '2026-02-06', due: '2026-02-12' },
      // RF3: an order without kinds the branch closed in time is still a branch follow-up success.
      { no: 'RF000003', category: 'verification', kinds: [], branch: 'B01', from: '2026-02-05', due: '2026-02-12', closedOn: '2026-02-11' },
      // RF4: seller S7 by code, later than RF2's order: S7 keeps RF2's name and branch. "FORGED" is not the code.
      { no: 'RF000004', category: 'problem', kinds: ['forged_signature'], branch: 'B01', from: '2026-02-07', due: '2026-02-14', seller: 'S7' },
      { no: 'RF000005', category: 'problem', kinds: ['FORGED_SIGNATURE'], branch: 'B01', from: '2026-02-07', due: '2026-02-14', seller: 'S8' },
    ]);
  });
  afterAll(async () => dispose?.());

  it('a kind counts a case once whatever number of its orders carry it, in each category that carries it (§8)', async () => {
    const r = await buildReport(store, FEB, null, '2026-03-10');
    expect(r.total).toMatchObject({ due: 5, centreSuccess: 1, branchSuccess: 1 });
    expect(r.kindRates).toEqual([
      { resultClass: 'problem', kind: 'FORGED_SIGNATURE', cases: 1, ratePct: 20 },
      { resultClass: 'problem', kind: 'forged_signature', cases: 3, ratePct: 60 },
      { resultClass: 'problem', kind: 'mis_selling_risk', cases: 1, ratePct: 20 },
      { resultClass: 'problem', kind: 'prob_forged_signature', cases: 1, ratePct: 20 },
      { resultClass: 'substandard', kind: 'mis_selling_risk', cases: 1, ratePct: 20 },
    ]);
  });

  it('forged signatures: one per policy, the seller from the case when the order has none, named as on their first order (§8)', async () => {
    const r = await buildReport(store, FEB, null, '2026-03-10');
    expect(r.forgedBySeller).toEqual([
      { sellerCode: 'S7', sellerName: '销售七', branchCode: 'B02', cases: 2 },
      { sellerCode: 'S9', sellerName: '销售九', branchCode: 'B01', cases: 1 },
    ]);
  });
});
