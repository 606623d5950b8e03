/**
 * Where a QA evaluation stands once submitted, as the agent and the team lead move it:
 *
 *   submitted --acknowledge (agent)--> acknowledged
 *       |
 *       +------dispute (agent, reason)--> disputed --resolve (lead: upheld | revised)--> resolved
 *
 * `acknowledged` and `resolved` are terminal. Calibration evaluations never enter this machine: they
 * are not the agent's record (they are compared with the lead's reference instead).
 */

export type QaEvaluationState = 'submitted' | 'acknowledged' | 'disputed' | 'resolved';

export type QaEvaluationEvent =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'dispute'; readonly reason: string }
  | { readonly type: 'resolve'; readonly decision: 'upheld' | 'revised'; readonly note: string };

export type QaTransition = { readonly ok: true; readonly state: QaEvaluationState } | { readonly ok: false; readonly problem: string };

/** The next state, or why the event does not apply (the state is then unchanged). */
export function evaluationReducer(state: QaEvaluationState, event: QaEvaluationEvent): QaTransition {
  const refuse = (why: string): QaTransition => ({ ok: false, problem: `${event.type} on a ${state} evaluation: ${why}` });
  switch (state) {
    case 'submitted':
      switch (event.type) {
        case 'acknowledge':
          return { ok: true, state: 'acknowledged' };
        case 'dispute':
          return event.reason.trim().length >= 4 ? { ok: true, state: 'disputed' } : refuse('give a reason of at least 4 characters');
        case 'resolve':
          return refuse('only a disputed evaluation is resolved');
      }
      break;
    case 'disputed':
      if (event.type !== 'resolve') return refuse('it is already disputed and waits for the team lead');
      return event.note.trim().length >= 2 ? { ok: true, state: 'resolved' } : refuse('say how it was resolved');
    case 'acknowledged':
    case 'resolved':
      return refuse('it is closed');
  }
}
