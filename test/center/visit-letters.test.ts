import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../center/auth/password';
import { upsertUser } from '../../center/store/users-repo';
import { readAudit } from '../../center/store/audit-repo';
import { checkLetterFont, letterQuestions } from '../../center/visits/letter-pdf';
import { makeCase } from '../../shared/domain/fixtures';
import { enginesUnderTest } from './support/engines';
import { CHEAP, PASSWORD, prepared, seedAssignedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

/** Letter call-backs (README "Letter and in-person visits"; docs/domain.md §4: phone first, then letter or visit). */
describe.each(engines)('letter call-backs on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};

  const pushResult = async (policyNo: string, classification: string, kinds: string[]) => {
    const item = { id: randomUUID(), kind: 'result', policyNo, occurredAt: '2026-03-10T09:05:00+08:00', data: { classification, kinds } };
    const r = await post(`${center.url}/api/sync/push`, { items: [item] }, tokens['1001']);
    expect(r.json.value.acks[0].status).toBe('accepted');
  };
  const letterRows = () => center.context.store.db.selectFrom('visit_letters').selectAll().orderBy('policy_no').execute();

  async function printLetters(policyNos: string[], token: string): Promise<{ status: number; type: string | null; batch: string | null; bytes: Buffer }> {
    const res = await fetch(`${center.url}/api/visits/letters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ policyNos }),
    });
    return { status: res.status, type: res.headers.get('content-type'), batch: res.headers.get('x-letter-batch'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    const passwordHash = await hashPassword(PASSWORD, CHEAP);
    const branchUser = { role: 'branch' as const, team: 'A', languages: ['mandarin'], passwordHash };
    await upsertUser(store, { ...branchUser, staffNo: '5001', name: 'Branch B001', branchCode: 'B001' });
    await upsertUser(store, { ...branchUser, staffNo: '5002', name: 'Branch B002', branchCode: 'B002' });
    await seedAssignedCases(store, [
      prepared('PL000001'),
      prepared('PL000002', { overrides: { product: { design: 'dividend' } } }),
      prepared('PL000003'),
      prepared('PL000004', { overrides: { branch: { code: 'B002', name: 'Other' } } }),
    ]);
    for (const s of ['1001', '5001', '5002', '9001']) tokens[s] = await loginAs(center.url, s);
    for (const no of ['PL000001', 'PL000002', 'PL000004']) await pushResult(no, 'verification', ['wrong_number']);
  });
  afterAll(async () => center.close());

  it('prints one valid PDF with a page per exhausted case and records each letter with an audit entry', async () => {
    const r = await printLetters(['PL000001', 'PL000002'], tokens['5001']);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(r.bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(2);
    const rows = (await letterRows()).filter((x) => x.batch_id === r.batch);
    expect(rows.map((x) => [x.batch_id, x.policy_no, x.status, x.printed_by, x.branch_code])).toEqual([
      [r.batch, 'PL000001', 'printed', '5001', 'B001'],
      [r.batch, 'PL000002', 'printed', '5001', 'B001'],
    ]);
    const entries = await readAudit(center.context.store, { action: 'visits.letters_printed' });
    expect(entries.some((e) => e.target === r.batch && e.actor === '5001')).toBe(true);
  });

  it('refuses the whole batch and records nothing when one case is another branch, not exhausted or unknown', async () => {
    const before = (await letterRows()).length;
    const foreign = await printLetters(['PL000001', 'PL000004'], tokens['5001']);
    expect([foreign.status, JSON.parse(foreign.bytes.toString()).error.code]).toEqual([403, 'forbidden']);
    const stillCalling = await printLetters(['PL000003'], tokens['9001']);
    expect([stillCalling.status, JSON.parse(stillCalling.bytes.toString()).error.code]).toEqual([409, 'conflict']);
    const unknown = await printLetters(['PL999999'], tokens['9001']);
    expect([unknown.status, JSON.parse(unknown.bytes.toString()).error.code]).toEqual([404, 'unknown_case']);
    const twice = await printLetters(['PL000001', 'PL000001'], tokens['5001']);
    expect([twice.status, JSON.parse(twice.bytes.toString()).error.code]).toEqual([400, 'invalid_request']);
    const agent = await printLetters(['PL000001'], tokens['1001']);
    expect(agent.status).toBe(403);
    expect(await letterRows()).toHaveLength(before);
  });

  it('a letter is mailed, then returned; its answers are classified by the outcome scheme and it closes (docs/domain.md §6)', async () => {
    const printed = await printLetters(['PL000002'], tokens['5001']);
    const at = (id: string | null, no: string) => `${center.url}/api/visits/letters/${id}/${no}`;
    const early = await post(at(printed.batch, 'PL000002'), { event: 'returned', answers: {}, version: 1 }, tokens['5001']);
    expect([early.status, early.json.error.code]).toEqual([409, 'conflict']);
    const foreign = await post(at(printed.batch, 'PL000002'), { event: 'mailed', on: '2026-03-11', version: 1 }, tokens['5002']);
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'forbidden']);
    const mailed = await post(at(printed.batch, 'PL000002'), { event: 'mailed', on: '2026-03-11', version: 1 }, tokens['5001']);
    expect(mailed.json.value).toMatchObject({ status: 'mailed', version: 2, mailedOn: '2026-03-11' });
    const twice = await post(at(printed.batch, 'PL000002'), { event: 'mailed', on: '2026-03-12', version: 1 }, tokens['5001']);
    expect([twice.status, twice.json.error.code]).toEqual([409, 'conflict']);
    const badCode = await post(at(printed.batch, 'PL000002'), { event: 'returned', answers: { signature: 'maybe' }, version: 2 }, tokens['5001']);
    expect([badCode.status, badCode.json.error.code]).toEqual([400, 'invalid_request']);
    const stale = await post(at(printed.batch, 'PL000002'), { event: 'not_returned', version: 1 }, tokens['5001']);
    expect(stale.json.error.message.en).toMatch(/stale form/);
    const answers = { insurance_nature: 'yes', signature: 'no', product_description: 'yes' };
    const returned = await post(at(printed.batch, 'PL000002'), { event: 'returned', answers, version: 2 }, tokens['5001']);
    expect(returned.json.value).toMatchObject({ status: 'returned', version: 3, classification: 'problem' });
    const closed = await post(at(printed.batch, 'PL000002'), { event: 'not_returned', version: 3 }, tokens['5001']);
    expect(closed.json.error.message.en).toMatch(/closed/);
    const row = await center.context.store.db
      .selectFrom('visit_letters')
      .selectAll()
      .where('batch_id', '=', printed.batch as string)
      .executeTakeFirstOrThrow();
    expect([row.status, row.result_class, JSON.parse(row.answers as string)]).toEqual(['returned', 'problem', answers]);
    // Counted like a call result: the case closes as 问题件 and the branch gets its work order.
    const kase = await center.context.store.db.selectFrom('cases').selectAll().where('policy_no', '=', 'PL000002').executeTakeFirstOrThrow();
    expect([kase.status, kase.result_class, kase.result_by]).toEqual(['completed', 'problem', '5001']);
    const orders = await center.context.store.db.selectFrom('work_orders').selectAll().where('policy_no', '=', 'PL000002').execute();
    expect(orders.some((o) => o.kind === 'mis_selling_resolution')).toBe(true);
    const entries = await readAudit(center.context.store, { action: 'visits.letter_returned' });
    expect(entries.some((e) => e.actor === '5001' && e.target === 'PL000002')).toBe(true);
  });

  it('the other branch and admins may print their cases', async () => {
    const r = await printLetters(['PL000004'], tokens['5002']);
    expect(r.status).toBe(200);
    const admin = await printLetters(['PL000004'], tokens['9001']);
    expect(admin.status).toBe(200);
    expect(admin.batch).not.toBe(r.batch);
  });

  it('a letter not returned counts as an attempt and leaves the case waiting for its branch, eligible for a visit again (docs/domain.md §4)', async () => {
    const listed = async () => (await get(`${center.url}/api/visits`, tokens['5001'])).json.value;
    const before = await listed();
    const printed = before.letters.find((l: { policyNo: string; status: string }) => l.policyNo === 'PL000001' && l.status === 'printed');
    expect(printed).toBeDefined();
    // A letter on its way keeps the case off the eligible list: no second letter or visit meanwhile.
    expect(before.eligible.map((c: { policyNo: string }) => c.policyNo)).not.toContain('PL000001');
    const at = `${center.url}/api/visits/letters/${printed.batchId}/PL000001`;
    const attempts = async () =>
      await center.context.store.db.selectFrom('cases').select(['attempt_count', 'status']).where('policy_no', '=', 'PL000001').executeTakeFirstOrThrow();
    const was = await attempts();
    await post(at, { event: 'mailed', on: '2026-03-11', version: 1 }, tokens['5001']);
    const r = await post(at, { event: 'not_returned', version: 2 }, tokens['5001']);
    expect(r.json.value).toMatchObject({ status: 'not_returned', version: 3 });
    expect(await attempts()).toEqual({ attempt_count: Number(was.attempt_count) + 1, status: 'awaiting_branch' });
    const after = await listed();
    expect(after.eligible.map((c: { policyNo: string }) => c.policyNo)).toContain('PL000001');
    expect(after.letters.find((l: { batchId: string }) => l.batchId === printed.batchId)?.status).toBe('not_returned');
    const other = await (await get(`${center.url}/api/visits`, tokens['5002'])).json.value;
    expect(other.letters.every((l: { policyNo: string }) => l.policyNo === 'PL000004')).toBe(true);
  });
});

describe('letter questionnaire (docs/domain.md §5: the same regulatory questions as the phone script)', () => {
  it('asks the dividend question only for a dividend product, and no identity question', () => {
    const plain = letterQuestions(makeCase({ policyNo: 'PL1' }), 'Test Life');
    const dividend = letterQuestions(makeCase({ policyNo: 'PL2', product: { design: 'dividend' } }), 'Test Life');
    expect(plain.length).toBeGreaterThan(3);
    expect(dividend.length).toBeGreaterThan(plain.length);
    expect(plain.some((q) => q.id.includes('identity'))).toBe(false);
  });

  it('names the missing font and the package to install', () => {
    expect(checkLetterFont('/nonexistent/font.ttc')).toMatch(/fonts-wqy-microhei/);
    expect(checkLetterFont('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')).toBeUndefined();
  });
});
