import { currentQuestion, scriptReducer, type ScriptState } from '../../../../shared/domain/script';
import type { Answer } from '../../../../shared/domain/script/answer';
import type { QaSessionFacts } from '../../../../shared/domain/qa/prefill';

/**
 * Runs a call through the real script engine: `answers` gives the answer for a step id (default 是;
 * a pair is first answer and the re-ask after the explanation), `stopBefore` breaks the call off
 * (hang-up) when that step comes up. Returns the session facts as the desk writes them: one marker
 * per accepted answer, answer codes `first` or `first->final`, `_endReason` when cut off.
 */
export function runCall(state: ScriptState, answers: Readonly<Record<string, Answer | readonly [Answer, Answer]>> = {}, stopBefore?: string): QaSessionFacts {
  let clock = Date.UTC(2026, 2, 10, 2, 0, 0);
  const at = () => new Date((clock += 7000)).toISOString();
  let st = scriptReducer(state, { type: 'start', at: at() });
  for (let guard = 0; guard < 200 && (st.phase === 'asking' || st.phase === 'explaining'); guard++) {
    const step = currentQuestion(st)!;
    if (step.id === stopBefore && st.phase === 'asking') {
      st = scriptReducer(st, { type: 'break_off', at: at(), reason: 'hung_up' });
      break;
    }
    if (step.kind === 'statement') st = scriptReducer(st, { type: 'acknowledge', at: at() });
    else {
      const a = answers[step.id] ?? 'yes';
      const pick = typeof a === 'string' ? a : st.phase === 'explaining' ? a[1] : a[0];
      st = scriptReducer(st, { type: 'answer', at: at(), answer: pick });
    }
  }
  return factsOf(st);
}

function factsOf(st: ScriptState): QaSessionFacts {
  const markers = st.log.filter((e) => e.type === 'answer').map((e) => ({ questionId: e.stepId!, at: Date.parse(e.at), answer: e.answer ?? null }));
  const codes: Record<string, string> = {};
  for (const [id, r] of Object.entries(st.records)) {
    if (r.kind !== 'answered') continue;
    codes[id] = r.explained ? `${r.first}->${r.final ?? 'none'}` : r.first;
  }
  if (st.endReason) codes._endReason = st.endReason;
  return { markers, answers: codes };
}
