import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify } from '../../../../shared/domain/outcome/classify';
import { carryFrom, resumeStep } from '../../../../shared/domain/script/carried-progress';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { carriedResult, initScript, scriptReducer } from '../../../../shared/domain/script/script-engine';
import type { ScriptEvent, ScriptState } from '../../../../shared/domain/script/script-state';

// docs/domain.md §6 "A call cut off before the script ends": the answers so far are kept, the case
// stays open, and the next call starts by finishing the explanation that was under way.

const c = makeCase();
let t = 0;
const at = () => `2026-03-10T02:${String(Math.floor(t / 60) % 60).padStart(2, '0')}:${String(t++ % 60).padStart(2, '0')}.000Z`;
type Step = ScriptEvent extends infer E ? (E extends ScriptEvent ? Omit<E, 'at'> : never) : never;
const run = (s: ScriptState, ...events: Step[]) => events.reduce((x, e) => scriptReducer(x, { ...e, at: at() } as ScriptEvent), s);
const yes: Step = { type: 'answer', answer: 'yes' };
const read: Step = { type: 'acknowledge' };
/** A call that reaches the policyholder and is cut off while 保险性质 is being explained. */
function firstCall() {
  const s = run(
    initScript(DEFAULT_SCRIPT, c, at()),
    { type: 'start' },
    yes,
    read,
    yes,
    { type: 'answer', answer: 'no' },
    { type: 'break_off', reason: 'hung_up' },
  );
  return carryFrom(s)!;
}
const current = (s: ScriptState) => s.steps[s.index].id;

describe('a call cut off during an explanation hands its answers to the next call', () => {
  it('only the answers after the opening are carried: identity, greeting and consent belong to each call', () => {
    const carried = firstCall();
    expect(Object.keys(carried.records)).toEqual(['insurance_nature']);
    expect(carried.records.insurance_nature).toMatchObject({ kind: 'answered', first: 'no', final: null, explained: true });
    expect(resumeStep(carried, DEFAULT_SCRIPT.steps)?.id).toBe('insurance_nature');
  });

  it('the next call asks the opening again, then finishes that explanation (re-ask) before the rest of the script', () => {
    let s = run(initScript(DEFAULT_SCRIPT, c, at(), firstCall()), { type: 'start' });
    expect(s.resumedFrom).not.toBeNull();
    expect(current(s)).toBe('identity');
    s = run(s, yes, read, yes);
    expect(current(s)).toBe('insurance_nature');
    expect(s.phase).toBe('explaining');
    expect(s.notice?.kind).toBe('explanation');
    s = run(s, yes);
    expect(current(s)).toBe('signature');
  });

  it('cleared on the later call, the doubt is 次标准件 of that kind (已纠正)', () => {
    let s = run(initScript(DEFAULT_SCRIPT, c, at(), firstCall()), { type: 'start' }, yes, read, yes, yes);
    while (s.phase === 'asking') s = run(s, s.steps[s.index].kind === 'statement' ? read : yes);
    expect(s.phase).toBe('finished');
    const r = classify(s.result!, c);
    expect(r.category).toBe('substandard');
    expect(r.kinds.map((k) => k.code)).toEqual(['sub_not_insurance']);
  });

  it('steps passed on an earlier call are not asked again, and going back to one asks it again', () => {
    const second = run(initScript(DEFAULT_SCRIPT, c, at(), firstCall()), { type: 'start' }, yes, read, yes, yes, yes, {
      type: 'break_off',
      reason: 'line_dropped',
    });
    const carried = carryFrom(second)!;
    expect(Object.keys(carried.records)).toEqual(['insurance_nature', 'signature']);
    let s = run(initScript(DEFAULT_SCRIPT, c, at(), carried), { type: 'start' }, yes, read, yes);
    const next = DEFAULT_SCRIPT.steps.filter((x) => s.steps.includes(x)).findIndex((x) => x.id === 'signature') + 1;
    expect(current(s)).toBe(s.steps[next].id);
    s = run(s, { type: 'back' });
    expect(current(s)).toBe('signature');
    expect(s.records.signature).toBeUndefined();
  });

  it('answers left under another script are not used: the call starts afresh', () => {
    const other = { ...firstCall(), scriptId: 'another-script' };
    const s = run(initScript(DEFAULT_SCRIPT, c, at(), other), { type: 'start' });
    expect(s.resumedFrom).toBeNull();
    expect(s.records).toEqual({});
  });

  it('the carried answers as a result: the doubt under explanation reads as not cleared', () => {
    const r = classify(carriedResult(DEFAULT_SCRIPT, c, firstCall()), c);
    expect(r.kinds.map((k) => k.code)).toEqual(['mis_not_insurance']);
  });
});
