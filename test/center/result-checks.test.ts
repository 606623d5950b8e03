import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { readAudit } from '../../center/store/audit-repo';
import { startResultCheckJob } from '../../center/result-checks/result-check-job';
import { startCenter } from '../../center/start-center';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession } from './support/archive-fixtures';
import { prepared, seedAssignedCases, seedUsers } from './support/seed';
import { CENTRE_BUNDLE, CENTRE_NODE_FLAGS } from './support/centre-bundle';

const engines = await enginesUnderTest();
const HOUR = 3_600_000;
const TMP = '/tmp/h-rederive';

/** The default script's answers (`new-policy-default` 2026.3) as the desk writes them. */
const ALL_YES = { identity: 'yes', insurance_nature: 'yes', signature: 'yes' };
/** "Not an insurance product?" — 否, then 是 after the explanation: 次标准件 sub_not_insurance (docs/domain.md §6). */
const CORRECTED = { identity: 'yes', insurance_nature: 'no->yes', signature: 'yes' };

describe.each(engines)('the centre checks what it is told on $name (README "Result checks"; docs/domain.md §6)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  let n = 0;
  const uniq = () => `${Date.now().toString(36)}r${n++}`;

  beforeAll(async () => {
    mkdirSync(TMP, { recursive: true });
    archiveDir = mkdtempSync(join(TMP, 'archive-'));
    center = await startTestCenter({ engine, archiveDir });
    await seedAssignedCases(
      center.context.store,
      ['PR000001', 'PR000002', 'PR000003', 'PR000004', 'PR000005', 'PR000006', 'PR000007', 'PR000008'].map((p) => prepared(p)),
    );
    for (const s of ['1001', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  /** The desk's push of one final visit: the attempt naming its session, then the result. */
  async function pushResult(policyNo: string, sessionId: string, data: Json) {
    const resultId = randomUUID();
    const items = [
      {
        id: randomUUID(),
        kind: 'attempt',
        policyNo,
        occurredAt: '2026-03-10T01:00:05Z',
        data: { channel: 'phone', outcome: 'connected', recordingId: sessionId },
      },
      { id: resultId, kind: 'result', policyNo, occurredAt: '2026-03-10T01:06:00Z', data },
    ];
    const r = await post(`${center.url}/api/sync/push`, { items }, tokens['1001']);
    expect(r.status).toBe(200);
    expect(r.json.value.acks.map((a: Json) => a.status)).toEqual(['accepted', 'accepted']);
    return resultId;
  }

  /** The desk's archive upload of a closed session without a recording. */
  async function archive(sessionId: string, change: (s: CallSession) => void) {
    const session = closedSession(sessionId, '1001', null);
    Object.assign(session, { scriptId: 'new-policy-default', scriptVersion: '2026.3' });
    change(session);
    const base = `${center.url}/api/archive/sessions/${sessionId}`;
    expect((await post(base, { session, manifest: null, recording: null, wrappedKey: 'A'.repeat(24) }, tokens['1001'])).status).toBe(200);
    expect((await post(`${base}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
  }

  /** What QA sampling reads of a call (migration 0028). */
  const qaFlags = (sessionId: string) =>
    center.context.store.db
      .selectFrom('archived_sessions')
      .select(['qa_scorable', 'qa_overridden'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();

  const flags = async (policy: string, who = '3001', state = 'all') =>
    (await get(`${center.url}/api/result-flags?state=${state}&policy=${policy}`, tokens[who])).json.value.items as Json[];

  it('a result the answers support raises no flag, whichever of the result and the session arrives last', async () => {
    const s1 = `sess-${uniq()}`;
    await pushResult('PR000001', s1, { classification: 'standard', kinds: [], answers: ALL_YES });
    await archive(s1, (s) => Object.assign(s, { caseId: 'PR000001', answers: ALL_YES, outcome: 'standard', kinds: [] }));
    const s2 = `sess-${uniq()}`;
    await archive(s2, (s) => Object.assign(s, { caseId: 'PR000002', answers: CORRECTED, outcome: 'substandard', kinds: ['sub_not_insurance'] }));
    const derived = await center.context.store.db
      .selectFrom('result_checks')
      .select(['state', 'derived'])
      .where('session_id', '=', s1)
      .executeTakeFirstOrThrow();
    expect(derived).toEqual({ state: 'checked', derived: JSON.stringify({ category: 'standard', kinds: [] }) });
    await pushResult('PR000002', s2, { classification: 'substandard', kinds: ['sub_not_insurance'], answers: CORRECTED });
    expect(await flags('PR000001')).toEqual([]);
    expect(await flags('PR000002')).toEqual([]);
    expect((await center.context.store.db.selectFrom('result_checks').select('state').where('session_id', '=', s2).executeTakeFirstOrThrow()).state).toBe(
      'checked',
    );
  });

  it('an override whose computed result the answers do not give is flagged, audited, and shown to QA, the team lead and in the archive listing', async () => {
    const sid = `sess-${uniq()}`;
    await archive(sid, (s) => Object.assign(s, { caseId: 'PR000003', answers: CORRECTED, outcome: 'standard', kinds: [] }));
    const override = { computedClassification: 'standard', computedKinds: [], reason: '客户事后确认' };
    const resultId = await pushResult('PR000003', sid, { classification: 'standard', kinds: [], answers: CORRECTED, override });
    const [flag] = await flags('PR000003');
    expect(flag).toMatchObject({ kind: 'computed_differs', resultItemId: resultId, sessionId: sid, agentId: '1001', team: 'A', resolvedAt: null });
    expect(flag.detail).toContain('substandard');
    const audited = await readAudit(center.context.store, { action: 'result_check.flagged' });
    expect(audited.find((a) => a.target === resultId)?.detail).toMatchObject({ kind: 'computed_differs', sessionId: sid });

    expect((await flags('PR000003', '2001')).map((f) => f.id)).toEqual([flag.id]);
    expect(await flags('PR000003', '2101')).toEqual([]); // team B's lead: not their team
    expect((await get(`${center.url}/api/result-flags?team=A`, tokens['2101'])).status).toBe(403);
    expect((await get(`${center.url}/api/result-flags`, tokens['1001'])).status).toBe(403);
    expect((await get(`${center.url}/api/result-flags?kind=wrong`, tokens['3001'])).status).toBe(400);

    const listed = (await get(`${center.url}/api/archive/sessions?flagged=true`, tokens['3001'])).json.value.items as Json[];
    expect(listed.map((r) => r.sessionId)).toEqual([sid]);
    expect(listed[0].resultFlags).toEqual(['computed_differs']);
    expect(await qaFlags(sid)).toEqual({ qa_scorable: 1, qa_overridden: 1 });
  });

  it('QA sampling sees a call as scorable and overridden whichever of the override and the session arrives first (shared/domain/qa/sampling.ts)', async () => {
    const plain = `sess-${uniq()}`;
    await archive(plain, (s) => Object.assign(s, { caseId: 'PR000007', answers: ALL_YES, outcome: 'standard', kinds: [] }));
    await pushResult('PR000007', plain, { classification: 'standard', kinds: [], answers: ALL_YES });
    expect(await qaFlags(plain)).toEqual({ qa_scorable: 1, qa_overridden: 0 });
    const late = `sess-${uniq()}`;
    const override = { computedClassification: 'standard', computedKinds: [], reason: '客户事后确认' };
    await pushResult('PR000008', late, { classification: 'standard', kinds: [], answers: ALL_YES, override });
    await archive(late, (s) => Object.assign(s, { caseId: 'PR000008', answers: ALL_YES, outcome: 'standard', kinds: [] }));
    expect(await qaFlags(late)).toEqual({ qa_scorable: 1, qa_overridden: 1 });
  });

  it('a result changed without an override (no reason) is flagged; a blank override reason is refused at the push', async () => {
    const sid = `sess-${uniq()}`;
    await archive(sid, (s) => Object.assign(s, { caseId: 'PR000004', answers: CORRECTED, outcome: 'standard', kinds: [] }));
    const blank = { computedClassification: 'substandard', computedKinds: ['sub_not_insurance'], reason: '   ' };
    const refused = await post(
      `${center.url}/api/sync/push`,
      {
        items: [
          {
            id: randomUUID(),
            kind: 'result',
            policyNo: 'PR000004',
            occurredAt: '2026-03-10T01:06:00Z',
            data: { classification: 'standard', kinds: [], override: blank },
          },
        ],
      },
      tokens['1001'],
    );
    expect(refused.status).toBe(400);
    await pushResult('PR000004', sid, { classification: 'standard', kinds: [], answers: CORRECTED });
    expect((await flags('PR000004')).map((f) => f.kind)).toEqual(['override_without_reason']);
  });

  it('a result whose session does not arrive within the deadline is flagged by the sweep; the late session resolves it and the history stays', async () => {
    const sid = `sess-${uniq()}`;
    const resultId = await pushResult('PR000005', sid, { classification: 'standard', kinds: [], answers: ALL_YES });
    const job = startResultCheckJob(center.context.store, { deadlineHours: 72, sweepEveryMs: 20 });
    const flagRows = () => center.context.store.db.selectFrom('result_flags').select('kind').where('result_item_id', '=', resultId).execute();
    try {
      // Only the clock moves (center/store/clock.ts reads Date); the sweep's timer stays real.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 71 * HOUR);
      await new Promise((r) => setTimeout(r, 120));
      expect(await flagRows()).toEqual([]); // not yet due
      vi.setSystemTime(Date.now() + 2 * HOUR);
      await vi.waitFor(async () => expect(await flagRows()).toEqual([{ kind: 'session_missing' }]), { timeout: 3000 });
    } finally {
      await job.stop();
      vi.useRealTimers();
    }
    const [missing] = await flags('PR000005', '3001', 'open');
    expect(missing).toMatchObject({ kind: 'session_missing', resultItemId: resultId, resolvedAt: null });

    await archive(sid, (s) => Object.assign(s, { caseId: 'PR000005', answers: ALL_YES, outcome: 'standard', kinds: [] }));
    expect(await flags('PR000005', '3001', 'open')).toEqual([]);
    const [resolved] = await flags('PR000005', '3001', 'resolved');
    expect(resolved).toMatchObject({ id: missing.id, resolution: 'session_arrived', sessionId: sid });
    expect((await readAudit(center.context.store, { action: 'result_check.flag_resolved' })).some((a) => a.target === resultId)).toBe(true);
  });

  it('a practice session on a training case is not kept for checks (training-cases.ts: never reaches the centre)', async () => {
    const sid = `sess-${uniq()}`;
    await archive(sid, (s) => Object.assign(s, { caseId: 'TRAIN-3', answers: ALL_YES }));
    expect(await center.context.store.db.selectFrom('session_check_facts').select('session_id').where('session_id', '=', sid).execute()).toEqual([]);
    expect(await qaFlags(sid)).toEqual({ qa_scorable: 0, qa_overridden: 0 });
  });
});

describe('the deadline sweep runs with the served centre (README "Result checks")', () => {
  it('the served centre (startCenter) sweeps with its configured deadline', async () => {
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, 'serve-'));
    const started = await startCenter({
      store: { engine: 'sqlite', file: join(dir, 'centre.db') },
      listen: { host: '127.0.0.1', port: 0 },
      today: '2026-03-10',
      resultCheck: { deadlineHours: 0.0001, sweepEveryMs: 20 },
    });
    if (!started.ok) throw new Error(started.message);
    const { center } = started;
    try {
      await seedUsers(center.context.store);
      await seedAssignedCases(center.context.store, [prepared('PS000001')]);
      const token = await loginAs(center.url, '1001');
      const item = {
        id: randomUUID(),
        kind: 'result',
        policyNo: 'PS000001',
        occurredAt: '2026-03-10T01:06:00Z',
        data: { classification: 'standard', kinds: [] },
      };
      expect((await post(`${center.url}/api/sync/push`, { items: [item] }, token)).status).toBe(200);
      await vi.waitFor(
        async () => expect(await center.context.store.db.selectFrom('result_flags').select('kind').execute()).toEqual([{ kind: 'session_missing' }]),
        {
          timeout: 3000,
        },
      );
    } finally {
      await center.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serve refuses a deadline that is not a number of hours in (0, 2160], naming the option', () => {
    const cli = resolve(import.meta.dirname, '../..', CENTRE_BUNDLE);
    for (const bad of ['0', '3000']) {
      const r = spawnSync(process.execPath, [...CENTRE_NODE_FLAGS, cli, 'serve', '--port', '0', '--session-deadline-hours', bad], {
        encoding: 'utf8',
        cwd: resolve(import.meta.dirname, '../..'),
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`invalid --session-deadline-hours ${bad}`);
    }
  });
});
