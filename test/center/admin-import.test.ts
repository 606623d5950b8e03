import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readAudit } from '../../center/store/audit-repo';
import { purgeImportReports } from '../../center/admin/import-reports-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { HEADERS, row, utf8Csv } from './support/list-files';

const engines = await enginesUnderTest();

async function send(method: 'PUT' | 'POST', url: string, body: Uint8Array | unknown, token: string, headers: Record<string, string> = {}) {
  const raw = body instanceof Uint8Array;
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': raw ? 'application/octet-stream' : 'application/json', ...headers },
    body: raw ? (body as BodyInit) : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

const upload = (center: TestCenter, token: string, bytes: Uint8Array, name: string) =>
  send('POST', `${center.url}/api/admin/import`, bytes, token, { 'x-file-name': encodeURIComponent(name) });

async function caseCount(center: TestCenter): Promise<number> {
  const r = await center.context.store.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// README "Web console" → administration: list import, its report and column mapping; the assignment overview; SIP passwords.
describe.each(engines)('list import and assignment from the console on $name', (engine) => {
  let center: TestCenter;
  let admin: string;
  beforeAll(async () => {
    center = await startTestCenter({ engine, archiveDir: mkdtempSync(path.join(tmpdir(), 'h-admin-keys-')) });
    admin = await loginAs(center.url, '9001');
  });
  afterAll(async () => center.close());

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj'), 'list.csv', /PDF/],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'list.xls', /\.xls/],
    ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'photo.png', /PNG/],
    ['a .docx name', utf8Csv([row(1)]), 'list.docx', /\.docx/],
    ['text named .xlsx', utf8Csv([row(1)]), 'list.xlsx', /not an Excel workbook/],
    ['UTF-16 text', Buffer.from(`\ufeff保单号\nPL1\n`, 'utf16le'), 'list.csv', /UTF-16/],
  ])('an upload of %s is 415 unsupported_media_type and nothing is stored', async (_what, bytes, name, en) => {
    const r = await upload(center, admin, bytes, name);
    expect([r.status, r.json.error.code]).toEqual([415, 'unsupported_media_type']);
    expect(r.json.error.message.en).toMatch(en);
    expect(r.json.error.message.zh).toContain('CSV');
    expect(await caseCount(center)).toBe(0);
  });

  it('a header the default mapping does not know is read once an admin saves it in the mapping; unknown fields are refused', async () => {
    const headers = HEADERS.map((h) => (h === '保单号' ? '合同编号X' : h));
    const before = await upload(center, admin, utf8Csv([row(1)], headers), 'renamed.csv');
    expect([before.status, before.json.error.code]).toEqual([422, 'import_failed']);
    const typo = await send('PUT', `${center.url}/api/admin/import/mapping`, { columns: { policyNumber: ['合同编号X'] } }, admin);
    expect([typo.status, typo.json.error.code, typo.json.error.issues[0].path]).toEqual([400, 'invalid_request', 'policyNumber']);
    const saved = await send('PUT', `${center.url}/api/admin/import/mapping`, { columns: { policyNo: ['合同编号X'] } }, admin);
    expect(saved.status).toBe(200);
    expect(saved.json.value.fields.find((f: Json) => f.key === 'policyNo').headers).toContain('合同编号X');
    expect((await get(`${center.url}/api/admin/import/mapping`, admin)).json.value.saved.columns).toEqual({ policyNo: ['合同编号X'] });
    const after = await upload(center, admin, utf8Csv([row(1)], headers), 'renamed.csv');
    expect(after.json.value.counts.inserted).toBe(1);
    expect(await readAudit(center.context.store, { action: 'admin.import_mapping', limit: 5 })).toHaveLength(1);
  });

  it('the per-row report is kept and downloads as XLSX, whole or filtered to one outcome', async () => {
    const r = await upload(center, admin, utf8Csv([row(2), row(3, { 投保日期: 'bad' }), row(4)]), '清单.csv');
    expect(r.json.value.counts).toMatchObject({ inserted: 2, rejected: 1 });
    const id = r.headers.get('x-import-report-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const sheetRows = async (query: string) => {
      const res = await fetch(`${center.url}/api/admin/imports/${id}/report.xlsx${query}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const out: unknown[][] = [];
      wb.worksheets[0]!.eachRow((rw) => out.push((rw.values as unknown[]).slice(1)));
      return out.filter((cells) => typeof cells[0] === 'number');
    };
    expect((await sheetRows('')).map((c) => c[2])).toEqual(['新增', '拒收', '新增']);
    const rejected = await sheetRows('?outcome=rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toEqual([3, 'PL00000003', '拒收', expect.stringContaining('dates.application')]);
    const bad = await get(`${center.url}/api/admin/imports/${id}/report.xlsx?outcome=lost`, admin);
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);
    expect((await get(`${center.url}/api/admin/imports/nope/report.xlsx`, admin)).status).toBe(404);
  });

  it('kept import reports older than 180 days are purged, audited; younger ones stay (README "Web console" → 清单导入)', async () => {
    const db = center.context.store.db;
    const keep = { actor: '9001', file_name: 'list.csv', report: '{}' };
    await db
      .insertInto('import_reports')
      .values([
        { id: 'old-report', at: '2025-09-01T08:00:00.000Z', ...keep },
        { id: 'recent-report', at: '2026-02-01T08:00:00.000Z', ...keep },
      ])
      .execute();
    expect(await purgeImportReports(center.context.store, '2026-03-10')).toBe(1);
    const ids = (await db.selectFrom('import_reports').select('id').execute()).map((r) => r.id);
    expect(ids).toContain('recent-report');
    expect(ids).not.toContain('old-report');
    expect(await readAudit(center.context.store, { action: 'import.reports_purged', limit: 5 })).toMatchObject([
      { actor: 'system:retention', detail: { count: 1, keepDays: 180 } },
    ]);
    expect(await purgeImportReports(center.context.store, '2026-03-10')).toBe(0);
  });

  it('the assignment overview counts open cases by team, agent and language and follows a reassignment', async () => {
    await upload(center, admin, utf8Csv([row(10, { 方言: '粤语' }), row(11, { 方言: '粤语' }), row(12, { 回访组: 'B' })]), 'more.csv');
    expect((await send('POST', `${center.url}/api/team/assign`, { capacity: 60 }, admin)).status).toBe(200);
    const overview = async () => (await get(`${center.url}/api/admin/assignment`, admin)).json.value as Json[];
    const rows = await overview();
    const cantonese = rows.filter((x) => x.language === 'cantonese');
    expect(cantonese).toEqual([expect.objectContaining({ team: 'A', agent: '1002', agentName: '坐席乙', open: 2, escalated: 0 })]);
    const total = rows.reduce((n, x) => n + x.open, 0);
    expect(total).toBe(await caseCount(center));
    const moved = await send('POST', `${center.url}/api/team/reassign`, { policyNo: 'PL00000010', toStaffNo: '1001' }, admin);
    expect(moved.status).toBe(200);
    const after = (await overview()).filter((x) => x.language === 'cantonese');
    expect(after.map((x) => [x.agent, x.open])).toEqual([
      ['1001', 1],
      ['1002', 1],
    ]);
  });

  it('a SIP password is revealed only on its own request, and that reveal is audited', async () => {
    const account = { config: { sipUri: 'sip:1001@pbx.example.cn', authUser: '1001', wsUrl: 'wss://pbx.example.cn:7443/ws' }, password: 'digest-1001' };
    expect((await send('PUT', `${center.url}/api/admin/sip-accounts/1001`, account, admin)).status).toBe(200);
    const list = await get(`${center.url}/api/admin/sip-accounts`, admin);
    expect(JSON.stringify(list.json.value)).not.toContain('digest-1001');
    const shown = await get(`${center.url}/api/admin/sip-accounts/1001/password`, admin);
    expect(shown.json.value).toEqual({ staffNo: '1001', password: 'digest-1001' });
    expect(await readAudit(center.context.store, { action: 'admin.sip_password_revealed', limit: 5 })).toMatchObject([{ actor: '9001', target: '1001' }]);
    expect((await get(`${center.url}/api/admin/sip-accounts/1002/password`, admin)).status).toBe(404);
  });
});
