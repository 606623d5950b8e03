import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { reassignCase } from '../../center/store/cases-repo';
import { readAudit } from '../../center/store/audit-repo';
import { openStore, type Store } from '../../center/store/open-store';
import type { CenterDatabase } from '../../center/store/db-schema';
import { centerMigrations } from '../../center/store/migrations';
import { phoneCorrectionsRepo } from '../../center/store/phone-corrections-repo';
import { CenterClient } from '../../main/services/center/center-client';
import { teamCallbacksResponseSchema, teamPhoneCorrectionsResponseSchema } from '../../shared/sync';
import { enginesUnderTest } from './support/engines';
import { PASSWORD, prepared, seedCases } from './support/seed';
import { get, loginAs, post, startTestCenter, type TestCenter } from './support/in-process-center';

const engines = await enginesUnderTest();

const correction = (policyNo: string, correctedBy: string) => ({
  id: randomUUID(),
  kind: 'phone_correction',
  policyNo,
  occurredAt: '2026-03-10T09:15:00+08:00',
  data: { original: '13800138000', corrected: '13900139000', reason: '号码已停机', correctedBy },
});

const callback = (policyNo: string, dueAt: string, bookedBy: string) => ({
  id: randomUUID(),
  kind: 'callback',
  policyNo,
  occurredAt: '2026-03-10T09:05:00+08:00',
  data: { dueAt, assignee: null, bookedBy, note: '客户开车，明早再打' },
});

describe.each(engines)('team view endpoints (phone-correction review, team callbacks) on $name', (engine) => {
  let center: TestCenter;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const push = async (item: { id: string }, who: string) => {
    const r = await post(`${center.url}/api/sync/push`, { items: [item] }, tokens[who]);
    expect(r.json.value.acks[0].status).toBe('accepted');
  };

  beforeAll(async () => {
    center = await startTestCenter({ engine });
    const store = center.context.store;
    await seedCases(store, [prepared('PT000001'), prepared('PT000002'), prepared('PT000003', { team: 'B' }), prepared('PT000004')]);
    for (const [no, to] of [
      ['PT000001', '1001'],
      ['PT000002', '1002'],
      ['PT000003', '1101'],
      ['PT000004', '1001'],
    ]) {
      expect((await reassignCase(store, no, to, '9001')).ok).toBe(true);
    }
    for (const s of ['1001', '1002', '1101', '2001', '2101', '9001']) tokens[s] = await loginAs(center.url, s);
    const a1 = correction('PT000001', '1001');
    const a2 = correction('PT000002', '1002');
    const b1 = correction('PT000003', '1101');
    await push(a1, '1001');
    await push(a2, '1002');
    await push(b1, '1101');
    Object.assign(ids, { a1: a1.id, a2: a2.id, b1: b1.id });
  });
  afterAll(async () => center.close());

  const review = (id: string, body: unknown, who: string) => post(`${center.url}/api/team/phone-corrections/${id}/review`, body, tokens[who]);
  const pending = async (who: string, team = '') =>
    teamPhoneCorrectionsResponseSchema
      .parse((await get(`${center.url}/api/team/phone-corrections?review=pending${team}`, tokens[who])).json.value)
      .items.map((i) => i.id);

  it('a lead reviews a correction of the own team once; it leaves the to-review list and the review is audited', async () => {
    expect(await pending('2001')).toEqual([ids.a1, ids.a2]);
    const r = await review(ids.a1, { decision: 'accepted', note: '已与客户核对' }, '2001');
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ id: ids.a1, review: { decision: 'accepted', note: '已与客户核对', reviewedBy: '2001' } });
    expect(await pending('2001')).toEqual([ids.a2]);
    // The branch's full listing still has it, now with its review.
    const all = teamPhoneCorrectionsResponseSchema.parse((await get(`${center.url}/api/team/phone-corrections`, tokens['2001'])).json.value);
    expect(all.items.find((i) => i.id === ids.a1)?.review).toMatchObject({ decision: 'accepted', reviewedBy: '2001' });
    expect(all.items.find((i) => i.id === ids.a2)?.review).toBeNull();
    const audited = await readAudit(center.context.store, { action: 'phone_correction.review' });
    expect(audited.map((e) => [e.actor, e.target, e.detail])).toEqual([['2001', ids.a1, { policyNo: 'PT000001', team: 'A', decision: 'accepted' }]]);

    const again = await review(ids.a1, { decision: 'rejected' }, '2001');
    expect([again.status, again.json.error.code, again.json.error.message.zh]).toEqual([409, 'conflict', '这条号码更正已复核过']);
  });

  it("refuses another team's correction to a lead, lets an admin review any team's", async () => {
    const other = await review(ids.b1, { decision: 'rejected' }, '2001');
    expect([other.status, other.json.error.code]).toEqual([403, 'wrong_team']);
    expect(await pending('2101')).toEqual([ids.b1]);
    const admin = await review(ids.b1, { decision: 'rejected', note: '号码仍是空号' }, '9001');
    expect(admin.status).toBe(200);
    expect(await pending('9001', '&team=B')).toEqual([]);
    expect((await review(ids.a2, { decision: 'accepted' }, '1001')).status).toBe(403);
  });

  it('answers bad input with a specific error and changes nothing', async () => {
    const unknown = await review(randomUUID(), { decision: 'accepted' }, '2001');
    expect([unknown.status, unknown.json.error.code, unknown.json.error.message.zh]).toEqual([404, 'not_found', '没有这条号码更正']);
    for (const body of [{ decision: 'maybe' }, { decision: 'accepted', extra: 1 }, {}, { decision: 'accepted', note: 'x'.repeat(201) }]) {
      const bad = await review(ids.a2, body, '2001');
      expect([bad.status, bad.json.error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    expect(await pending('2001')).toEqual([ids.a2]);
    const badQuery = await get(`${center.url}/api/team/phone-corrections?review=done`, tokens['2001']);
    expect([badQuery.status, badQuery.json.error.code]).toEqual([400, 'invalid_request']);
  });

  it("lists the team's callbacks on open cases soonest first, with the agent's name, masked holder and overdue flag; audited", async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await push(callback('PT000002', future, '1002'), '1002');
    await push(callback('PT000001', past, '1001'), '1001');
    await push(callback('PT000003', future, '1101'), '1101');
    const r = await get(`${center.url}/api/team/callbacks`, tokens['2001']);
    expect(r.status).toBe(200);
    const list = teamCallbacksResponseSchema.parse(r.json.value);
    expect(list.team).toBe('A');
    expect(list.items.map((i) => [i.policyNo, i.agent, i.agentName, i.overdue])).toEqual([
      ['PT000001', '1001', '坐席甲', true],
      ['PT000002', '1002', '坐席乙', false],
    ]);
    expect(list.items[0].holder).not.toBe(prepared('PT000001').data.policyholder.name);
    expect(list.items[0].holder).toContain('*');
    expect(JSON.stringify(list)).not.toContain('客户开车');

    const b = teamCallbacksResponseSchema.parse((await get(`${center.url}/api/team/callbacks?team=B`, tokens['9001'])).json.value);
    expect(b.items.map((i) => i.policyNo)).toEqual(['PT000003']);
    const wrong = await get(`${center.url}/api/team/callbacks?team=B`, tokens['2001']);
    expect([wrong.status, wrong.json.error.code]).toEqual([403, 'wrong_team']);
    expect((await get(`${center.url}/api/team/callbacks`, tokens['1001'])).status).toBe(403);
    const bad = await get(`${center.url}/api/team/callbacks?limit=0`, tokens['2001']);
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_request']);

    const reads = await readAudit(center.context.store, { action: 'personal_data.team_callbacks' });
    expect(reads.map((e) => [e.actor, e.target, e.detail])).toEqual([
      ['9001', 'B', { rows: 1 }],
      ['2001', 'A', { rows: 2 }],
    ]);
  });
});

describe('the workstation’s CenterClient speaks the team view endpoints', () => {
  it('lists, reassigns, reviews and reads callbacks as the signed-in lead', async () => {
    const center = await startTestCenter();
    try {
      await seedCases(center.context.store, [prepared('PC000001'), prepared('PC000002')]);
      expect((await reassignCase(center.context.store, 'PC000001', '1001', '2001')).ok).toBe(true);
      const agent = new CenterClient({ baseUrl: center.url });
      expect((await agent.login('1001', PASSWORD)).ok).toBe(true);
      expect((await agent.push([correction('PC000001', '1001')] as never)).ok).toBe(true);
      const lead = new CenterClient({ baseUrl: center.url });
      expect((await lead.login('2001', PASSWORD)).ok).toBe(true);

      const cases = await lead.teamCases();
      expect(cases.ok && cases.value.map((c) => [c.policyNo, c.assignedTo])).toEqual([
        ['PC000001', '1001'],
        ['PC000002', null],
      ]);
      expect(await lead.reassign('PC000001', '1002')).toEqual({ ok: true, value: { policyNo: 'PC000001', assignedTo: '1002' } });
      const todo = await lead.pendingPhoneCorrections();
      const id = todo.ok ? todo.value.items[0].id : '';
      const reviewed = await lead.reviewPhoneCorrection(id, 'rejected', '号码格式不对');
      expect(reviewed.ok && reviewed.value.review).toMatchObject({ decision: 'rejected', note: '号码格式不对', reviewedBy: '2001' });
      expect(await lead.pendingPhoneCorrections()).toEqual({ ok: true, value: { items: [], hasMore: false } });
      const cbs = await lead.teamCallbacks();
      expect(cbs.ok && cbs.value.items).toEqual([]);
      const refused = await lead.teamCallbacks('B');
      expect(!refused.ok && refused.error.code).toBe('wrong_team');
    } finally {
      await center.close();
    }
  });
});

describe('the review migration (0007) on SQLite', () => {
  it('adds the review columns to a store of the previous version; corrections already stored stay to be reviewed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huifang-0007-'));
    try {
      const file = join(dir, 'center.sqlite');
      const old = new Kysely<CenterDatabase>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      const migrator = new Migrator({ db: old, provider: { getMigrations: async () => centerMigrations('sqlite') } });
      expect((await migrator.migrateTo('0006-calendar-years')).error).toBeUndefined();
      const before: Store = { db: old, engine: 'sqlite', close: async () => undefined };
      await seedCases(before, [prepared('PM000001')]);
      await old
        .insertInto('phone_corrections')
        .values({
          id: 'c-old',
          policy_no: 'PM000001',
          original: '13800138000',
          corrected: null,
          reason: '空号',
          corrected_by: '1001',
          corrected_at: '2026-03-01T09:00:00+08:00',
          received_at: '2026-03-01T01:00:00.000Z',
        })
        .execute();
      await old.destroy();

      const opened = await openStore({ engine: 'sqlite', file });
      if (!opened.ok) throw new Error(opened.message);
      try {
        const rows = await phoneCorrectionsRepo.forTeam(opened.store.db, { team: 'A', since: null, limit: 10, pending: true });
        expect(rows.map((r) => [r.id, r.review])).toEqual([['c-old', null]]);
      } finally {
        await opened.store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
