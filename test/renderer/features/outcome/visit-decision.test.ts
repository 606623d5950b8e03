import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { initScript, scriptReducer } from '../../../../shared/domain/script/script-engine';
import type { BreakOffReason, ScriptEvent, ScriptState } from '../../../../shared/domain/script/script-state';
import { decideVisit, keepOpen } from '../../../../renderer/features/outcome/visit-decision';

const c = makeCase();
let t = 0;
const at = () => `2026-03-10T02:00:${String(t++ % 60).padStart(2, '0')}.000Z`;

/** An event without its time (distributes over the union, so each event keeps its own fields). */
type Step = ScriptEvent extends infer E ? (E extends ScriptEvent ? Omit<E, 'at'> : never) : never;
const run = (s: ScriptState, ...events: Step[]) => events.reduce((x, e) => scriptReducer(x, { ...e, at: at() } as ScriptEvent), s);
const started = () => run(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start' });
/** Identity 是, greeting read, consent 是: the first regulatory question (保险性质) is asked. */
const opened = () => run(started(), { type: 'answer', answer: 'yes' }, { type: 'acknowledge' }, { type: 'answer', answer: 'yes' });

/** Identity 是, greeting read, then the call is cut off on the consent question. */
function cutOffAfterIdentity(reason: BreakOffReason) {
  return run(started(), { type: 'answer', answer: 'yes' }, { type: 'acknowledge' }, { type: 'break_off', reason }).result!;
}

describe('decideVisit: a call cut off mid-script (docs/domain.md §6 "A call cut off before the script ends")', () => {
  it.each(['hung_up', 'line_dropped'] as const)('%s is an unsuccessful attempt that keeps the case in the queue', (reason) => {
    const d = decideVisit(cutOffAfterIdentity(reason), [], 3, c);
    expect(d).toMatchObject({ kind: 'interim', attemptOutcome: 'network' });
  });

  it('a hang-up during an explanation on the first attempt keeps the case open and carries the doubt, never 问题件 with 回访周期内未联系上', () => {
    const s = run(opened(), { type: 'answer', answer: 'no' }, { type: 'break_off', reason: 'hung_up' });
    const d = decideVisit(s.result!, [], 3, c);
    expect(d).toMatchObject({ kind: 'interim', attemptOutcome: 'network', carriesAnswers: true, resumeTopic: 'insurance_nature' });
    // What it becomes if never reached again: the doubt that was never cleared, not "not reached".
    expect(d.classification.category).toBe('problem');
    expect(d.classification.kinds.map((k) => k.code)).toEqual(['mis_not_insurance']);
  });

  it('at the attempt limit an uncleared doubt closes the case as 问题件 of that kind; a reached call never gets a not-reached kind', () => {
    const s = run(opened(), { type: 'answer', answer: 'unclear' }, { type: 'break_off', reason: 'line_dropped' });
    const d = decideVisit(s.result!, ['no_answer', 'busy'], 3, c);
    expect(d.kind).toBe('final');
    expect(d.classification.kinds.map((k) => k.code)).toEqual(['mis_not_insurance']);
  });

  it('a 否 on a signature item is final at once even when the call is cut off right after it', () => {
    const s = run(opened(), { type: 'answer', answer: 'yes' }, { type: 'answer', answer: 'no' }, { type: 'break_off', reason: 'hung_up' });
    const d = decideVisit(s.result!, [], 3, c);
    expect(d.kind).toBe('final');
    expect(d.classification.kinds.map((k) => k.code)).toEqual(['forged_signature']);
  });

  it('without a doubt the cycle end is 核实件 "not reached within the cycle" (not 拒绝回访), only at the attempt limit', () => {
    const d = decideVisit(cutOffAfterIdentity('hung_up'), ['no_answer', 'busy'], 3, c);
    expect(d.kind).toBe('final');
    expect(d.classification.category).toBe('verification');
    expect(d.classification.kinds.map((k) => k.code)).toEqual(['ver_not_reached']);
  });

  it('a call cut off before identity is confirmed is a not-reached attempt', () => {
    const d = decideVisit(run(started(), { type: 'break_off', reason: 'hung_up' }).result!, [], 3, c);
    expect(d).toMatchObject({ kind: 'interim', attemptOutcome: 'network' });
    expect(d.carriesAnswers).toBeUndefined();
  });
});

describe('keepOpen: the agent can always keep a case open while its cooling-off period runs (docs/domain.md §6)', () => {
  it('a final signature finding kept open becomes an attempt that still carries the answers', () => {
    const s = run(opened(), { type: 'answer', answer: 'yes' }, { type: 'answer', answer: 'no' }, { type: 'break_off', reason: 'hung_up' });
    const kept = keepOpen(decideVisit(s.result!, [], 3, c), s.result!);
    expect(kept).toMatchObject({ kind: 'interim', attemptOutcome: 'network', carriesAnswers: true, keptOpen: true });
  });

  it('an interim decision stays as it is', () => {
    const r = cutOffAfterIdentity('hung_up');
    const d = decideVisit(r, [], 3, c);
    expect(keepOpen(d, r)).toBe(d);
  });
});
