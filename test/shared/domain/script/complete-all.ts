import { currentQuestion, scriptReducer, type ScriptState } from '../../../../shared/domain/script';

/** Answers every remaining step with 是 (or acknowledges statements) until the script ends. */
export function completeAll(s: ScriptState, at: () => string): ScriptState {
  let st = s;
  for (let guard = 0; guard < 100 && st.phase === 'asking'; guard++) {
    const step = currentQuestion(st)!;
    st = scriptReducer(st, step.kind === 'statement' ? { type: 'acknowledge', at: at() } : { type: 'answer', at: at(), answer: 'yes' });
  }
  return st;
}
