import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify } from '../../../../shared/domain/outcome';
import { checkResult, resultFromAnswers, type PushedResult, type SessionFacts } from '../../../../shared/domain/outcome/rederive';
import { currentQuestion, DEFAULT_SCRIPT, initScript, scriptReducer, type Answer, type ScriptState } from '../../../../shared/domain/script';

let t = 0;
const at = () => `2026-03-10T02:00:${String(t++ % 60).padStart(2, '0')}.000Z`;
const c = makeCase({ branch: { code: 'B042', name: '测试分公司' } });

/** Runs the default script answering `first` (and `after` on re-ask) for the named steps, 是 elsewhere. */
function call(answers: Record<string, [Answer] | [Answer, Answer]> = {}, hangUpAt?: string): ScriptState {
  let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
  for (let guard = 0; guard < 100 && (s.phase === 'asking' || s.phase === 'explaining'); guard++) {
    const step = currentQuestion(s)!;
    if (step.id === hangUpAt) return scriptReducer(s, { type: 'break_off', at: at(), reason: 'hung_up' });
    if (step.kind === 'statement') {
      s = scriptReducer(s, { type: 'acknowledge', at: at() });
      continue;
    }
    const plan = answers[step.id];
    s = scriptReducer(s, { type: 'answer', at: at(), answer: s.phase === 'explaining' ? (plan?.[1] ?? 'yes') : (plan?.[0] ?? 'yes') });
  }
  return s;
}

/** The answer codes the desk closes the session with (renderer/features/visit/visit-records.ts `answersOf`). */
function deskAnswers(s: ScriptState): Record<string, string> {
  const r = s.result!;
  const out: Record<string, string> = {};
  for (const i of r.items) out[i.stepId] = i.explained ? `${i.first}->${i.final ?? 'none'}` : (i.final ?? i.first);
  if (r.endReason) out._endReason = r.endReason;
  return out;
}

function facts(s: ScriptState, outcome: string, kinds: string[]): SessionFacts {
  return { scriptId: DEFAULT_SCRIPT.id, scriptVersion: DEFAULT_SCRIPT.version, answers: deskAnswers(s), outcome, kinds };
}

/** What the wizard pushes for a call it classified itself, no override. */
function honest(s: ScriptState): PushedResult {
  const k = classify(s.result!, c);
  return { classification: k.category, kinds: k.kinds.map((x) => x.code), answers: deskAnswers(s) };
}

describe('the centre re-derives a pushed result from the archived answers (README "Result checks"; docs/domain.md §6)', () => {
  it.each([
    ['every item 是: standard', {}],
    ['insurance nature corrected after the explanation: substandard', { insurance_nature: ['no', 'yes'] as [Answer, Answer] }],
    ['signature 否 and not corrected: problem (forged signature)', { signature: ['no', 'no'] as [Answer, Answer] }],
  ])('%s — the same category and kinds as the wizard, so no flag', (_name, plan) => {
    const s = call(plan);
    const pushed = honest(s);
    const check = checkResult(pushed, facts(s, pushed.classification, [...pushed.kinds]));
    expect(check.derived).toEqual({ category: pushed.classification, kinds: pushed.kinds });
    expect(check.flags).toEqual([]);
  });

  it('a result changed without an override is flagged override_without_reason', () => {
    const s = call({ insurance_nature: ['no', 'yes'] });
    const check = checkResult({ classification: 'standard', kinds: [], answers: deskAnswers(s) }, facts(s, 'standard', []));
    expect(check.flags.map((f) => f.kind)).toEqual(['override_without_reason']);
    expect(check.flags[0].detail).toContain('substandard [sub_not_insurance]');
  });

  it('an override with a reason and the true computed result is accepted; one misstating the computation is flagged computed_differs', () => {
    const s = call({ insurance_nature: ['no', 'yes'] });
    const f = facts(s, 'standard', []);
    const fair = { computedClassification: 'substandard' as const, computedKinds: ['sub_not_insurance'], reason: '录音复听：客户一开始即确认' };
    expect(checkResult({ classification: 'standard', kinds: [], answers: deskAnswers(s), override: fair }, f).flags).toEqual([]);
    const misstated = { ...fair, computedClassification: 'standard' as const, computedKinds: [] };
    expect(checkResult({ classification: 'standard', kinds: [], override: misstated }, f).flags.map((x) => x.kind)).toEqual(['computed_differs']);
    expect(checkResult({ classification: 'standard', kinds: [], override: { ...fair, reason: ' ' } }, f).flags.map((x) => x.kind)).toEqual([
      'override_without_reason',
    ]);
  });

  it('answers pushed that are not the session’s, and a session closed with another result, are flagged', () => {
    const s = call();
    const pushed = { ...honest(s), answers: { ...deskAnswers(s), signature: 'no->yes' } };
    expect(checkResult(pushed, facts(s, 'problem', ['forged_signature'])).flags.map((f) => f.kind)).toEqual(['session_differs', 'answers_differ']);
  });

  it('answers under an unknown script version, or an answer code the script does not take, are underivable', () => {
    const s = call();
    expect(checkResult(honest(s), { ...facts(s, 'standard', []), scriptVersion: '1999.1' }).flags.map((f) => f.kind)).toEqual(['underivable']);
    const bad = { ...facts(s, 'standard', []), answers: { ...deskAnswers(s), signature: 'maybe' } };
    const check = checkResult({ classification: 'standard', kinds: [] }, bad);
    expect(check).toMatchObject({ derived: null, flags: [{ kind: 'underivable' }] });
    expect(resultFromAnswers(DEFAULT_SCRIPT, { nonsense_step: 'yes' })).toMatchObject({ ok: false });
  });

  it('a call cut off after identity with nothing final is only an attempt: the attempts decide, no re-derivation (docs/domain.md §6 cut-off)', () => {
    const s = call({}, 'signature');
    expect(s.result!.endReason).toBe('hung_up');
    const check = checkResult({ classification: 'verification', kinds: ['ver_not_reached'] }, facts(s, 'verification', ['ver_not_reached']));
    expect(check).toEqual({ derived: null, flags: [] });
  });

  it('the attempt limit closing a case on an unreached call: the session says unreached, the pushed 核实件 is not flagged (docs/domain.md §4)', () => {
    const unreached: SessionFacts = { scriptId: DEFAULT_SCRIPT.id, scriptVersion: DEFAULT_SCRIPT.version, answers: {}, outcome: 'unreached:no_answer' };
    expect(checkResult({ classification: 'verification', kinds: ['ver_not_reached'], answers: {} }, unreached)).toEqual({ derived: null, flags: [] });
  });

  it('a call cut off right after a 否 on the signature is final: re-derived as the wizard does', () => {
    const s = call({ signature: ['no', 'no'] }, 'receipt');
    const pushed = honest(s);
    expect(pushed.classification).toBe('problem');
    expect(checkResult(pushed, facts(s, 'problem', [...pushed.kinds])).flags).toEqual([]);
  });
});
