import { create } from 'zustand';
import type { PolicyCase } from '../../shared/domain/case';
import type { AttemptOutcome } from '../../shared/domain/outcome/attempt-outcome';
import type { CachedCase } from '../data/records';
import type { VisitDecision } from '../features/outcome/visit-decision';
import type { AttemptResult } from '../features/softphone/softphone-api';

/**
 * Where the agent is in the visit workflow.
 *
 *   queue --Enter--> case --D dial--> (dialling) --connected--> wizard --Enter at end--> outcome
 *     ^                |  \--failed / Esc cancels--> unreached choice --Enter--> queue    |
 *     +------ Esc -----+                                                                  |
 *     +------------------------------- Ctrl+Enter finish (next case offered) -------------+
 */
export type Screen = 'queue' | 'case' | 'wizard' | 'outcome';

/** The call of the current visit (serialisable: no SIP objects). */
export interface VisitCall {
  readonly sessionId: string | null;
  readonly callId: string | null;
  readonly number: string;
  readonly startedAt: string;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
}

/** State of the last dial. */
export type DialState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'dialling'; readonly number: string }
  | { readonly kind: 'failed'; readonly attempt: AttemptResult; readonly reason: string; readonly sipCode?: number; readonly choice: AttemptOutcome | null };

export interface VisitState {
  readonly screen: Screen;
  readonly policyNo: string | null;
  readonly policy: PolicyCase | null;
  readonly caseRecord: CachedCase | null;
  readonly call: VisitCall | null;
  readonly dial: DialState;
  readonly decision: VisitDecision | null;
  /** Attempts before this one (domain vocabulary), for the outcome screen's count. */
  readonly previousAttempts: number;
  readonly finishing: boolean;
  readonly error: string | null;
  /** The case offered next after finishing (the queue selects it). */
  readonly offered: string | null;
  patch(p: Partial<VisitState>): void;
  reset(): void;
}

const initial = {
  screen: 'queue' as Screen,
  policyNo: null,
  policy: null,
  caseRecord: null,
  call: null,
  dial: { kind: 'idle' } as DialState,
  decision: null,
  previousAttempts: 0,
  finishing: false,
  error: null,
  offered: null,
};

/** Zustand slice of the visit workflow (the app shell's state machine). */
export const useVisitStore = create<VisitState>((set) => ({
  ...initial,
  patch: (p) => set(p),
  reset: () => set(initial),
}));
