import { create } from 'zustand';

/**
 * The agent's working status.
 *
 *   ready <--> paused(reason)          ready --dial starts--> in_call --hang-up / dial failed--> wrap_up
 *     ^                                                                              |
 *     +---------------------------------- finish visit ------------------------------+
 */
export type AgentStatus = 'signed_out' | 'ready' | 'paused' | 'in_call' | 'wrap_up';

/** Reason codes for a pause (示忙原因). */
export const PAUSE_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching', 'system'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

interface AgentStatusState {
  readonly status: AgentStatus;
  readonly reason: PauseReason | null;
  /** `Date.now()` when the current status began. */
  readonly since: number;
  setStatus(status: AgentStatus, reason?: PauseReason | null, now?: number): void;
}

/** Zustand slice of the agent status. */
export const useAgentStatusStore = create<AgentStatusState>((set, get) => ({
  status: 'signed_out',
  reason: null,
  since: Date.now(),
  setStatus(status, reason = null, now = Date.now()) {
    const cur = get();
    if (cur.status === status && cur.reason === reason) return;
    set({ status, reason: status === 'paused' ? reason : null, since: now });
  },
}));
