import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeCase } from '../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, initScript } from '../../shared/domain/script';
import { DEFAULT_QA_FORM } from '../../shared/domain/qa/default-qa-form';
import type { CallSession } from '../../shared/ipc/channels/recording';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, loginAs, post, startTestCenter, type Json, type TestCenter } from './support/in-process-center';
import { closedSession } from './support/archive-fixtures';
import { prepared, seedAssignedCases } from './support/seed';
import { runCall } from '../shared/domain/qa/call-facts';

const engines = await enginesUnderTest();
const TMP = '/tmp/h-qa';

async function put(url: string, body: unknown, token: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const REGULAR = ['identity', 'signed_personally', 'product_description', 'coverage_term', 'surrender_loss', 'cooling_off', 'payment'];
const CONDUCT = ['greeting', 'identity_first', 'no_leading', 'no_forbidden', 'pace', 'closing'];
const allPass = (ids: readonly string[]) => ids.map((itemId) => ({ itemId, verdict: 'pass' }));

describe.each(engines)('QA evaluations at the centre on $name (README "QA evaluations"; docs/domain.md §9)', (engine) => {
  let center: TestCenter;
  let archiveDir: string;
  const tokens: Record<string, string> = {};
  let n = 0;
  const sid = () => `qa-${Date.now().toString(36)}-${n++}`;

  beforeAll(async () => {
    mkdirSync(TMP, { recursive: true });
    archiveDir = mkdtempSync(join(TMP, 'archive-'));
    center = await startTestCenter({ engine, archiveDir });
    await seedAssignedCases(center.context.store, [
      prepared('PQ000001'),
      prepared('PQ000002'),
      prepared('PQ000003'),
      prepared('PQ000004', { overrides: { channel: { kind: 'bancassurance', bank: 'Test Bank' } } }),
      prepared('PQ000005'),
    ]);
    for (const s of ['1001', '1002', '2001', '2101', '3001', '9001']) tokens[s] = await loginAs(center.url, s);
    // Only the rule-driven picks: no random share, no monthly minimum.
    const rules = { problemCases: true, overridden: true, recordingGaps: true, percentOfRest: 0, minPerAgentPerMonth: 0 };
    expect((await put(`${center.url}/api/admin/qa-sampling`, rules, tokens['9001'])).status).toBe(200);
  });
  afterAll(async () => {
    await center.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  /** Archives a completed call of `policyNo` by agent 1001 through the desk's upload route. */
  async function archiveCall(policyNo: string, change: (s: CallSession) => void = () => undefined): Promise<string> {
    const id = sid();
    const facts = runCall(initScript(DEFAULT_SCRIPT, makeCase({ policyNo }), '2026-03-10T02:00:00.000Z'));
    const session = closedSession(id, '1001', null);
    Object.assign(session, {
      caseId: policyNo,
      scriptId: DEFAULT_SCRIPT.id,
      scriptVersion: DEFAULT_SCRIPT.version,
      answers: facts.answers,
      markers: facts.markers.map((m) => ({ ...m })),
    });
    change(session);
    const base = `${center.url}/api/archive/sessions/${id}`;
    expect((await post(base, { session, manifest: null, recording: null, wrappedKey: 'A'.repeat(24) }, tokens['1001'])).status).toBe(200);
    expect((await post(`${base}/complete`, {}, tokens['1001'])).json.value.state).toBe('archived');
    return id;
  }

  const workList = async (who = '3001') => (await get(`${center.url}/api/qa/work-list?from=2026-03-01&to=2026-03-31`, tokens[who])).json.value.items as Json[];
  const formOf = async (id: string, who = '3001') => (await get(`${center.url}/api/qa/sessions/${id}/form`, tokens[who])).json.value;
  const submit = (body: Json, who = '3001') => post(`${center.url}/api/qa/evaluations`, body, tokens[who]);

  it('the work list holds every 问题件, every overridden result and every recording with gaps, with the reasons; a standard call is not sampled at 0 %', async () => {
    const problem = await archiveCall('PQ000001', (s) => Object.assign(s, { outcome: 'problem', kinds: ['forged_signature'] }));
    const gaps = await archiveCall(
      'PQ000002',
      (s) => (s.recording.gaps = [{ startedAt: s.answeredAt! + 1000, endedAt: s.answeredAt! + 4000, reason: 'disk_full' }]),
    );
    const plain = await archiveCall('PQ000005');
    const overridden = await archiveCall('PQ000003');
    const items = [
      {
        id: randomUUID(),
        kind: 'attempt',
        policyNo: 'PQ000003',
        occurredAt: '2026-03-10T01:00:05Z',
        data: { channel: 'phone', outcome: 'connected', recordingId: overridden },
      },
      {
        id: randomUUID(),
        kind: 'result',
        policyNo: 'PQ000003',
        occurredAt: '2026-03-10T01:06:00Z',
        data: {
          classification: 'substandard',
          kinds: ['sub_not_insurance'],
          override: { computedClassification: 'standard', computedKinds: [], reason: 'customer doubted, cleared later' },
        },
      },
    ];
    expect((await post(`${center.url}/api/sync/push`, { items }, tokens['1001'])).status).toBe(200);
    const list = await workList();
    const reasons = Object.fromEntries(list.map((i: Json) => [i.sessionId, i.reasons]));
    expect(reasons[problem]).toEqual(['problem']);
    expect(reasons[gaps]).toEqual(['gaps']);
    expect(reasons[overridden]).toEqual(['overridden']);
    expect(reasons[plain]).toBeUndefined();
    expect(list.find((i: Json) => i.sessionId === problem)).toMatchObject({ policyNo: 'PQ000001', agentId: '1001', claimedBy: null });
  });

  it('the form comes from the script version the call used and the items that applied: 双录 items only on a bancassurance policy (可回溯办法 第11条)', async () => {
    const plain = await formOf(await archiveCall('PQ000005'));
    expect(plain.form.items.map((i: Json) => i.id)).toEqual([...REGULAR, ...CONDUCT]);
    expect([plain.form.scriptId, plain.form.scriptVersion, plain.form.formVersion]).toEqual([DEFAULT_SCRIPT.id, DEFAULT_SCRIPT.version, 1]);
    const bank = await formOf(await archiveCall('PQ000004'));
    expect(bank.form.items.map((i: Json) => i.id)).toEqual(expect.arrayContaining(['recorded_sale_accepted', 'recorded_sale_intent']));
  });

  it('a claimed call is not scored twice; an evaluation must cover the form exactly and a failed fatal item fails it', async () => {
    const id = await archiveCall('PQ000001', (s) => Object.assign(s, { outcome: 'problem' }));
    expect((await post(`${center.url}/api/qa/claims`, { sessionId: id }, tokens['3001'])).status).toBe(200);
    const taken = await post(`${center.url}/api/qa/claims`, { sessionId: id }, tokens['9001']);
    expect(taken.status).toBe(409);
    expect(taken.json.error.message.en).toContain('claimed by 3001');
    expect((await workList()).find((i: Json) => i.sessionId === id).claimedBy).toBe('3001');

    const ids = [...REGULAR, ...CONDUCT];
    const partial = await submit({ sessionId: id, formId: 'new-policy-qa', formVersion: 1, verdicts: allPass(ids.slice(1)) });
    expect(partial.status).toBe(400);
    expect(partial.json.error.issues).toEqual([{ path: 'verdicts', message: 'item identity: no verdict' }]);
    const byOther = await submit({ sessionId: id, formId: 'new-policy-qa', formVersion: 1, verdicts: allPass(ids) }, '9001');
    expect(byOther.status).toBe(409);

    const verdicts = allPass(ids).map((v) => (v.itemId === 'signed_personally' ? { ...v, verdict: 'fail', note: 'customer said the agent signed' } : v));
    const ok = await submit({ sessionId: id, formId: 'new-policy-qa', formVersion: 1, verdicts });
    expect(ok.status).toBe(200);
    expect(ok.json.value).toMatchObject({ passed: false, fatalFailures: ['signed_personally'], state: 'submitted', formVersion: 1, agentId: '1001' });
    expect((await submit({ sessionId: id, formId: 'new-policy-qa', formVersion: 1, verdicts: allPass(ids) })).status).toBe(409);
    expect((await workList()).some((i: Json) => i.sessionId === id)).toBe(false);
    expect((await readAudit(center.context.store, { action: 'qa.evaluate' })).some((a) => a.target === id)).toBe(true);
  });

  it('an administrator changes weights in a new form version; earlier evaluations keep theirs; a version leaving 第15条 item 6 unscored is refused', async () => {
    const first = await archiveCall('PQ000005');
    const ids = [...REGULAR, ...CONDUCT];
    expect((await submit({ sessionId: first, formId: 'new-policy-qa', formVersion: 1, verdicts: allPass(ids) })).status).toBe(200);
    const v2 = { formId: 'new-policy-qa', passMark: 85, items: DEFAULT_QA_FORM.items.map((i) => (i.id === 'pace' ? { ...i, weight: 10 } : i)) };
    const saved = await post(`${center.url}/api/admin/qa-forms`, v2, tokens['9001']);
    expect(saved.status).toBe(200);
    expect(saved.json.value.version).toBe(2);
    const noCooling = { ...v2, items: v2.items.filter((i) => i.id !== 'cooling_off') };
    const refused = await post(`${center.url}/api/admin/qa-forms`, noCooling, tokens['9001']);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message.en).toContain('mandatory question cooling_off');
    expect((await post(`${center.url}/api/admin/qa-forms`, v2, tokens['3001'])).status).toBe(403);

    const next = await formOf(await archiveCall('PQ000005'));
    expect([next.form.formVersion, next.form.passMark, next.form.items.find((i: Json) => i.id === 'pace').weight]).toEqual([2, 85, 10]);
    const old = (await get(`${center.url}/api/qa/evaluations?session=${first}`, tokens['3001'])).json.value.items;
    expect(old.map((e: Json) => e.formVersion)).toEqual([1]);
  });

  it('the agent acknowledges or disputes with a reason; the dispute goes to their team lead, who resolves it', async () => {
    const ids = [...REGULAR, ...CONDUCT];
    const id = await archiveCall('PQ000002');
    const made = await submit({
      sessionId: id,
      formId: 'new-policy-qa',
      formVersion: 2,
      verdicts: allPass(ids).map((v) => (v.itemId === 'pace' ? { ...v, verdict: 'fail' } : v)),
    });
    expect(made.status).toBe(200);
    const evalId = made.json.value.id as string;
    const mine = (await get(`${center.url}/api/me/qa-evaluations`, tokens['1001'])).json.value.items;
    expect(mine.some((e: Json) => e.id === evalId)).toBe(true);
    expect((await get(`${center.url}/api/me/qa-evaluations`, tokens['1002'])).json.value.items.some((e: Json) => e.id === evalId)).toBe(false);
    expect((await post(`${center.url}/api/me/qa-evaluations/${evalId}/acknowledge`, {}, tokens['1002'])).status).toBe(403);

    const blank = await post(`${center.url}/api/me/qa-evaluations/${evalId}/dispute`, { reason: ' ' }, tokens['1001']);
    expect(blank.status).toBe(409);
    expect(blank.json.error.message.en).toContain('give a reason');
    const disputed = await post(`${center.url}/api/me/qa-evaluations/${evalId}/dispute`, { reason: 'I slowed down after 02:10, listen again' }, tokens['1001']);
    expect(disputed.json.value).toMatchObject({ state: 'disputed', dispute: { reason: 'I slowed down after 02:10, listen again' } });
    expect((await get(`${center.url}/api/team/qa-disputes`, tokens['2001'])).json.value.items.map((e: Json) => e.id)).toContain(evalId);
    expect((await get(`${center.url}/api/team/qa-disputes`, tokens['2101'])).json.value.items).toEqual([]);
    expect((await post(`${center.url}/api/team/qa-evaluations/${evalId}/resolve`, { decision: 'upheld', note: 'heard it' }, tokens['2101'])).status).toBe(403);
    const resolved = await post(
      `${center.url}/api/team/qa-evaluations/${evalId}/resolve`,
      { decision: 'revised', note: 'pace was fine after 02:10' },
      tokens['2001'],
    );
    expect(resolved.json.value).toMatchObject({ state: 'resolved', resolution: { decision: 'revised', by: '2001' } });
    expect((await post(`${center.url}/api/me/qa-evaluations/${evalId}/acknowledge`, {}, tokens['1001'])).status).toBe(409);
  });

  it('calibration: several score blind, an evaluated call may be scored again inside it, and the lead sees the spread against the reference', async () => {
    const ids = [...REGULAR, ...CONDUCT];
    const id = await archiveCall('PQ000005');
    expect((await submit({ sessionId: id, formId: 'new-policy-qa', formVersion: 2, verdicts: allPass(ids) })).status).toBe(200);
    const cal = await post(`${center.url}/api/team/qa-calibrations`, { sessionIds: [id], reviewers: ['3001', '9001'] }, tokens['2001']);
    expect(cal.status).toBe(200);
    const calibrationId = cal.json.value.id as string;
    expect((await post(`${center.url}/api/team/qa-calibrations`, { sessionIds: [id], reviewers: ['1001'] }, tokens['2001'])).status).toBe(400);

    const body = (verdicts: Json) => ({ sessionId: id, formId: 'new-policy-qa', formVersion: 2, calibrationId, verdicts });
    expect((await submit(body(allPass(ids).map((v) => (v.itemId === 'pace' ? { ...v, verdict: 'fail' } : v))), '2001')).status).toBe(200);
    expect((await submit(body(allPass(ids)), '3001')).status).toBe(200);
    expect((await submit(body(allPass(ids)), '3001')).status).toBe(409);
    expect((await submit(body(allPass(ids).map((v) => (v.itemId === 'pace' ? { ...v, verdict: 'fail' } : v))), '9001')).status).toBe(200);

    const listed = (await get(`${center.url}/api/qa/evaluations?session=${id}`, tokens['3001'])).json.value.items;
    expect(listed.map((e: Json) => e.calibrationId)).toEqual([null]);
    expect((await get(`${center.url}/api/qa/calibrations`, tokens['3001'])).json.value.items[0]).toMatchObject({ id: calibrationId, scored: [id] });
    expect((await get(`${center.url}/api/team/qa-calibrations/${calibrationId}/spread`, tokens['2101'])).status).toBe(403);
    const spread = (await get(`${center.url}/api/team/qa-calibrations/${calibrationId}/spread`, tokens['2001'])).json.value;
    expect(spread.items.find((i: Json) => i.itemId === 'pace')).toEqual({ itemId: 'pace', compared: 2, disagreements: 1, spread: 0.5 });
    expect(spread.reviewers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ evaluator: '3001', agreement: expect.any(Number), outcomeMismatches: 0 }),
        expect.objectContaining({ evaluator: '9001', agreement: 1, meanScoreDelta: 0 }),
      ]),
    );
    expect(spread.reviewers.find((r: Json) => r.evaluator === '3001').agreement).toBeLessThan(1);
  });
});
