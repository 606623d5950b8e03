import { create } from 'zustand';

/**
 * The agent's working status.
 *
 *   ready <--> paused(reason)          ready --dial starts--> in_call --hang-up / dial failed--> wrap_up
 *     ^                                                                              |
 *     +---------------------------------- finish visit ------------------------------+
 *
 * Only signing in and out and 示忙/就绪 are the agent's own choice; in_call and wrap_up are the
 * visit workflow's (`setWork`, wired by the app), so the status can never disagree with the desk.
 */
export type AgentStatus = 'signed_out' | 'ready' | 'paused' | 'in_call' | 'wrap_up';

/** Reason codes for a pause (示忙原因). */
export const PAUSE_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching', 'system'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** What the current visit makes the agent (null: the desk is free). */
export type AgentWork = 'in_call' | 'wrap_up' | null;

/** The visible status from its parts: the visit's work outranks the agent's own pause. */
export function deriveStatus(signedIn: boolean, pausedFor: PauseReason | null, work: AgentWork): AgentStatus {
  if (!signedIn) return 'signed_out';
  if (work) return work;
  return pausedFor ? 'paused' : 'ready';
}

interface AgentStatusState {
  readonly status: AgentStatus;
  readonly reason: PauseReason | null;
  /** `Date.now()` when the current status began. */
  readonly since: number;
  readonly signedIn: boolean;
  readonly pausedFor: PauseReason | null;
  readonly work: AgentWork;
  signIn(now?: number): void;
  signOut(now?: number): void;
  /** 示忙: only a free desk (就绪) pauses; false when refused. */
  pause(reason: PauseReason, now?: number): boolean;
  /** 恢复就绪: false when the agent was not paused. */
  resume(now?: number): boolean;
  setWork(work: AgentWork, now?: number): void;
}

type Parts = Pick<AgentStatusState, 'signedIn' | 'pausedFor' | 'work'>;

/** Zustand slice of the agent status. */
export const useAgentStatusStore = create<AgentStatusState>((set, get) => {
  // `since` moves only when the visible status (or the pause reason) changes.
  const update = (parts: Parts, now: number) => {
    const cur = get();
    const status = deriveStatus(parts.signedIn, parts.pausedFor, parts.work);
    const reason = status === 'paused' ? parts.pausedFor : null;
    const moved = status !== cur.status || reason !== cur.reason;
    set({ ...parts, status, reason, since: moved ? now : cur.since });
  };
  const parts = (): Parts => ({ signedIn: get().signedIn, pausedFor: get().pausedFor, work: get().work });
  return {
    status: 'signed_out',
    reason: null,
    since: Date.now(),
    signedIn: false,
    pausedFor: null,
    work: null,
    signIn: (now = Date.now()) => update({ signedIn: true, pausedFor: null, work: null }, now),
    signOut: (now = Date.now()) => update({ signedIn: false, pausedFor: null, work: null }, now),
    pause(reason, now = Date.now()) {
      if (get().status !== 'ready') return false;
      update({ ...parts(), pausedFor: reason }, now);
      return true;
    },
    resume(now = Date.now()) {
      if (get().status !== 'paused') return false;
      update({ ...parts(), pausedFor: null }, now);
      return true;
    },
    setWork(work, now = Date.now()) {
      if (work === get().work) return;
      // A call that starts ends a pause (one chosen while the dial was being placed): after the
      // visit the desk is 就绪 again, as it always was.
      update({ ...parts(), work, pausedFor: work ? null : get().pausedFor }, now);
    },
  };
});
