/**
 * Recording state as the agent sees it, serialisable (it lives in zustand).
 *
 *   idle ──call answered──▶ starting ──host accepted──▶ recording ──call ended──▶ finalising ──▶ idle
 *                              │                           │  ▲                       │
 *                              └──────── failure ─────────▶ failed ◀──────────────────┘
 *                                                        (host recovered: back to recording)
 *
 * `blockedReason` is independent of the phase: non-null while the host says no call may start
 * (recording broken: disk full, no permission).
 */
export type RecordingPhase = 'idle' | 'starting' | 'recording' | 'failed' | 'finalising';

export interface RecordingSnapshot {
  readonly phase: RecordingPhase;
  readonly sessionId: string | null;
  readonly callId: string | null;
  /** Epoch ms when the host accepted the recording (timer base). */
  readonly startedAt: number | null;
  readonly chunksSent: number;
  readonly chunksStored: number;
  /** Readable zh-CN reason when `phase` is `failed`. */
  readonly failure: string | null;
  readonly blockedReason: string | null;
}

export type RecordingAction =
  | { readonly type: 'starting'; readonly callId: string }
  | { readonly type: 'started'; readonly sessionId: string; readonly startedAt: number }
  | { readonly type: 'chunkSent' }
  | { readonly type: 'chunkStored'; readonly stored: boolean }
  | { readonly type: 'failed'; readonly reason: string }
  | { readonly type: 'resumed' }
  | { readonly type: 'finalising' }
  | { readonly type: 'finalised' }
  | { readonly type: 'blocked'; readonly reason: string | null };

export const INITIAL_RECORDING: RecordingSnapshot = {
  phase: 'idle',
  sessionId: null,
  callId: null,
  startedAt: null,
  chunksSent: 0,
  chunksStored: 0,
  failure: null,
  blockedReason: null,
};

/** Pure transition function. */
export function recordingReducer(state: RecordingSnapshot, action: RecordingAction): RecordingSnapshot {
  switch (action.type) {
    case 'starting':
      return { ...INITIAL_RECORDING, blockedReason: state.blockedReason, phase: 'starting', callId: action.callId };
    case 'started':
      return state.phase === 'starting' ? { ...state, phase: 'recording', sessionId: action.sessionId, startedAt: action.startedAt } : state;
    case 'chunkSent':
      return { ...state, chunksSent: state.chunksSent + 1 };
    case 'chunkStored':
      return action.stored ? { ...state, chunksStored: state.chunksStored + 1 } : state;
    case 'failed':
      // A failure is shown even while finalising: the agent must know the recording is incomplete.
      return state.phase === 'idle' ? { ...state, failure: action.reason, phase: 'failed' } : { ...state, phase: 'failed', failure: action.reason };
    case 'resumed':
      return state.phase === 'failed' && state.sessionId ? { ...state, phase: 'recording', failure: null } : state;
    case 'finalising':
      return state.phase === 'recording' || state.phase === 'starting' ? { ...state, phase: 'finalising' } : state;
    case 'finalised':
      // A failure stays visible after the call until the next call starts.
      return state.phase === 'failed' ? state : { ...INITIAL_RECORDING, blockedReason: state.blockedReason };
    case 'blocked':
      return { ...state, blockedReason: action.reason };
    default: {
      const never: never = action;
      return never;
    }
  }
}
