import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT, initScript } from '../../../../shared/domain/script';
import { DEFAULT_QA_FORM } from '../../../../shared/domain/qa/default-qa-form';
import { appliedStepIds, generateForm } from '../../../../shared/domain/qa/qa-form';
import { prefillForm, type QaSessionFacts } from '../../../../shared/domain/qa/prefill';
import { scoreEvaluation, type QaItemVerdict } from '../../../../shared/domain/qa/score';
import { evaluationReducer } from '../../../../shared/domain/qa/evaluation-state';
import { runCall } from './call-facts';

const policy = makeCase();
const form = generateForm(DEFAULT_QA_FORM, DEFAULT_SCRIPT, appliedStepIds(DEFAULT_SCRIPT, policy));
const order = DEFAULT_SCRIPT.steps.map((s) => s.id);
const fresh = () => initScript(DEFAULT_SCRIPT, policy, '2026-03-10T02:00:00.000Z');
const byId = (facts: QaSessionFacts) => Object.fromEntries(prefillForm(form, facts, order).map((p) => [p.itemId, p]));
const allPass = (): QaItemVerdict[] => form.items.map((i) => ({ itemId: i.id, verdict: 'pass' }));

describe('the form is pre-filled from the answer log and markers (docs/domain.md §9)', () => {
  it('a complete call: every regulatory item asked in script order is suggested as passed; wording, phrases and pace wait for listening', () => {
    const p = byId(runCall(fresh()));
    expect(p.identity.suggested).toBe('pass');
    expect(p.signed_personally.steps.map((s) => [s.stepId, s.answer, s.position])).toEqual([
      ['insurance_nature', 'yes', 3],
      ['signature', 'yes', 4],
      ['receipt', 'yes', 5],
    ]);
    expect(p.payment.suggested).toBe('pass');
    expect([p.no_leading.suggested, p.no_forbidden.suggested, p.pace.suggested, p.greeting.suggested]).toEqual([null, null, null, null]);
    expect(p.identity_first.suggested).toBe('pass');
  });

  it('each item jumps to where its question began: the marker of the answer before it', () => {
    const facts = runCall(fresh());
    const p = byId(facts);
    const coverageAnswer = facts.markers.find((m) => m.questionId === 'coverage')!.at;
    const before = facts.markers.filter((m) => m.at < coverageAnswer).at(-1)!.at;
    expect(p.coverage_term.jumpAt).toBe(before);
  });

  it('a doubt cleared on the line shows as explained, still passed: the agent asked the item (第15条 item 6)', () => {
    const p = byId(runCall(fresh(), { cooling_off: ['unclear', 'yes'] }));
    expect(p.cooling_off.steps[0]!.answer).toBe('unclear->yes');
    expect(p.cooling_off.reasons).toEqual(['explained']);
    expect(p.cooling_off.suggested).toBe('pass');
  });

  it('a call cut off before the surrender-loss question: items not reached are n/a, not failed (docs/domain.md §6)', () => {
    const p = byId(runCall(fresh(), {}, 'surrender_loss'));
    expect(p.coverage_term.suggested).toBe('pass');
    expect([p.surrender_loss.suggested, p.cooling_off.suggested, p.payment.suggested, p.closing.suggested]).toEqual(['na', 'na', 'na', 'na']);
    expect(p.surrender_loss.reasons).toEqual(['not_reached']);
  });

  it('a regulatory item skipped on a call that went to its end is suggested as failed (第15条: each item confirmed)', () => {
    const facts = runCall(fresh());
    const answers = { ...facts.answers };
    delete answers.surrender_loss;
    const p = byId({ markers: facts.markers.filter((m) => m.questionId !== 'surrender_loss'), answers });
    expect(p.surrender_loss).toMatchObject({ suggested: 'fail', reasons: ['not_asked'], jumpAt: null });
  });

  it('an item asked after a later one is out of order and suggested as failed (第15条 lists the items in order)', () => {
    const facts = runCall(fresh());
    const surrender = facts.markers.find((m) => m.questionId === 'surrender_loss')!;
    const markers = facts.markers.map((m) => (m === surrender ? { ...m, at: m.at + 60_000 } : m));
    const p = byId({ ...facts, markers });
    expect(p.surrender_loss.reasons).toContain('out_of_order');
    expect(p.surrender_loss.suggested).toBe('fail');
  });

  it('a policy question answered before identity was confirmed fails identity-first (docs/domain.md §4)', () => {
    const facts = runCall(fresh());
    const first = facts.markers[0]!.at;
    const markers = facts.markers.map((m) => (m.questionId === 'identity' ? { ...m, at: first + 30_000 } : m));
    expect(byId({ ...facts, markers }).identity_first).toMatchObject({ suggested: 'fail', reasons: ['details_before_identity'] });
  });
});

describe('scoring: weights, n/a and fatal items', () => {
  it('all passed scores 100 and passes', () => {
    const r = scoreEvaluation(form, allPass());
    expect(r.ok && r.value).toMatchObject({ score: 100, passed: true, fatalFailures: [] });
  });

  it('a failed fatal item fails the whole evaluation even at a high score (identity, 第15条 item 1)', () => {
    const v = allPass().map((x) => (x.itemId === 'identity' ? { ...x, verdict: 'fail' as const, note: 'asked for 张先生 but went on with his wife' } : x));
    const r = scoreEvaluation(form, v);
    expect(r.ok && r.value).toMatchObject({ passed: false, fatalFailures: ['identity'] });
    expect(r.ok && r.value.score).toBeGreaterThan(90);
  });

  it('a non-fatal miss lowers the score by its weight share; n/a items leave both sides', () => {
    const possible = form.items.reduce((s, i) => s + i.weight, 0);
    const pace = form.items.find((i) => i.id === 'pace')!.weight;
    const r = scoreEvaluation(
      form,
      allPass().map((x) => (x.itemId === 'pace' ? { ...x, verdict: 'fail' as const } : x.itemId === 'closing' ? { ...x, verdict: 'na' as const } : x)),
    );
    const closing = form.items.find((i) => i.id === 'closing')!.weight;
    expect(r.ok && r.value).toMatchObject({ earned: possible - pace - closing, possible: possible - closing });
  });

  it('below the pass mark fails without a fatal item', () => {
    const nonFatal = new Set(form.items.filter((i) => !i.fatal).map((i) => i.id));
    const strict = { ...form, passMark: 95 };
    const r = scoreEvaluation(
      strict,
      allPass().map((x) => (nonFatal.has(x.itemId) ? { ...x, verdict: 'fail' as const } : x)),
    );
    expect(r.ok && r.value.passed).toBe(false);
  });

  it('exhaustive: a missing item, an item judged twice, an unknown item and a fatal failure without a note are refused by name', () => {
    const v = allPass().filter((x) => x.itemId !== 'pace');
    v.push({ itemId: 'closing', verdict: 'pass' }, { itemId: 'dividend', verdict: 'pass' });
    v[0] = { itemId: 'identity', verdict: 'fail' };
    const r = scoreEvaluation(form, v);
    expect(r.ok ? [] : r.problems).toEqual([
      'item closing: judged twice',
      'item dividend: not on form new-policy-qa v1 for this call',
      'item identity: a failed fatal item needs a note saying what was heard',
      'item pace: no verdict',
    ]);
  });

  it('everything n/a cannot be scored', () => {
    const r = scoreEvaluation(
      form,
      form.items.map((i) => ({ itemId: i.id, verdict: 'na' as const })),
    );
    expect(r.ok ? [] : r.problems).toEqual(['every item is n/a: there is nothing to score']);
  });
});

describe('the agent acknowledges or disputes; a dispute goes to the lead', () => {
  it('submitted → acknowledged is final', () => {
    expect(evaluationReducer('submitted', { type: 'acknowledge' })).toEqual({ ok: true, state: 'acknowledged' });
    expect(evaluationReducer('acknowledged', { type: 'dispute', reason: 'late thought' }).ok).toBe(false);
  });

  it('a dispute needs a reason; the lead resolves it as upheld or revised with a note', () => {
    expect(evaluationReducer('submitted', { type: 'dispute', reason: ' ' })).toEqual({
      ok: false,
      problem: 'dispute on a submitted evaluation: give a reason of at least 4 characters',
    });
    expect(evaluationReducer('submitted', { type: 'dispute', reason: 'the customer said 是 at 02:10' })).toEqual({ ok: true, state: 'disputed' });
    expect(evaluationReducer('disputed', { type: 'acknowledge' }).ok).toBe(false);
    expect(evaluationReducer('disputed', { type: 'resolve', decision: 'revised', note: 'heard it again' })).toEqual({ ok: true, state: 'resolved' });
    expect(evaluationReducer('submitted', { type: 'resolve', decision: 'upheld', note: 'x' }).ok).toBe(false);
  });
});
