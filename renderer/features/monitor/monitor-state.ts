import type { MonitorMode } from '../../../shared/sync';

/**
 * The team lead's listen-in (班长监听) and coaching (耳语 / 强插), as the lead's desk shows it. One
 * leg at a time.
 *
 *   idle ──start──▶ requesting ──grant──▶ connecting ──200 OK──▶ listening
 *    ▲                  │ refused             │ 403/480/…            │ stop (Esc) / agent's call ended (BYE)
 *    └──────────────────┴─────────────────────┴──────────────────────┘
 *
 * While `listening`, the leg has a mode (`listen` → nothing goes back; `whisper` → the agent hears
 * the lead; `barge` → both parties do), switched one keystroke at a time:
 *
 *   mode ──switch(L/W/B)──▶ switching(to) ──desk verified (INFO 200)──▶ mode = to
 *                                  └──────refused (centre/desk)───────▶ mode unchanged, notice
 *
 * `notice` says why the last listen did not start or ended, or why a switch was refused.
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
  /** The mode the agent's desk confirmed (listen until a switch is verified). */
  readonly mode: MonitorMode;
  /** A switch asked for and not yet answered, or null. */
  readonly switching: MonitorMode | null;
  readonly notice: { readonly level: 'info' | 'error'; readonly text: string } | null;
}

/** Transitions of the snapshot. */
export type MonitorAction =
  | { type: 'requesting'; agent: string; agentName: string }
  | { type: 'connecting' }
  | { type: 'listening'; at: number }
  | { type: 'switching'; mode: MonitorMode }
  | { type: 'switched'; mode: MonitorMode }
  | { type: 'switchRefused'; text: string }
  | { type: 'ended'; level: 'info' | 'error'; text: string }
  | { type: 'refused'; text: string };

export const INITIAL_MONITOR: MonitorSnapshot = { phase: 'idle', agent: null, agentName: null, since: null, mode: 'listen', switching: null, notice: null };

/** Pure reducer of the listen-in snapshot; transitions that do not fit the phase are ignored. */
export function monitorReducer(state: MonitorSnapshot, action: MonitorAction): MonitorSnapshot {
  switch (action.type) {
    case 'requesting':
      return state.phase === 'idle' ? { ...INITIAL_MONITOR, phase: 'requesting', agent: action.agent, agentName: action.agentName } : state;
    case 'connecting':
      return state.phase === 'requesting' ? { ...state, phase: 'connecting' } : state;
    case 'listening':
      return state.phase === 'connecting' ? { ...state, phase: 'listening', since: action.at } : state;
    case 'switching':
      // One switch at a time, only on an established leg, and never to the mode already in force.
      return state.phase === 'listening' && state.switching === null && action.mode !== state.mode ? { ...state, switching: action.mode, notice: null } : state;
    case 'switched':
      return state.phase === 'listening' ? { ...state, mode: action.mode, switching: null } : state;
    case 'switchRefused':
      return state.phase === 'listening' ? { ...state, switching: null, notice: { level: 'error', text: action.text } } : state;
    case 'ended':
      return { ...INITIAL_MONITOR, notice: { level: action.level, text: action.text } };
    case 'refused':
      // Refused before anything started (own call, already listening): the current listen is kept.
      return { ...state, notice: { level: 'error', text: action.text } };
  }
}
