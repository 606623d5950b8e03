import iconv from 'iconv-lite';
import { importFile, type ImportOptions } from '../../center/import/import-file';
import { DEFAULT_MAPPING, mergeMapping } from '../../center/import/column-mapping';
import { parseDate } from '../../center/import/parse-date';
import { getCaseRow } from '../../center/store/cases-repo';
import { applyPush } from '../../center/sync/push-service';
import { assignCases } from '../../center/assign/assign-cases';
import { pushItemSchema } from '../../shared/sync';
import type { Store } from '../../center/store/open-store';
import { enginesUnderTest } from './support/engines';
import { TODAY, seedUsers } from './support/seed';
import { HEADERS, gbkCsv, row, utf8Csv, xlsxBytes } from './support/list-files';
import { stateDigest } from './support/state-digest';
import { makeResidentId } from '../../shared/domain/resident-id';
import { get, loginAs, startTestCenter } from './support/in-process-center';

// Storage semantics (insert, update, dedup, reopen) run on every engine: each stores its batches its own way.
const engines = await enginesUnderTest();
let store: Store;

const run = (bytes: Uint8Array, fileName = 'list.csv', extra: Partial<ImportOptions> = {}) =>
  importFile(store, { bytes, fileName, actor: '9001', mapping: DEFAULT_MAPPING, today: TODAY, maxRows: 1000, ...extra });

async function data(policyNo: string) {
  const r = await getCaseRow(store.db, policyNo);
  return r ? JSON.parse(r.data) : undefined;
}

describe('date formats of core-system exports', () => {
  it.each([
    ['2026年3月5日', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026-03-05 14:30:00', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    [46086, '2026-03-05'],
    ['46086', '2026-03-05'],
    [new Date(Date.UTC(2026, 2, 5)), '2026-03-05'],
  ])('%s → %s', (input, out) => expect(parseDate(input)).toBe(out));
  it.each(['2026年13月5日', '2026/2/30', '20261340', 'yesterday', '12'])('%s is not a date', (input) => expect(parseDate(input)).toBeUndefined());
});

describe.each(engines)('lists stored on $name', (engine) => {
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    const o = await engine.open();
    store = o.store;
    dispose = o.dispose;
    await seedUsers(store);
  });
  afterEach(async () => dispose());

  describe('import of extracted lists', () => {
    it('reads a UTF-8 CSV with Chinese headers, Excel serials and Chinese date formats', async () => {
      const r = await run(utf8Csv([row(1), row(2), row(3)]));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.report.encoding).toBe('utf-8');
      expect(r.value.report.counts.inserted).toBe(3);
      const c = await data('PL00000001');
      expect(c.dates).toEqual({
        application: '2026-03-02',
        underwriting: '2026-03-03',
        print: '2026-03-04',
        receiptSigned: '2026-03-06',
        receiptEntered: '2026-03-09',
        receiptWrittenOff: '2026-03-09',
      });
      expect(c.premium.amount).toBe(5000);
      expect(c.policyholder.birthDate).toBe('1980-05-20');
      expect(c.term).toEqual({ unit: 'years', value: 20 });
      expect((await getCaseRow(store.db, 'PL00000001'))?.deadline).not.toBeNull();
    });

    it('detects a GBK CSV and decodes its names', async () => {
      const r = await run(gbkCsv([row(1)]));
      expect(r.ok && r.value.report.encoding).toBe('gbk');
      expect((await data('PL00000001')).policyholder.name).toBe('测试客户0001');
    });

    it('reads XLSX with date cells and serial numbers', async () => {
      const r = await run(await xlsxBytes([row(1, { 投保日期: new Date(Date.UTC(2026, 2, 2)), 承保日期: 46084 }), row(2)]), 'list.xlsx');
      expect(r.ok && r.value.report.format).toBe('xlsx');
      expect(r.ok && r.value.report.counts.inserted).toBe(2);
      const c = await data('PL00000001');
      expect(c.dates.application).toBe('2026-03-02');
      expect(c.dates.underwriting).toBe('2026-03-03');
    });

    it('lists every row: bad rows are rejected with field and reason and never stop the good ones', async () => {
      const rows = [
        row(1),
        row(2, { 投保日期: '2026年13月5日' }),
        row(3, { 投保人姓名: '' }),
        row(4, { 保费: '五千' }),
        row(1), // duplicate policy number
        row(6, { 保险期间: '1年' }),
        row(7, { 方言: '火星语' }),
        row(8),
      ];
      const r = await run(utf8Csv(rows));
      if (!r.ok) throw new Error(r.error.message.en);
      const rep = r.value.report;
      expect(rep.total).toBe(8);
      expect(rep.rows.map((x) => [x.line, x.outcome])).toEqual([
        [2, 'inserted'],
        [3, 'rejected'],
        [4, 'rejected'],
        [5, 'rejected'],
        [6, 'rejected'],
        [7, 'not_eligible'],
        [8, 'rejected'],
        [9, 'inserted'],
      ]);
      const fieldsOf = (line: number) => rep.rows.find((x) => x.line === line)?.problems?.map((p) => p.field);
      expect(fieldsOf(3)).toContain('dates.application');
      expect(fieldsOf(4)).toContain('policyholder.name');
      expect(fieldsOf(5)).toContain('premium.amount');
      expect(fieldsOf(6)).toContain('policyNo');
      expect(fieldsOf(8)).toContain('meta.language');
      const p = rep.rows.find((x) => x.line === 3)?.problems?.[0];
      expect(p?.message.zh.length).toBeGreaterThan(0);
      expect(p?.value).toBe('2026年13月5日');
      expect(rep.rows.find((x) => x.line === 7)?.reasons?.[0].en).toMatch(/one year/);
      const stored = await store.db.selectFrom('cases').select('policy_no').execute();
      expect(stored.map((s) => s.policy_no).sort()).toEqual(['PL00000001', 'PL00000006', 'PL00000008']);
    });

    it('flags shared numbers, the agent’s own number and 60+ policyholders, and still accepts the rows', async () => {
      const shared = '13912345678';
      const r = await run(
        utf8Csv([
          row(1, { 投保人电话: shared }),
          row(2, { 投保人电话: shared }),
          row(3, { 投保人电话: shared }),
          row(4, { 投保人电话: '13800000999' }),
          row(5, { 投保人出生日期: '1950-01-01', 投保人证件号码: makeResidentId('1950-01-01', 'male', 5) }),
          row(6, { 投保人电话: '12345' }),
        ]),
      );
      if (!r.ok) throw new Error(r.error.message.en);
      const flags = (n: number) => r.value.report.rows[n - 1].flags ?? [];
      expect(flags(1)).toContain('shared_number');
      expect(flags(3)).toContain('shared_number');
      expect(flags(4)).toContain('agent_phone_match');
      expect(flags(6)).toContain('phone_malformed');
      expect(flags(5)).toContain('aged_60_plus');
      expect(flags(2)).not.toContain('aged_60_plus');
      expect(r.value.report.flagged).toBeGreaterThanOrEqual(5);
    });

    it('a number shared across separate imports is still flagged (stored cases count)', async () => {
      const shared = '13912345670';
      await run(utf8Csv([row(1, { 投保人电话: shared }), row(2, { 投保人电话: shared })]));
      const r = await run(utf8Csv([row(3, { 投保人电话: shared }), row(4)]));
      if (!r.ok) throw new Error('import failed');
      expect(r.value.report.rows[0].flags).toContain('shared_number');
      expect(r.value.report.rows[1].flags ?? []).not.toContain('shared_number');
    });

    it('re-import updates without duplicating and never disturbs a case in progress', async () => {
      await run(utf8Csv([row(1), row(2), row(3)]));
      await assignCases(store, { capacity: 60, actor: '9001' });
      const holder = (await getCaseRow(store.db, 'PL00000002'))?.assigned_to as string;
      await applyPush(store, holder, [
        pushItemSchema.parse({
          id: crypto.randomUUID(),
          kind: 'attempt',
          policyNo: 'PL00000002',
          occurredAt: '2026-03-10T10:00:00+08:00',
          data: { channel: 'phone', outcome: 'no_answer' },
        }),
      ]);
      const r = await run(utf8Csv([row(1, { 保额: 200000 }), row(2, { 保额: 200000 }), row(3)]));
      if (!r.ok) throw new Error('import failed');
      expect(r.value.report.rows.map((x) => x.outcome)).toEqual(['updated', 'kept_in_progress', 'unchanged']);
      expect((await data('PL00000001')).premium.sumInsured).toBe(200000);
      expect((await data('PL00000002')).premium.sumInsured).toBe(100000);
      const n = await store.db.selectFrom('cases').select('policy_no').execute();
      expect(n).toHaveLength(3);
    });

    it('a column-mapping config maps a centre’s own headers', async () => {
      const { mapping, unknownFields } = mergeMapping({
        columns: { policyNo: ['POLICY_NO'], 'policyholder.name': ['客户姓名'], nonsense: ['x'] },
        values: { 'channel.kind': { 代理: 'agency' } },
      });
      expect(unknownFields).toEqual(['nonsense']);
      const headers = HEADERS.map((h) => (h === '保单号' ? 'POLICY_NO' : h === '投保人姓名' ? '客户姓名' : h));
      const r = await run(utf8Csv([row(1, { 销售渠道: '代理' })], headers), 'x.csv', { mapping });
      expect(r.ok && r.value.report.counts.inserted).toBe(1);
    });

    it('reports progress for large files', async () => {
      const phases = new Set<string>();
      const rows = Array.from({ length: 1200 }, (_, i) => row(i + 1));
      const r = await run(utf8Csv(rows), 'big.csv', { maxRows: 5000, onProgress: (p) => phases.add(`${p.phase}:${p.done === p.total}`) });
      expect(r.ok && r.value.report.counts.inserted).toBe(1200);
      expect(phases).toContain('read:true');
      expect(phases).toContain('store:true');
    });
  });

  describe('file-level failures are clear errors and store nothing', () => {
    async function fails(bytes: Uint8Array, name: string, pattern: RegExp, extra: Partial<ImportOptions> = {}) {
      const before = await stateDigest(store);
      const r = await run(bytes, name, extra);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message.en).toMatch(pattern);
        expect(r.error.message.zh.length).toBeGreaterThan(0);
      }
      expect(await stateDigest(store)).toBe(before);
    }

    it('a wrong encoding (Shift-JIS, binary)', async () => {
      await fails(iconv.encode('保険証券番号,氏名\nA1,テスト\n', 'shift_jis'), 'sjis.csv', /policy-number column|encoding/);
      await fails(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)), 'noise.csv', /encoding|policy-number/);
    });

    it('a truncated XLSX', async () => {
      const full = await xlsxBytes([row(1), row(2)]);
      await fails(full.subarray(0, Math.floor(full.length / 2)), 'cut.xlsx', /truncated or damaged/);
      await fails(Buffer.from('this is not a spreadsheet'), 'fake.xlsx', /truncated or damaged/);
    });

    it('an oversized file and too many rows', async () => {
      await fails(utf8Csv([row(1)]), 'a.csv', /size limit/, { maxBytes: 100 });
      await fails(utf8Csv([row(1), row(2), row(3)]), 'a.csv', /more than 2 data rows/, { maxRows: 2 });
      // The streamed XLSX reader stops counting at the limit: the rest of the sheet is never held.
      await fails(await xlsxBytes([row(1), row(2), row(3)]), 'a.xlsx', /more than 2 data rows/, { maxRows: 2 });
      await fails(await xlsxBytes([], []), 'blank.xlsx', /worksheet is empty/);
    });

    it('an empty file and a file without a policy-number column', async () => {
      await fails(Buffer.alloc(0), 'empty.csv', /empty/);
      await fails(Buffer.from('姓名,电话\n张测试,139\n'), 'x.csv', /policy-number column/);
    });
  });
});

describe('upload endpoint', () => {
  it('an admin uploads a list and gets NDJSON progress then the report', async () => {
    const center = await startTestCenter();
    try {
      const admin = await loginAs(center.url, '9001');
      const res = await fetch(`${center.url}/api/admin/import?progress=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('清单.csv') },
        body: new Uint8Array(gbkCsv([row(1), row(2, { 投保日期: 'bad' })])),
      });
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.some((l) => l.event === 'progress')).toBe(true);
      const done = lines[lines.length - 1];
      expect(done).toMatchObject({ event: 'done', ok: true });
      expect(done.value.fileName).toBe('清单.csv');
      expect(done.value.counts).toMatchObject({ inserted: 1, rejected: 1 });
      const tooBig = await fetch(`${center.url}/api/admin/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
        body: new Uint8Array(center.context.limits.maxUploadBytes + 1).fill(65),
      });
      expect(tooBig.status).toBe(413);
      const audit = await get(`${center.url}/api/admin/audit?action=admin.import`, admin);
      expect(audit.json.value).toHaveLength(1);
    } finally {
      await center.close();
    }
  });
});
