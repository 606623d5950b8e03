import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify, classifyCycleEnd } from '../../../../shared/domain/outcome/classify';
import { cutOffVerdict } from '../../../../shared/domain/outcome/cut-off';
import { DEFAULT_SCHEME } from '../../../../shared/domain/outcome/default-scheme';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { initScript, scriptReducer } from '../../../../shared/domain/script/script-engine';
import type { ScriptEvent, ScriptState } from '../../../../shared/domain/script/script-state';

// docs/domain.md §6 "A call cut off before the script ends".

const c = makeCase();
let t = 0;
const at = () => `2026-03-10T02:00:${String(t++ % 60).padStart(2, '0')}.000Z`;
type Step = ScriptEvent extends infer E ? (E extends ScriptEvent ? Omit<E, 'at'> : never) : never;
const run = (s: ScriptState, ...events: Step[]) => events.reduce((x, e) => scriptReducer(x, { ...e, at: at() } as ScriptEvent), s);
const reached = () =>
  run(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start' }, { type: 'answer', answer: 'yes' }, { type: 'acknowledge' }, { type: 'answer', answer: 'yes' });
const cutDuringExplanation = () => run(reached(), { type: 'answer', answer: 'no' }, { type: 'break_off', reason: 'hung_up' }).result!;

describe('cut-off calls', () => {
  it('a reached call cut off never carries 回访周期内未联系上', () => {
    const r = classify(cutDuringExplanation(), c);
    expect(r.kinds.map((k) => k.code)).not.toContain('ver_not_reached');
  });

  it('a doubt still being explained is carried, not final', () => {
    expect(cutOffVerdict(cutDuringExplanation(), DEFAULT_SCHEME)).toBe('carry');
  });

  it('an insurer who wants such doubts final at once can configure it', () => {
    const scheme = { ...DEFAULT_SCHEME, cutOff: { finalAnswers: [], doubts: 'final' as const } };
    expect(cutOffVerdict(cutDuringExplanation(), scheme)).toBe('final');
  });

  it('a call cut off before identity did not reach the policyholder', () => {
    const r = run(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start' }, { type: 'break_off', reason: 'line_dropped' }).result!;
    expect(cutOffVerdict(r, DEFAULT_SCHEME)).toBe('not_reached');
    expect(classify(r, c).kinds.map((k) => k.code)).toEqual(['ver_not_reached']);
  });

  it('a script that ends through its own branch is not a cut-off', () => {
    const r = run(reached(), { type: 'branch', branch: 'busy' }).result;
    if (r) expect(cutOffVerdict(r, DEFAULT_SCHEME)).toBe('not_cut_off');
  });

  it('at the end of the cycle a doubt never cleared is 问题件 of that kind; without doubts the attempts decide', () => {
    expect(classifyCycleEnd(['network', 'no_answer'], cutDuringExplanation(), c).kinds.map((k) => k.code)).toEqual(['mis_not_insurance']);
    expect(classifyCycleEnd(['wrong_number'], null, c).kinds.map((k) => k.code)).toEqual(['ver_wrong_number']);
  });
});
