/**
 * Where the check of one pushed result stands (README "Result checks").
 *
 *   awaiting_session ──session arrives──▶ checked
 *          │                                 ▲
 *          └──deadline passes──▶ session_missing ──session arrives (flag resolved)──┘
 *
 * `checked` is final: a session archived again under the same id is a replay and changes nothing.
 */
export type ResultCheckState = 'awaiting_session' | 'session_missing' | 'checked';

export type ResultCheckEvent = { type: 'session_arrived' } | { type: 'deadline_passed' };

/** The next state; unchanged when the event means nothing in the current one. */
export function nextCheckState(state: ResultCheckState, event: ResultCheckEvent): ResultCheckState {
  switch (state) {
    case 'awaiting_session':
      return event.type === 'session_arrived' ? 'checked' : 'session_missing';
    case 'session_missing':
      return event.type === 'session_arrived' ? 'checked' : 'session_missing';
    case 'checked':
      return 'checked';
    default: {
      const never: never = state;
      return never;
    }
  }
}
