/**
 * The team lead's listen-in (班长监听), as the lead's desk shows it. One listen at a time.
 *
 *   idle ──start──▶ requesting ──grant──▶ connecting ──200 OK──▶ listening
 *    ▲                  │ refused             │ 403/480/…            │ stop (Esc) / agent's call ended (BYE)
 *    └──────────────────┴─────────────────────┴──────────────────────┘
 *
 * `notice` says why the last listen did not start or ended (shown until the next start).
 */
export type MonitorPhase = 'idle' | 'requesting' | 'connecting' | 'listening';

/** Serialisable snapshot of the lead's listen-in (no SIP.js objects). */
export interface MonitorSnapshot {
  readonly phase: MonitorPhase;
  /** Staff number and name of the agent listened to (or being connected). */
  readonly agent: string | null;
  readonly agentName: string | null;
  /** When listening began (ms). */
  readonly since: number | null;
  readonly notice: { readonly level: 'info' | 'error'; readonly text: string } | null;
}

/** Transitions of the snapshot. */
export type MonitorAction =
  | { type: 'requesting'; agent: string; agentName: string }
  | { type: 'connecting' }
  | { type: 'listening'; at: number }
  | { type: 'ended'; level: 'info' | 'error'; text: string }
  | { type: 'refused'; text: string };

export const INITIAL_MONITOR: MonitorSnapshot = { phase: 'idle', agent: null, agentName: null, since: null, notice: null };

/** Pure reducer of the listen-in snapshot; transitions that do not fit the phase are ignored. */
export function monitorReducer(state: MonitorSnapshot, action: MonitorAction): MonitorSnapshot {
  switch (action.type) {
    case 'requesting':
      return state.phase === 'idle' ? { phase: 'requesting', agent: action.agent, agentName: action.agentName, since: null, notice: null } : state;
    case 'connecting':
      return state.phase === 'requesting' ? { ...state, phase: 'connecting' } : state;
    case 'listening':
      return state.phase === 'connecting' ? { ...state, phase: 'listening', since: action.at } : state;
    case 'ended':
      return { ...INITIAL_MONITOR, notice: { level: action.level, text: action.text } };
    case 'refused':
      // Refused before anything started (own call, already listening): the current listen is kept.
      return { ...state, notice: { level: 'error', text: action.text } };
  }
}
