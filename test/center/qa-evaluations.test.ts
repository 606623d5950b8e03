import { randomUUID } from 'node:crypto';
import { DEFAULT_SCRIPT } from '../../shared/domain/script';
import { DEFAULT_QA_FORM } from '../../shared/domain/qa/default-qa-form';
import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, post, type Json } from './support/in-process-center';
import { ALL_ITEMS, CONDUCT, REGULAR, allPass, failing, startQaCenter, type QaCenter } from './support/qa-center';

const engines = await enginesUnderTest();

// Each test archives its own calls and reads the form version the centre gives them now, so the
// tests pass in any order (one of them saves a new form version).
describe.each(engines)('QA evaluations at the centre on $name (README "QA evaluations"; docs/domain.md §9)', (engine) => {
  let qa: QaCenter;
  const url = () => qa.center.url;
  const tok = (s: string) => qa.tokens[s]!;

  beforeAll(async () => {
    qa = await startQaCenter(engine, '/tmp/h-qa');
  });
  afterAll(async () => {
    await qa.close();
  });

  const workList = async (who = '3001') => (await get(`${url()}/api/qa/work-list?from=2026-03-01&to=2026-03-31`, tok(who))).json.value.items as Json[];

  it('the work list holds every 问题件, every overridden result and every recording with gaps, with the reasons; a standard call is not sampled at 0 %', async () => {
    const problem = await qa.archiveCall('PQ000001', (s) => Object.assign(s, { outcome: 'problem', kinds: ['forged_signature'] }));
    const gaps = await qa.archiveCall(
      'PQ000002',
      (s) => (s.recording.gaps = [{ startedAt: s.answeredAt! + 1000, endedAt: s.answeredAt! + 4000, reason: 'disk_full' }]),
    );
    const plain = await qa.archiveCall('PQ000005');
    const overridden = await qa.archiveCall('PQ000003');
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
    expect((await post(`${url()}/api/sync/push`, { items }, tok('1001'))).status).toBe(200);
    const list = await workList();
    const reasons = Object.fromEntries(list.map((i: Json) => [i.sessionId, i.reasons]));
    expect(reasons[problem]).toEqual(['problem']);
    expect(reasons[gaps]).toEqual(['gaps']);
    expect(reasons[overridden]).toEqual(['overridden']);
    expect(reasons[plain]).toBeUndefined();
    expect(list.find((i: Json) => i.sessionId === problem)).toMatchObject({ policyNo: 'PQ000001', agentId: '1001', claimedBy: null });
  });

  it('the form comes from the script version the call used and the items that applied: 双录 items only on a bancassurance policy (可回溯办法 第11条)', async () => {
    const plain = await qa.formOf(await qa.archiveCall('PQ000005'));
    const latest = (await get(`${url()}/api/admin/qa-forms`, tok('3001'))).json.value.items.find((v: Json) => v.version.formId === DEFAULT_QA_FORM.formId);
    expect(plain.form.items.map((i: Json) => i.id)).toEqual([...REGULAR, ...CONDUCT]);
    expect([plain.form.scriptId, plain.form.scriptVersion, plain.form.formVersion]).toEqual([
      DEFAULT_SCRIPT.id,
      DEFAULT_SCRIPT.version,
      latest.version.version,
    ]);
    const bank = await qa.formOf(await qa.archiveCall('PQ000004'));
    expect(bank.form.items.map((i: Json) => i.id)).toEqual(expect.arrayContaining(['recorded_sale_accepted', 'recorded_sale_intent']));
  });

  it('a claimed call is not scored twice; an evaluation must cover the form exactly and a failed fatal item fails it', async () => {
    const id = await qa.archiveCall('PQ000001', (s) => Object.assign(s, { outcome: 'problem' }));
    expect((await post(`${url()}/api/qa/claims`, { sessionId: id }, tok('3001'))).status).toBe(200);
    const taken = await post(`${url()}/api/qa/claims`, { sessionId: id }, tok('9001'));
    expect(taken.status).toBe(409);
    expect(taken.json.error.message.en).toContain('claimed by 3001');
    expect((await workList()).find((i: Json) => i.sessionId === id).claimedBy).toBe('3001');

    const partial = await qa.evaluate(id, allPass(ALL_ITEMS.slice(1)));
    expect(partial.status).toBe(400);
    expect(partial.json.error.issues).toEqual([{ path: 'verdicts', message: 'item identity: no verdict' }]);
    expect((await qa.evaluate(id, allPass(), '9001')).status).toBe(409);

    const { form } = await qa.formOf(id);
    const ok = await qa.evaluate(id, failing('signed_personally'));
    expect(ok.status).toBe(200);
    expect(ok.json.value).toMatchObject({
      passed: false,
      fatalFailures: ['signed_personally'],
      state: 'submitted',
      formVersion: form.formVersion,
      agentId: '1001',
    });
    expect((await qa.evaluate(id, allPass())).status).toBe(409);
    expect((await workList()).some((i: Json) => i.sessionId === id)).toBe(false);
    expect((await readAudit(qa.center.context.store, { action: 'qa.evaluate' })).some((a) => a.target === id)).toBe(true);
  });

  it('an administrator changes weights in a new form version; earlier evaluations keep theirs; a version leaving 第15条 item 6 unscored is refused', async () => {
    const first = await qa.archiveCall('PQ000005');
    expect((await qa.evaluate(first, allPass())).status).toBe(200);
    const before = (await qa.formOf(first)).form.formVersion as number;
    const next = { formId: 'new-policy-qa', passMark: 85, items: DEFAULT_QA_FORM.items.map((i) => (i.id === 'pace' ? { ...i, weight: 10 } : i)) };
    const saved = await post(`${url()}/api/admin/qa-forms`, next, tok('9001'));
    expect(saved.status).toBe(200);
    expect(saved.json.value.version).toBe(before + 1);
    const noCooling = { ...next, items: next.items.filter((i) => i.id !== 'cooling_off') };
    const refused = await post(`${url()}/api/admin/qa-forms`, noCooling, tok('9001'));
    expect(refused.status).toBe(400);
    expect(refused.json.error.message.en).toContain('mandatory question cooling_off');
    expect((await post(`${url()}/api/admin/qa-forms`, next, tok('3001'))).status).toBe(403);

    const later = await qa.formOf(await qa.archiveCall('PQ000005'));
    expect([later.form.formVersion, later.form.passMark, later.form.items.find((i: Json) => i.id === 'pace').weight]).toEqual([before + 1, 85, 10]);
    const old = (await get(`${url()}/api/qa/evaluations?session=${first}`, tok('3001'))).json.value.items;
    expect(old.map((e: Json) => e.formVersion)).toEqual([before]);
  });

  it('the agent acknowledges or disputes with a reason; the dispute goes to their team lead, who upholds it', async () => {
    const id = await qa.archiveCall('PQ000002');
    const made = await qa.evaluate(id, failing('pace'));
    expect(made.status).toBe(200);
    const evalId = made.json.value.id as string;
    const mine = (await get(`${url()}/api/me/qa-evaluations`, tok('1001'))).json.value.items;
    expect(mine.some((e: Json) => e.id === evalId)).toBe(true);
    expect((await get(`${url()}/api/me/qa-evaluations`, tok('1002'))).json.value.items.some((e: Json) => e.id === evalId)).toBe(false);
    expect((await post(`${url()}/api/me/qa-evaluations/${evalId}/acknowledge`, {}, tok('1002'))).status).toBe(403);

    const blank = await post(`${url()}/api/me/qa-evaluations/${evalId}/dispute`, { reason: ' ' }, tok('1001'));
    expect(blank.status).toBe(409);
    expect(blank.json.error.message.en).toContain('give a reason');
    const disputed = await post(`${url()}/api/me/qa-evaluations/${evalId}/dispute`, { reason: 'I slowed down after 02:10, listen again' }, tok('1001'));
    expect(disputed.json.value).toMatchObject({ state: 'disputed', dispute: { reason: 'I slowed down after 02:10, listen again' } });
    expect((await get(`${url()}/api/team/qa-disputes`, tok('2001'))).json.value.items.map((e: Json) => e.id)).toContain(evalId);
    expect((await get(`${url()}/api/team/qa-disputes`, tok('2101'))).json.value.items).toEqual([]);
    expect((await post(`${url()}/api/team/qa-evaluations/${evalId}/resolve`, { decision: 'upheld', note: 'heard it' }, tok('2101'))).status).toBe(403);
    const resolved = await post(`${url()}/api/team/qa-evaluations/${evalId}/resolve`, { decision: 'upheld', note: 'too fast at 01:40' }, tok('2001'));
    expect(resolved.json.value).toMatchObject({ id: evalId, state: 'resolved', current: true, resolution: { decision: 'upheld', by: '2001' } });
    expect((await post(`${url()}/api/me/qa-evaluations/${evalId}/acknowledge`, {}, tok('1001'))).status).toBe(409);
  });

  it('an agent replays their own call, and reads its form, only where QA failed items on it, audited with those items; never another agent’s call', async () => {
    const id = await qa.archiveCall('PQ000005');
    const play = (who: string) =>
      post(
        `${url()}/api/archive/sessions/${id}/events`,
        { events: [{ action: 'play', at: Date.parse('2026-03-12T01:00:00Z'), positionMs: 0, questionId: null }] },
        tok(who),
      );
    const form = (who: string) => get(`${url()}/api/qa/sessions/${id}/form`, tok(who));
    // Before any evaluation: refused, the form too (it is read to find where the failed items are heard).
    expect((await play('1001')).status).toBe(403);
    expect((await form('1001')).json.error.message.zh).toBe('该通话的质检没有不合格项，坐席不能调听');
    expect((await qa.evaluate(id, failing('pace'))).status).toBe(200);
    expect((await play('1001')).status).toBe(200);
    expect((await form('1001')).json.value.form.items.map((i: Json) => i.id)).toContain('pace');
    expect((await play('1002')).json.error.message.zh).toBe('坐席只能调听本人的通话');
    expect((await form('1002')).json.error.message.zh).toBe('坐席只能调听本人的通话');
    // The download passes the same check (this call has no recording: 404, not 403).
    expect((await get(`${url()}/api/archive/sessions/${id}/recording`, tok('1001'))).status).toBe(404);
    const played = await readAudit(qa.center.context.store, { action: 'archive.recording_played' });
    expect(played.find((a) => a.target === id)).toMatchObject({ actor: '1001', detail: { own: true } });
    const refused = await readAudit(qa.center.context.store, { action: 'archive.recording_play_refused' });
    expect(refused.filter((a) => a.target === id).map((a) => a.actor)).toEqual(expect.arrayContaining(['1001', '1002']));
  });

  it('calibration: several score blind, an evaluated call may be scored again inside it, and the lead sees the spread against the reference', async () => {
    const id = await qa.archiveCall('PQ000005');
    expect((await qa.evaluate(id, allPass())).status).toBe(200);
    const cal = await post(`${url()}/api/team/qa-calibrations`, { sessionIds: [id], reviewers: ['3001', '9001'] }, tok('2001'));
    expect(cal.status).toBe(200);
    const calibrationId = cal.json.value.id as string;
    expect((await post(`${url()}/api/team/qa-calibrations`, { sessionIds: [id], reviewers: ['1001'] }, tok('2001'))).status).toBe(400);

    expect((await qa.evaluate(id, failing('pace'), '2001', calibrationId)).status).toBe(200);
    expect((await qa.evaluate(id, allPass(), '3001', calibrationId)).status).toBe(200);
    expect((await qa.evaluate(id, allPass(), '3001', calibrationId)).status).toBe(409);
    expect((await qa.evaluate(id, failing('pace'), '9001', calibrationId)).status).toBe(200);

    const listed = (await get(`${url()}/api/qa/evaluations?session=${id}`, tok('3001'))).json.value.items;
    expect(listed.map((e: Json) => e.calibrationId)).toEqual([null]);
    const mine = (await get(`${url()}/api/qa/calibrations`, tok('3001'))).json.value.items;
    expect(mine.find((c: Json) => c.id === calibrationId)).toMatchObject({ scored: [id] });
    expect((await get(`${url()}/api/team/qa-calibrations/${calibrationId}/spread`, tok('2101'))).status).toBe(403);
    const spread = (await get(`${url()}/api/team/qa-calibrations/${calibrationId}/spread`, tok('2001'))).json.value;
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
