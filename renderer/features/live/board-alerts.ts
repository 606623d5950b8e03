import { DEFAULT_SCRIPT } from '../../../shared/domain/script/default-script';
import type { LiveAgent } from '../../../shared/sync';
import { LONG_PAUSE_MS, LONG_WRAP_UP_MS } from './live-board-rows';

/** A connected call longer than this is raised on the lead's board (ms). */
export const LONG_CALL_MS = 15 * 60_000;

/** Regulatory steps of the script (监管问题): a 否 / 不清楚 on one of them is raised. */
const REGULATORY_STEPS: ReadonlySet<string> = new Set(DEFAULT_SCRIPT.steps.filter((s) => s.section === 'regulatory').map((s) => s.id));

/** Why the lead's attention is asked for. */
export type BoardAlertKind = 'regulatory_answer' | 'long_call' | 'long_wrap_up' | 'long_pause';

/** One alert: who, what, and since when it holds (ms). */
export interface BoardAlert {
  readonly staffNo: string;
  readonly kind: BoardAlertKind;
  /** For `regulatory_answer`: the step and the answer (`no` / `unclear`). */
  readonly stepId?: string;
  readonly answer?: string;
  /** How long the status or call has lasted at `now` (ms), for the timed kinds. */
  readonly forMs?: number;
}

/**
 * The alerts on the lead's board, derived from the agents' live states the centre pushes (a pure
 * function of the states and the clock, so an alert appears with the publication that causes it or
 * the second its threshold passes, and goes when its cause does): 否 or 不清楚 on a regulatory
 * question (the desk's last accepted answer), a connected call longer than 15 minutes, a wrap-up
 * longer than 2 or a pause longer than 15 minutes. Stale agents are not judged (their state is old).
 */
export function boardAlerts(agents: readonly LiveAgent[], now: number): BoardAlert[] {
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
      if (forMs > LONG_CALL_MS) out.push({ staffNo: a.staffNo, kind: 'long_call', forMs });
    }
    const inStatus = now - Date.parse(s.statusSince);
    if (s.status === 'wrap_up' && inStatus > LONG_WRAP_UP_MS) out.push({ staffNo: a.staffNo, kind: 'long_wrap_up', forMs: inStatus });
    if (s.status === 'paused' && inStatus > LONG_PAUSE_MS) out.push({ staffNo: a.staffNo, kind: 'long_pause', forMs: inStatus });
  }
  return out;
}
