import { readAudit } from '../../center/store/audit-repo';
import { enginesUnderTest } from './support/engines';
import { get, post, type Json } from './support/in-process-center';
import { ALL_ITEMS, allPass, failing, startQaCenter, type QaCenter } from './support/qa-center';

const engines = await enginesUnderTest();

describe.each(engines)('a lead revises a disputed QA evaluation on $name (README "QA evaluations": the lead’s decision is recorded)', (engine) => {
  let qa: QaCenter;
  const url = () => qa.center.url;
  const tok = (s: string) => qa.tokens[s]!;

  beforeAll(async () => {
    qa = await startQaCenter(engine, '/tmp/h-qa');
  });
  afterAll(async () => {
    await qa.close();
  });

  /** A call scored by QA 3001 with `pace` failed and disputed by its agent; the evaluation id. */
  async function disputedCall(): Promise<{ sessionId: string; evalId: string }> {
    const sessionId = await qa.archiveCall('PQ000002');
    const made = await qa.evaluate(sessionId, failing('pace'));
    expect(made.status).toBe(200);
    const evalId = made.json.value.id as string;
    expect((await post(`${url()}/api/me/qa-evaluations/${evalId}/dispute`, { reason: 'pace was fine, listen at 02:10' }, tok('1001'))).status).toBe(200);
    return { sessionId, evalId };
  }
  const resolve = (id: string, body: Json, who = '2001') => post(`${url()}/api/team/qa-evaluations/${id}/resolve`, body, tok(who));

  it('"revised" scores the new verdicts as a new current evaluation; the disputed one is kept for history', async () => {
    const { sessionId, evalId } = await disputedCall();
    const r = await resolve(evalId, { decision: 'revised', note: 'pace fine after 02:10', verdicts: allPass() });
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ supersedes: evalId, current: true, state: 'resolved', score: 100, passed: true, evaluator: '2001' });
    expect(r.json.value.resolution).toMatchObject({ decision: 'revised', note: 'pace fine after 02:10', by: '2001' });

    const history = (await get(`${url()}/api/qa/evaluations?session=${sessionId}`, tok('3001'))).json.value.items as Json[];
    expect(history.map((e) => [e.id, e.current, e.state]).sort()).toEqual(
      [
        [evalId, false, 'resolved'],
        [r.json.value.id, true, 'resolved'],
      ].sort(),
    );
    const mine = (await get(`${url()}/api/me/qa-evaluations`, tok('1001'))).json.value.items as Json[];
    expect(mine.filter((e) => e.sessionId === sessionId).map((e) => e.id)).toEqual([r.json.value.id]);
    expect((await get(`${url()}/api/qa/sessions/${sessionId}/form`, tok('3001'))).json.value.evaluation).toMatchObject({ id: r.json.value.id, score: 100 });
    expect((await get(`${url()}/api/team/qa-disputes`, tok('2001'))).json.value.items.some((e: Json) => e.sessionId === sessionId)).toBe(false);
    const audited = await readAudit(qa.center.context.store, { action: 'qa.resolve' });
    expect(audited.find((a) => a.target === evalId)?.detail).toMatchObject({ decision: 'revised', revision: r.json.value.id });
    // The superseded one cannot be moved again, nor revised twice.
    expect((await resolve(evalId, { decision: 'revised', note: 'again', verdicts: failing('closing') })).status).toBe(404);
  });

  it('a revision that does not fit the form, changes nothing, or comes without verdicts is refused and nothing is stored', async () => {
    const { sessionId, evalId } = await disputedCall();
    const partial = await resolve(evalId, { decision: 'revised', note: 'fine', verdicts: allPass(ALL_ITEMS.slice(1)) });
    expect(partial.status).toBe(400);
    expect(partial.json.error.issues).toEqual([{ path: 'verdicts', message: 'item identity: no verdict' }]);
    const unknown = await resolve(evalId, { decision: 'revised', note: 'fine', verdicts: [...allPass(), { itemId: 'smile', verdict: 'pass' }] });
    expect(unknown.status).toBe(400);
    const same = await resolve(evalId, { decision: 'revised', note: 'fine', verdicts: failing('pace') });
    expect(same.status).toBe(400);
    expect(same.json.error.message.en).toContain('resolve it as upheld');
    expect((await resolve(evalId, { decision: 'revised', note: 'fine' })).status).toBe(400);
    expect((await resolve(evalId, { decision: 'upheld', note: 'fine', verdicts: allPass() })).status).toBe(400);
    expect((await resolve(evalId, { decision: 'revised', note: 'fine', verdicts: allPass() }, '2101')).status).toBe(403);

    const history = (await get(`${url()}/api/qa/evaluations?session=${sessionId}`, tok('3001'))).json.value.items as Json[];
    expect(history.map((e) => [e.id, e.state, e.current])).toEqual([[evalId, 'disputed', true]]);
  });
});
