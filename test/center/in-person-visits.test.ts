import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../center/auth/password';
import { upsertUser } from '../../center/store/users-repo';
import { readAudit } from '../../center/store/audit-repo';
import { setCenterClock } from '../../center/store/clock';
import { purgeArchive } from '../../center/archive/archive-purge';
import { enginesUnderTest } from './support/engines';
import { CHEAP, PASSWORD, prepared, seedAssignedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { blobFile } from './support/upload-session';

const engines = await enginesUnderTest();

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed questionnaire page')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ID card copy: 110101199001011234')]);
const PDF = Buffer.from('%PDF-1.4\nscanned ID copy\n%%EOF');

/** Recursively lists the files under `dir` (none when it does not exist). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

/** In-person visits (README "Letter and in-person visits"; docs/domain.md §4: signed questionnaire plus ID copy, else invalid). */
describe.each(engines)('in-person visits on $name', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  const blobs = () => filesUnder(join(archiveDir, 'blobs'));
  // Sealed documents not yet adopted, and the request's sealed upload spools (center/server/upload-spool.ts).
  const scratch = () => filesUnder(join(archiveDir, 'incoming')).filter((f) => /visit-|upload-/.test(f));
  const visitRows = () => center.context.store.db.selectFrom('in_person_visits').selectAll().execute();
  const caseRow = (no: string) => center.context.store.db.selectFrom('cases').selectAll().where('policy_no', '=', no).executeTakeFirstOrThrow();

  async function upload(
    path: string,
    token: string,
    fields: Record<string, string>,
    files: Record<string, [Buffer, string, string]>,
  ): Promise<{ status: number; json: Json }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const [k, [data, name, type]] of Object.entries(files)) form.append(k, new Blob([new Uint8Array(data)], { type }), name);
    const res = await fetch(`${center.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, json: await res.json() };
  }
  const visitFields = (policyNo: string, answers: Record<string, string> = { insurance_nature: 'yes', signature: 'yes' }) => ({
    policyNo,
    visitedOn: '2026-03-09',
    answers: JSON.stringify(answers),
  });

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), `visits-${engine.name}-`));
    center = await startTestCenter({ engine, archiveDir });
    const store = center.context.store;
    const passwordHash = await hashPassword(PASSWORD, CHEAP);
    const branchUser = { role: 'branch' as const, team: 'A', languages: ['mandarin'], passwordHash };
    await upsertUser(store, { ...branchUser, staffNo: '5001', name: 'Branch B001', branchCode: 'B001' });
    await upsertUser(store, { ...branchUser, staffNo: '5002', name: 'Branch B002', branchCode: 'B002' });
    await seedAssignedCases(store, [
      prepared('PV000001'),
      prepared('PV000002'),
      prepared('PV000003'),
      prepared('PV000004', { overrides: { branch: { code: 'B002', name: 'Other' } } }),
      prepared('PV000005'),
      prepared('PV000006'),
    ]);
    for (const s of ['1001', '5001', '5002']) tokens[s] = await loginAs(center.url, s);
    for (const no of ['PV000001', 'PV000002', 'PV000004', 'PV000005', 'PV000006']) {
      const item = {
        id: randomUUID(),
        kind: 'result',
        policyNo: no,
        occurredAt: '2026-03-10T09:05:00+08:00',
        data: { classification: 'verification', kinds: ['wrong_number'] },
      };
      const r = await post(`${center.url}/api/sync/push`, { items: [item] }, tokens['1001']);
      expect(r.json.value.acks[0].status).toBe('accepted');
    }
  });
  afterAll(async () => center.close());

  it('without the ID copy a visit is kept as invalid and not counted; with it added the answers count like a call (docs/domain.md §4, §6)', async () => {
    const invalid = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000001', { insurance_nature: 'yes', signature: 'no' }), {
      questionnaire: [PNG, 'q.png', 'image/png'],
    });
    expect(invalid.status).toBe(200);
    expect(invalid.json.value).toMatchObject({ status: 'invalid', version: 1, classification: null, invalidReason: expect.stringMatching(/ID copy/) });
    expect((await caseRow('PV000001')).status).toBe('awaiting_branch');
    // Stored encrypted: the blob on disk does not hold the uploaded bytes.
    expect(blobs()).toHaveLength(1);
    expect(readFileSync(blobs()[0]).includes(Buffer.from('signed questionnaire'))).toBe(false);

    const again = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000001'), { questionnaire: [PNG, 'q.png', 'image/png'] });
    expect([again.status, again.json.error.code, again.json.error.message.en]).toEqual([
      409,
      'conflict',
      expect.stringMatching(/already has an invalid visit/),
    ]);

    const id = invalid.json.value.id as string;
    const valid = await upload(`/api/visits/in-person/${id}`, tokens['5001'], { version: '1' }, { idCopy: [JPEG, 'id.jpg', 'image/jpeg'] });
    expect(valid.json.value).toMatchObject({ status: 'valid', version: 2, classification: 'problem', kinds: ['forged_signature'], invalidReason: null });
    expect(valid.json.value.documents.map((d: Json) => d.part).sort()).toEqual(['id_copy', 'questionnaire']);
    const kase = await caseRow('PV000001');
    expect([kase.status, kase.result_class, kase.result_by]).toEqual(['completed', 'problem', '5001']);
    const orders = await center.context.store.db.selectFrom('work_orders').selectAll().where('policy_no', '=', 'PV000001').execute();
    expect(orders.some((o) => o.kind === 'mis_selling_resolution')).toBe(true);

    const closed = await upload(`/api/visits/in-person/${id}`, tokens['5001'], { version: '2' }, { idCopy: [JPEG, 'id.jpg', 'image/jpeg'] });
    expect([closed.status, closed.json.error.message.en]).toEqual([409, expect.stringMatching(/closed/)]);
    expect(blobs()).toHaveLength(2);
  });

  it('a visit with both documents is valid at once; a stale form for an invalid visit is refused and stores nothing', async () => {
    const both = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000002'), {
      questionnaire: [PDF, 'q.pdf', 'application/pdf'],
      idCopy: [JPEG, 'id.jpg', 'image/jpeg'],
    });
    expect(both.json.value).toMatchObject({ status: 'valid', classification: 'standard' });
    expect((await caseRow('PV000002')).result_class).toBe('standard');
    expect(scratch()).toEqual([]); // the spools go when the request ends

    const invalid = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000005'), { questionnaire: [PNG, 'q.png', 'image/png'] });
    const before = blobs().length;
    const stale = await upload(`/api/visits/in-person/${invalid.json.value.id}`, tokens['5001'], { version: '7' }, { idCopy: [JPEG, 'id.jpg', 'image/jpeg'] });
    expect([stale.status, stale.json.error.message.en]).toEqual([409, expect.stringMatching(/stale form/)]);
    expect(blobs()).toHaveLength(before);
    expect((await visitRows()).find((v) => v.id === invalid.json.value.id)?.status).toBe('invalid');
  });

  it('refuses a wrong type, an oversized file, a missing part, bad fields and another branch, each clearly, storing nothing', async () => {
    const rows = (await visitRows()).length;
    const stored = blobs().length;
    const wrongType = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000006'), {
      questionnaire: [PNG, 'q.png', 'image/png'],
      idCopy: [Buffer.from('MZ\x90\x00 not an image'), 'id.png', 'image/png'],
    });
    expect([wrongType.status, wrongType.json.error.code, wrongType.json.error.message.en]).toEqual([
      415,
      'unsupported_media_type',
      expect.stringMatching(/idCopy: id\.png is not a JPEG, PNG or PDF/),
    ]);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const oversize = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000006'), { questionnaire: [big, 'q.png', 'image/png'] });
    expect([oversize.status, oversize.json.error.code, oversize.json.error.message.en]).toEqual([
      413,
      'payload_too_large',
      expect.stringMatching(/10485760 bytes per file/),
    ]);
    const missing = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000006'), { idCopy: [JPEG, 'id.jpg', 'image/jpeg'] });
    expect([missing.status, missing.json.error.message.en]).toEqual([400, expect.stringMatching(/questionnaire .* is missing/)]);
    const noAnswers = await upload(
      '/api/visits/in-person',
      tokens['5001'],
      { policyNo: 'PV000006', visitedOn: '2026-03-09' },
      { questionnaire: [PNG, 'q.png', 'image/png'] },
    );
    expect([noAnswers.status, noAnswers.json.error.issues[0].path]).toEqual([400, 'answers']);
    const unknownFile = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000006'), { photo: [PNG, 'p.png', 'image/png'] });
    expect([unknownFile.status, unknownFile.json.error.message.en]).toEqual([400, expect.stringMatching(/unexpected file field photo/)]);
    const json = await post(`${center.url}/api/visits/in-person`, visitFields('PV000006'), tokens['5001']);
    expect([json.status, json.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const foreign = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000004'), {
      questionnaire: [PNG, 'q.png', 'image/png'],
      idCopy: [JPEG, 'id.jpg', 'image/jpeg'],
    });
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'forbidden']);
    const notExhausted = await upload('/api/visits/in-person', tokens['5001'], visitFields('PV000003'), { questionnaire: [PNG, 'q.png', 'image/png'] });
    expect([notExhausted.status, notExhausted.json.error.code]).toEqual([409, 'conflict']);
    const agent = await upload('/api/visits/in-person', tokens['1001'], visitFields('PV000006'), { questionnaire: [PNG, 'q.png', 'image/png'] });
    expect(agent.status).toBe(403);
    expect((await visitRows()).length).toBe(rows);
    expect(blobs()).toHaveLength(stored);
    expect(scratch()).toEqual([]);
    expect((await caseRow('PV000006')).status).toBe('awaiting_branch');
  });

  it('every document view streams the decrypted bytes and is audited; another branch may not view it', async () => {
    const list = await get(`${center.url}/api/visits`, tokens['5001']);
    const visit = list.json.value.visits.find((v: Json) => v.policyNo === 'PV000001');
    const idCopy = visit.documents.find((d: Json) => d.part === 'id_copy');
    const res = await fetch(`${center.url}/api/visits/documents/${idCopy.id}`, { headers: { authorization: `Bearer ${tokens['5001']}` } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true);
    const entries = await readAudit(center.context.store, { action: 'visits.document_viewed' });
    expect(entries.filter((e) => e.actor === '5001' && e.target === 'PV000001')).toHaveLength(1);
    const foreign = await get(`${center.url}/api/visits/documents/${idCopy.id}`, tokens['5002']);
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'forbidden']);
    expect(await readAudit(center.context.store, { action: 'visits.document_viewed' })).toHaveLength(1);
  });

  it("the work list holds the branch's exhausted cases without a visit under way, its visits, and nothing of another branch", async () => {
    const mine = (await get(`${center.url}/api/visits`, tokens['5001'])).json.value;
    // PV000005 waits for its ID copy, PV000001/2 are counted, PV000003 is still being called.
    expect(mine.eligible.map((c: Json) => c.policyNo)).toEqual(['PV000006']);
    expect(mine.eligible[0].holderName).not.toBe('');
    expect(mine.visits.map((v: Json) => [v.policyNo, v.status]).sort()).toEqual([
      ['PV000001', 'valid'],
      ['PV000002', 'valid'],
      ['PV000005', 'invalid'],
    ]);
    const other = (await get(`${center.url}/api/visits`, tokens['5002'])).json.value;
    expect([other.eligible.map((c: Json) => c.policyNo), other.visits]).toEqual([['PV000004'], []]);
  });
  it('the archive integrity check re-reads every visit document: an altered, a deleted and a resized one are each named and audited (docs/domain.md §4; README "Evidence archive")', async () => {
    const admin = await loginAs(center.url, '9001');
    const verify = async () => (await post(`${center.url}/api/admin/archive/verify?wait=1`, {}, admin)).json.value.report;
    const docs = await center.context.store.db.selectFrom('visit_documents').selectAll().orderBy('id').execute();
    expect(docs.length).toBeGreaterThanOrEqual(4);
    expect(await verify()).toMatchObject({ ok: true, documents: docs.length, documentFailureCount: 0, documentFailures: [] });

    const [altered, gone, resized] = docs as [(typeof docs)[0], (typeof docs)[0], (typeof docs)[0]];
    const file = blobFile(archiveDir, altered.blob_key);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(file, bytes);
    unlinkSync(blobFile(archiveDir, gone.blob_key));
    await center.context.store.db
      .updateTable('visit_documents')
      .set({ size: resized.size + 1 })
      .where('id', '=', resized.id)
      .execute();

    const report = await verify();
    expect([report.ok, report.documents, report.documentFailureCount]).toEqual([false, docs.length, 3]);
    expect(new Map(report.documentFailures.map((f: Json) => [f.documentId, f.problems]))).toEqual(
      new Map([
        [altered.id, ['document_hash_mismatch', 'document_tampered']],
        [gone.id, ['document_missing']],
        [resized.id, ['document_size_mismatch']],
      ]),
    );
    const audited = await readAudit(center.context.store, { action: 'archive.integrity_failed' });
    expect(audited.map((a) => a.target).sort()).toEqual([altered.id, gone.id, resized.id].sort());
    expect(audited.find((a) => a.target === gone.id)?.detail).toEqual({
      visitDocument: true,
      visitId: gone.visit_id,
      problems: ['document_missing'],
      trigger: 'admin',
    });
  });
  it('visit documents leave with their retention like recordings: purged, tombstoned and audited, blobs removed; a hold on the policy keeps them (docs/domain.md §9, §11)', async () => {
    const admin = await loginAs(center.url, '9001');
    const docs = await center.context.store.db
      .selectFrom('visit_documents')
      .innerJoin('in_person_visits', 'in_person_visits.id', 'visit_documents.visit_id')
      .select(['visit_documents.id', 'visit_documents.blob_key', 'in_person_visits.policy_no'])
      .execute();
    const held = docs.filter((d) => d.policy_no === 'PV000002');
    const due = docs.filter((d) => d.policy_no !== 'PV000002');
    expect([held.length, due.length]).toEqual([2, 3]);
    expect((await post(`${center.url}/api/admin/legal-holds`, { scope: 'policy', target: 'PV000002', reason: '诉讼保全' }, admin)).status).toBe(200);
    // Visited 2026-03-09, twenty-year terms (ending 2046): the later of visit + 20 y and contract end + 10 y has passed by 2060.
    // This centre's "today" is fixed for the deadlines above, so the purge (the function the route and the daily job run) is given its day.
    const purge = (dryRun: boolean) => purgeArchive(center.context.store.db, center.context.archive!.blobs, { today: '2060-01-01', dryRun, actor: '9001' });
    setCenterClock(() => Date.parse('2060-01-01T04:00:00Z'));
    try {
      const dry = await purge(true);
      expect(dry.documents).toMatchObject({ due: 5, held: 2, purged: 0 });
      expect(await center.context.store.db.selectFrom('visit_documents').select('id').where('purged_at', 'is not', null).execute()).toEqual([]);

      const run = await purge(false);
      expect(run.documents).toMatchObject({ due: 5, held: 2, purged: 3 });
      expect(run.documents.items.map((i) => i.documentId).sort()).toEqual(due.map((d) => d.id).sort());
      for (const d of due) expect(existsSync(blobFile(archiveDir, d.blob_key))).toBe(false);
      const kept = await center.context.store.db.selectFrom('visit_documents').select('id').where('purged_at', 'is', null).execute();
      expect(kept.map((d) => d.id).sort()).toEqual(held.map((d) => d.id).sort());
      const audited = await readAudit(center.context.store, { action: 'archive.document_purged' });
      expect(audited.map((a) => a.target).sort()).toEqual(due.map((d) => d.id).sort());
      expect(audited[0]!.detail).toMatchObject({ reason: expect.stringMatching(/^retention ended 20\d\d-\d\d-\d\d$/) });

      const listed = (await get(`${center.url}/api/visits`, tokens['5001'])).json.value.visits.flatMap((v: Json) => v.documents);
      expect(
        listed
          .filter((d: Json) => d.purgedAt !== null)
          .map((d: Json) => d.id)
          .sort(),
      ).toEqual(due.map((d) => d.id).sort());
      const view = await get(`${center.url}/api/visits/documents/${due[0]!.id}`, tokens['5001']);
      expect([view.status, view.json.error.message.en]).toEqual([404, expect.stringMatching(/purged on 2060-01-01/)]);
      const integrity = (await post(`${center.url}/api/admin/archive/verify?wait=1`, {}, admin)).json.value.report;
      expect(integrity.documents).toBe(2);
    } finally {
      setCenterClock(() => Date.now());
    }
  });
});
