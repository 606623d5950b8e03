import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import { localIsoDate } from '../../../shared/domain/calendar/iso-date';
import { DEFAULT_BOARD_ALERT_LIMITS, deadlineAtRisk, type BoardAlertLimits, type LiveAgent } from '../../../shared/sync';

/** Regulatory steps of the script (监管问题): a 否 / 不清楚 on one of them is raised. */
const REGULATORY_STEPS: ReadonlySet<string> = new Set(DEFAULT_SCRIPT.steps.filter((s) => s.section === 'regulatory').map((s) => s.id));

/** Why the lead's attention is asked for. */
export type BoardAlertKind = 'regulatory_answer' | 'long_call' | 'long_wrap_up' | 'long_pause' | 'recording_failed' | 'deadline_risk';

/** One alert: who, what, and since when it holds (ms). */
export interface BoardAlert {
  readonly staffNo: string;
  readonly kind: BoardAlertKind;
  /** For `regulatory_answer`: the step and the answer (`no` / `unclear`). */
  readonly stepId?: string;
  readonly answer?: string;
  /** How long the status or call has lasted at `now` (ms), for the timed kinds. */
  readonly forMs?: number;
  /** For `deadline_risk`: the case and its deadline (YYYY-MM-DD). */
  readonly policyNo?: string;
  readonly deadline?: string;
}

/**
 * The alerts on the lead's board, derived from the agents' live states the centre pushes (a pure
 * function of the states and the clock, so an alert appears with the publication that causes it or
 * the second its threshold passes, and goes when its cause does): 否 or 不清楚 on a regulatory
 * question (the desk's last accepted answer), a connected call, a wrap-up or a pause longer than the
 * centre's limits (desk settings `boardAlerts`: 15, 2 and 15 minutes unless an admin set others),
 * a failed recording while the agent is in a call or its wrap-up (the call may be left without
 * evidence), and a case in the agent's hands whose deadline is at risk (today or within the next
 * DEADLINE_RISK_DAYS days, the wallboard's rule: `deadlineAtRisk`).
 * Stale agents are not judged (their state is old).
 */
export function boardAlerts(agents: readonly LiveAgent[], now: number, limits: BoardAlertLimits = DEFAULT_BOARD_ALERT_LIMITS): BoardAlert[] {
  const longCallMs = limits.longCallMinutes * 60_000;
  // Deadlines are the desks' local dates.
  const today = localIsoDate(now);
  const out: BoardAlert[] = [];
  for (const a of agents) {
    const s = a.state;
    if (!s || a.stale) continue;
    const last = s.script?.lastAnswer;
    if (s.status === 'in_call' && last && REGULATORY_STEPS.has(last.stepId) && (last.answer === 'no' || last.answer === 'unclear')) {
      out.push({ staffNo: a.staffNo, kind: 'regulatory_answer', stepId: last.stepId, answer: last.answer });
    }
    if (s.status === 'in_call' && s.call && (s.call.phase === 'connected' || s.call.phase === 'held')) {
      const forMs = now - Date.parse(s.call.since);
      if (forMs > longCallMs) out.push({ staffNo: a.staffNo, kind: 'long_call', forMs });
    }
    const inStatus = now - Date.parse(s.statusSince);
    if (s.status === 'wrap_up' && inStatus > limits.longWrapUpMinutes * 60_000) out.push({ staffNo: a.staffNo, kind: 'long_wrap_up', forMs: inStatus });
    if (s.status === 'paused' && inStatus > limits.longPauseMinutes * 60_000) out.push({ staffNo: a.staffNo, kind: 'long_pause', forMs: inStatus });
    if (s.recording === 'failed' && (s.status === 'in_call' || s.status === 'wrap_up')) out.push({ staffNo: a.staffNo, kind: 'recording_failed' });
    const deadline = s.case?.deadline;
    if (s.case && deadline && deadlineAtRisk(deadline, today))
      out.push({ staffNo: a.staffNo, kind: 'deadline_risk', policyNo: s.case.policyNo, deadline: deadline.slice(0, 10) });
  }
  return out;
}
