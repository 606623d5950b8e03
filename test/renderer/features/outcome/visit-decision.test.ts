import { describe, expect, it } from 'vitest';
import { makeCase } from '../../../../shared/domain/fixtures';
import { classify } from '../../../../shared/domain/outcome/classify';
import { DEFAULT_SCRIPT } from '../../../../shared/domain/script/default-script';
import { initScript, scriptReducer } from '../../../../shared/domain/script/script-engine';
import type { BreakOffReason } from '../../../../shared/domain/script/script-state';
import { decideVisit } from '../../../../renderer/features/outcome/visit-decision';

const c = makeCase();
let t = 0;
const at = () => `2026-03-10T02:00:${String(t++ % 60).padStart(2, '0')}.000Z`;

/** Identity 是, greeting read, then the call is cut off on the purpose question (step 3). */
function cutOffAfterIdentity(reason: BreakOffReason) {
  let s = scriptReducer(initScript(DEFAULT_SCRIPT, c, at()), { type: 'start', at: at() });
  s = scriptReducer(s, { type: 'answer', at: at(), answer: 'yes' });
  s = scriptReducer(s, { type: 'acknowledge', at: at() });
  s = scriptReducer(s, { type: 'break_off', at: at(), reason });
  return s.result!;
}

describe('decideVisit: a call cut off mid-script', () => {
  it.each(['hung_up', 'line_dropped'] as const)('%s is an unsuccessful attempt that keeps the case in the queue', (reason) => {
    const result = cutOffAfterIdentity(reason);
    const d = decideVisit(classify(result, c), result.endReason, [], 3, c);
    expect(d).toMatchObject({ kind: 'interim', attemptOutcome: 'network' });
  });

  it('becomes 核实件 "not reached within the cycle" (not 拒绝回访) only at the attempt limit', () => {
    const result = cutOffAfterIdentity('hung_up');
    const d = decideVisit(classify(result, c), result.endReason, ['no_answer', 'busy'], 3, c);
    expect(d.kind).toBe('final');
    expect(d.classification.category).toBe('verification');
    expect(d.classification.kinds.map((k) => k.code)).toEqual(['ver_not_reached']);
  });
});
