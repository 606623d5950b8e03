import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../main/ipc/ipc-router';
import { registerQa } from '../../../../main/services/qa/create-qa';
import { sqliteEngine } from '../../../center/support/engines';
import type { Json } from '../../../center/support/in-process-center';
import { allPass, failing, startQaCenter, type QaCenter } from '../../../center/support/qa-center';

type Out = { ok: boolean; value?: Json; error?: { code: string; message: string } };

// The desk's qa:* channels through the real router to a real centre in-process (README "QA evaluations").
describe('qa:* IPC: the desk reaches the centre with the signed-in person’s token', () => {
  let qa: QaCenter;
  let who = '3001';
  let offline = false;
  const router = new IpcRouter();
  const call = async (channel: string, payload: unknown) => (await router.dispatch(channel, payload, { host: 'web', callerId: 't' })) as Out;
  const as = async (staffNo: string, channel: string, payload: unknown) => {
    who = staffNo;
    return call(channel, payload);
  };

  beforeAll(async () => {
    qa = await startQaCenter(sqliteEngine, '/tmp/h-qadesk');
    registerQa(router, {
      archiveEndpoint: async () =>
        offline ? { kind: 'offline', message: 'centre unreachable' } : { kind: 'ok', value: { baseUrl: qa.center.url, accessToken: qa.tokens[who]! } },
    });
  }, 30_000);
  afterAll(async () => qa?.close());

  it('bad payloads get a clear error naming the field and never reach the centre', async () => {
    const noId = await call('qa:dispute', { reason: 'listen again please' });
    expect(noId).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(noId.error!.message).toContain('id');
    const revisedBare = await call('qa:resolve', { id: 'e1', resolution: { decision: 'revised', note: 'changed' } });
    expect(revisedBare).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(revisedBare.error!.message).toContain('verdicts');
    const badDay = await call('qa:workList', { from: 'last monday' });
    expect(badDay.error!.message).toContain('from');
    const badCall = await call('qa:claim', { sessionId: '../../etc' });
    expect(badCall.error!.message).toContain('sessionId');
    expect((await call('qa:calibrate', { sessionIds: [], reviewers: ['3001'] })).error!.code).toBe('invalid_payload');
  });

  it('QA claims from the work list and scores; the agent disputes; the lead revises; the agent sees the revision', async () => {
    const id = await qa.archiveCall('PQ000001', (s) => Object.assign(s, { outcome: 'problem' }));
    const list = await as('3001', 'qa:workList', { from: '2026-03-01', to: '2026-03-31' });
    expect(list.value.kind).toBe('ok');
    expect(list.value.value.items.find((i: { sessionId: string }) => i.sessionId === id)).toMatchObject({ reasons: ['problem'], claimedBy: null });
    expect((await as('3001', 'qa:claim', { sessionId: id })).value).toMatchObject({ kind: 'ok', value: { claimedBy: '3001' } });
    const taken = await as('9001', 'qa:claim', { sessionId: id });
    expect(taken.value).toMatchObject({ kind: 'refused', code: 'conflict' });
    const form = (await as('3001', 'qa:form', { sessionId: id })).value.value.form;
    const made = await as('3001', 'qa:submit', { sessionId: id, formId: form.formId, formVersion: form.formVersion, verdicts: failing('pace') });
    expect(made.value).toMatchObject({ kind: 'ok', value: { passed: true } });

    const mine = await as('1001', 'qa:mine', {});
    const evaluation = mine.value.value.items.find((e: { sessionId: string }) => e.sessionId === id);
    expect(evaluation).toMatchObject({ state: 'submitted', current: true });
    const disputed = await as('1001', 'qa:dispute', { id: evaluation.id, reason: 'my pace was fine, listen at 02:10' });
    expect(disputed.value).toMatchObject({ kind: 'ok', value: { state: 'disputed' } });
    expect((await as('2001', 'qa:disputes', {})).value.value.items.map((e: { id: string }) => e.id)).toContain(evaluation.id);
    const revised = await as('2001', 'qa:resolve', { id: evaluation.id, resolution: { decision: 'revised', note: 'pace fine', verdicts: allPass() } });
    expect(revised.value).toMatchObject({ kind: 'ok', value: { supersedes: evaluation.id, score: 100 } });
    const after = (await as('1001', 'qa:mine', {})).value.value.items.filter((e: { sessionId: string }) => e.sessionId === id);
    expect(after.map((e: { id: string }) => e.id)).toEqual([revised.value.value.id]);
  });

  it('calibration over IPC: the lead picks calls and reviewers, reviewers score blind, the lead reads the spread', async () => {
    const id = await qa.archiveCall('PQ000005');
    const cal = await as('2001', 'qa:calibrate', { sessionIds: [id], reviewers: ['3001'] });
    expect(cal.value.kind).toBe('ok');
    const calibrationId = cal.value.value.id as string;
    const form = (await as('3001', 'qa:form', { sessionId: id })).value.value.form;
    const body = { sessionId: id, formId: form.formId, formVersion: form.formVersion, calibrationId };
    expect((await as('2001', 'qa:submit', { ...body, verdicts: allPass() })).value.kind).toBe('ok');
    expect((await as('3001', 'qa:calibrations', {})).value.value.items.find((c: { id: string }) => c.id === calibrationId)).toMatchObject({ scored: [] });
    expect((await as('3001', 'qa:submit', { ...body, verdicts: failing('closing') })).value.kind).toBe('ok');
    expect((await as('3001', 'qa:spread', { id: calibrationId })).value).toMatchObject({ kind: 'refused', code: 'forbidden' });
    const spread = await as('2001', 'qa:spread', { id: calibrationId });
    expect(spread.value.value.items.find((i: { itemId: string }) => i.itemId === 'closing')).toMatchObject({ compared: 1, disagreements: 1 });
  });

  it('an unreachable centre is offline, a refusal carries the centre’s reason in Chinese', async () => {
    offline = true;
    expect((await as('1001', 'qa:mine', {})).value).toEqual({ kind: 'offline', message: 'centre unreachable' });
    offline = false;
    const refused = await as('1001', 'qa:disputes', {});
    expect(refused.value).toMatchObject({ kind: 'refused', code: 'forbidden' });
    expect(refused.value.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
