import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeepPartial } from '../../shared/domain/fixtures';
import type { PolicyCase } from '../../shared/domain/case';
import { readAudit } from '../../center/store/audit-repo';
import { setCenterClock } from '../../center/store/clock';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { sha256 } from './support/archive-fixtures';
import { archive } from './support/archive-steps';
import { prepared, seedCases } from './support/seed';

const engines = await enginesUnderTest();
const at = (iso: string) => () => Date.parse(iso);
const blobFile = (dir: string, key: string) => join(dir, 'blobs', key.slice(0, 2), key.slice(2, 4), key);

/** Policies (underwritten 2026-03-03, called 2026-03-10): what each one's term makes of retention. */
const POLICIES: Record<string, DeepPartial<PolicyCase>> = {
  PR000001: { term: { unit: 'years', value: 5 } }, // ends 2031: call + 20 y (2046-03-10) is later
  PR000002: { term: { unit: 'years', value: 5 } }, // same, but held at the centre
  PR000003: { term: { unit: 'years', value: 5 } }, // a dispute ending 2045-06-30 → 2047-06-30
  PR000004: { term: { unit: 'whole_life' } }, // contract end unknown → the call rule
  PR000005: { term: { unit: 'years', value: 30 } }, // ends 2056-03-02 → kept until 2066-03-02
};

describe.each(engines)('retention and legal hold at the centre on $name (README "Evidence archive" → Retention; docs/domain.md §9, §11)', (engine) => {
  let center: TestCenter;
  let dir: string;
  const t: Record<string, string> = {};
  const rows = async (q = '') => (await get(`${center.url}/api/archive/sessions${q}`, t['3001'])).json.value.items as Json[];
  const row = async (id: string) => (await rows()).find((r) => r.sessionId === id);
  const admin = (path: string, body: unknown, who = '9001') => post(`${center.url}${path}`, body, t[who]);
  const shared = randomBytes(700);
  const own = randomBytes(900);

  beforeAll(async () => {
    setCenterClock(at('2026-03-10T04:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'huifang-retention-'));
    center = await startTestCenter({ engine, archiveDir: dir, today: null });
    await seedCases(
      center.context.store,
      Object.entries(POLICIES).map(([no, overrides]) => prepared(no, { overrides })),
    );
    for (const s of ['1001', '2001', '3001', '9001']) t[s] = await loginAs(center.url, s);
    await archive(center.url, t['1001'], 'due-shared-1', 'PR000001', shared);
    await archive(center.url, t['1001'], 'held-policy-2', 'PR000002', null);
    await archive(center.url, t['1001'], 'dispute-3xxx', 'PR000003', null);
    await archive(center.url, t['1001'], 'unknown-end-4', 'PR000004', own);
    await archive(center.url, t['1001'], 'not-due-5xxx', 'PR000005', shared); // the same recording as session 1
  });
  afterAll(async () => {
    setCenterClock();
    await center.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retain-until is stored when archived: the later of call + 20 y and contract end + 10 y; an unknown end says so (可回溯管理暂行办法 第13条)', async () => {
    expect((await row('due-shared-1')).retention).toMatchObject({ until: '2046-03-10', basis: 'call', contractEnd: '2031-03-02', purgedAt: null });
    expect((await row('not-due-5xxx')).retention).toMatchObject({ until: '2066-03-02', basis: 'contract_end', contractEnd: '2056-03-02' });
    expect((await row('unknown-end-4')).retention).toMatchObject({ until: '2046-03-10', basis: 'call', contractEnd: null });
  });

  it('a recorded dispute suspends deletion while open and extends retention to its end + 2 y; both audited (可回溯管理暂行办法 第13条)', async () => {
    expect((await admin('/api/admin/disputes', { policyNo: 'PR000003', openedOn: '2030-01-01', reason: '投诉' }, '2001')).status).toBe(403);
    const bad = await admin('/api/admin/disputes', { policyNo: 'PR000003', openedOn: '2030-02-30', reason: '投诉' });
    expect(bad.status).toBe(400);
    const opened = await admin('/api/admin/disputes', { policyNo: 'PR000003', openedOn: '2030-01-01', reason: '客户投诉销售误导' });
    expect(opened.json.value).toMatchObject({ policyNo: 'PR000003', sessionsChanged: 1 });
    expect((await row('dispute-3xxx')).retention).toMatchObject({ until: null, basis: 'open_dispute' });
    const id = opened.json.value.id as string;
    expect((await admin(`/api/admin/disputes/${id}/end`, { endedOn: '2029-12-31' })).status).toBe(400);
    expect((await admin(`/api/admin/disputes/${id}/end`, { endedOn: '2045-06-30', note: '调解结案' })).status).toBe(200);
    expect((await admin(`/api/admin/disputes/${id}/end`, { endedOn: '2045-07-01' })).status).toBe(409);
    expect((await row('dispute-3xxx')).retention).toMatchObject({ until: '2047-06-30', basis: 'dispute' });
    const audited = await readAudit(center.context.store, { action: 'archive.dispute_ended' });
    expect(audited[0]).toMatchObject({ actor: '9001', target: 'PR000003' });
    expect(audited[0].detail).toMatchObject({ endedOn: '2045-06-30', changed: [{ sessionId: 'dispute-3xxx', before: null, after: '2047-06-30' }] });
  });

  it('a hold on a policy shows in the QA listing’s "on hold" filter and is audited (README "Evidence archive": hold filter)', async () => {
    expect((await rows('?hold=true')).map((r) => r.sessionId)).toEqual([]);
    const placed = await admin('/api/admin/legal-holds', { scope: 'policy', target: 'PR000002', reason: '诉讼保全（法院通知）' });
    expect(placed.status).toBe(200);
    expect((await rows('?hold=true')).map((r) => r.sessionId)).toEqual(['held-policy-2']);
    expect((await row('held-policy-2')).legalHold).toBe(true);
    expect((await rows('?hold=false')).map((r) => r.sessionId)).not.toContain('held-policy-2');
    expect((await admin('/api/admin/legal-holds', { scope: 'session', target: 'no-such-session', reason: 'x' })).status).toBe(404);
    expect((await readAudit(center.context.store, { action: 'archive.legal_hold_placed' }))[0]).toMatchObject({ actor: '9001', target: 'PR000002' });
  });

  it('a dry run names what is due and deletes nothing (README "Evidence archive" → Retention)', async () => {
    setCenterClock(at('2046-03-11T04:00:00Z'));
    const dry = await admin('/api/admin/archive/purge', { dryRun: true });
    expect(dry.json.value).toMatchObject({ dryRun: true, due: 3, held: 1, purged: 0, blobsRemoved: 0 });
    expect(dry.json.value.items.map((i: Json) => i.sessionId).sort()).toEqual(['due-shared-1', 'unknown-end-4']);
    expect(existsSync(blobFile(dir, sha256(own)))).toBe(true);
    expect((await row('due-shared-1')).retention.purgedAt).toBeNull();
    expect(await readAudit(center.context.store, { action: 'archive.session_purged' })).toEqual([]);
  });

  it('the purge deletes only what is due and not held, keeps a tombstone, keeps a blob another session uses, and audits each deletion (docs/domain.md §9, §11)', async () => {
    expect((await admin('/api/admin/archive/purge', {}, '3001')).status).toBe(403);
    const run = await admin('/api/admin/archive/purge', {});
    expect(run.json.value).toMatchObject({ dryRun: false, due: 3, held: 1, purged: 2, blobsRemoved: 1, blobErrors: [] });
    expect(existsSync(blobFile(dir, sha256(own)))).toBe(false); // only session 4 used it
    expect(existsSync(blobFile(dir, sha256(shared)))).toBe(true); // session 5 still needs it
    const tomb = (await row('due-shared-1')).retention;
    expect(tomb.purgedAt).toMatch(/^2046-03-11/);
    expect(tomb.purgeReason).toBe('retention ended 2046-03-10 (call)');
    for (const kept of ['held-policy-2', 'dispute-3xxx', 'not-due-5xxx']) expect((await row(kept)).retention.purgedAt).toBeNull();
    const opened = await post(`${center.url}/api/archive/sessions/unknown-end-4/open`, { publicKeyPem: 'x'.repeat(300) }, t['3001']);
    expect(opened.status).toBe(404);
    expect(opened.json.error.message.en).toMatch(/purged/);
    const sealed = await center.context.store.db
      .selectFrom('archived_sessions')
      .select(['session_sealed', 'wrapped_key', 'blob_key'])
      .where('session_id', '=', 'unknown-end-4')
      .executeTakeFirstOrThrow();
    expect(sealed).toEqual({ session_sealed: '', wrapped_key: '', blob_key: null });
    const purged = await readAudit(center.context.store, { action: 'archive.session_purged' });
    expect(purged.map((a) => [a.target, (a.detail as Json).blobRemoved]).sort()).toEqual([
      ['due-shared-1', false],
      ['unknown-end-4', true],
    ]);
    expect(purged.every((a) => a.actor === '9001')).toBe(true);
  });

  it('releasing the hold lets the next run purge it; the dispute-extended and not-yet-due sessions stay (可回溯管理暂行办法 第13条)', async () => {
    const released = await admin('/api/admin/legal-holds/release', { scope: 'policy', target: 'PR000002', reason: '保全解除' });
    expect(released.json.value).toMatchObject({ released: [expect.any(String)], deskHoldLifted: false });
    expect((await admin('/api/admin/legal-holds/release', { scope: 'policy', target: 'PR000002', reason: 'again' })).status).toBe(404);
    const run = await admin('/api/admin/archive/purge', {});
    expect(run.json.value).toMatchObject({ purged: 1, held: 0, items: [{ sessionId: 'held-policy-2', policyNo: 'PR000002' }] });
    expect((await row('dispute-3xxx')).retention.purgedAt).toBeNull();
    setCenterClock(at('2047-07-01T04:00:00Z'));
    expect((await admin('/api/admin/archive/purge', {})).json.value.items.map((i: Json) => i.sessionId)).toEqual(['dispute-3xxx']);
    expect((await row('not-due-5xxx')).retention.purgedAt).toBeNull();
  });

  it('changing the settings recomputes every stored retain-until, audited; below the sources’ minimums is refused (docs/domain.md §11)', async () => {
    expect((await admin('/api/admin/retention', { yearsFromCall: 20, yearsAfterContractEnd: 5, yearsAfterDispute: 2 })).status).toBe(400);
    const set = await admin('/api/admin/retention', { yearsFromCall: 20, yearsAfterContractEnd: 15, yearsAfterDispute: 2 });
    expect(set.json.value.sessionsChanged).toBe(1);
    expect((await row('not-due-5xxx')).retention).toMatchObject({ until: '2071-03-02', basis: 'contract_end' });
    expect((await get(`${center.url}/api/admin/retention`, t['9001'])).json.value.yearsAfterContractEnd).toBe(15);
    const audited = (await readAudit(center.context.store, { action: 'archive.retention_settings' }))[0];
    expect(audited.detail).toMatchObject({ before: { yearsAfterContractEnd: 10 }, after: { yearsAfterContractEnd: 15 }, sessionsChanged: 1 });
  });

  it('a hold placed at the desk before archiving blocks the purge until an administrator releases the session; a session hold likewise (docs/domain.md §11: legal hold)', async () => {
    await archive(center.url, t['1001'], 'desk-held-6x', 'PR000001', null, true);
    expect((await rows('?hold=true')).map((r) => r.sessionId)).toEqual(['desk-held-6x']);
    expect((await admin('/api/admin/archive/purge', {})).json.value).toMatchObject({ due: 1, held: 1, purged: 0 });
    expect((await admin('/api/admin/legal-holds', { scope: 'session', target: 'desk-held-6x', reason: '复核' })).status).toBe(200);
    const released = await admin('/api/admin/legal-holds/release', { scope: 'session', target: 'desk-held-6x', reason: '诉讼结束' });
    expect(released.json.value).toMatchObject({ released: [expect.any(String)], deskHoldLifted: true });
    expect((await readAudit(center.context.store, { action: 'archive.legal_hold_released' }))[0].detail).toMatchObject({
      scope: 'session',
      deskHoldLifted: true,
    });
    expect((await admin('/api/admin/archive/purge', {})).json.value).toMatchObject({ due: 1, held: 0, purged: 1 });
    expect((await admin('/api/admin/legal-holds', { scope: 'session', target: 'desk-held-6x', reason: 'late' })).status).toBe(409);
  });
});
