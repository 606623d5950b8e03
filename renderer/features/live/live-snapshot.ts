import type { PolicyCase } from '../../../shared/domain/case';
import type { ScriptContext } from '../../../shared/domain/script/placeholders';
import type { ScriptState } from '../../../shared/domain/script/script-state';
import { sipAorSchema, type CaseKind, type LiveCall, type LiveRecording, type LiveScript, type LiveState } from '../../../shared/sync';
import type { AgentStatus, PauseReason } from '../agent-status/agent-status-store';
import type { CallSnapshot } from '../softphone/softphone-state';
import { liveQuestionText } from './live-question-text';

/** What the live state is built from: plain snapshots of the desk's stores. */
export interface LiveInputs {
  readonly status: { readonly status: AgentStatus; readonly reason: PauseReason | null; readonly since: number };
  readonly visit: {
    /** The desk's screen: on the queue the last case's number lingers in the store but is not worked on. */
    readonly screen: 'queue' | 'case' | 'wizard' | 'outcome';
    readonly policyNo: string | null;
    readonly kind: CaseKind | null;
    /** The case's visit deadline (ISO date or time), null when unknown; absent: not fed. */
    readonly deadline?: string | null;
    readonly dialling: boolean;
    readonly call: { readonly startedAt: string; readonly answeredAt: number | null; readonly endedAt: number | null } | null;
  };
  readonly wizard: { readonly policy: PolicyCase | null; readonly script: ScriptState | null };
  /** The softphone's call (null: no softphone on this desk). */
  readonly phone: CallSnapshot | null;
  /** The desk's SIP address, for the lead's listen-in (absent/null: not published). */
  readonly sipUri?: string | null;
  /** The call's recording (absent: nothing being recorded). */
  readonly recording?: LiveRecording;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The call phase, from the softphone when it has a call, else from the visit workflow. */
function liveCall(inputs: LiveInputs): LiveCall | null {
  const p = inputs.phone;
  if (p) {
    const dialled = p.dialledAt ?? Date.now();
    switch (p.phase) {
      case 'calling':
        return { phase: 'dialling', since: iso(dialled) };
      case 'ringing':
        return { phase: 'ringing', since: iso(dialled) };
      case 'established':
        return { phase: 'connected', since: iso(p.answeredAt ?? dialled) };
      case 'held':
        return { phase: 'held', since: iso(p.answeredAt ?? dialled) };
      case 'idle':
      case 'ending':
        break;
    }
  }
  const v = inputs.visit;
  if (v.dialling && v.call) return { phase: 'dialling', since: v.call.startedAt };
  if (v.call?.answeredAt && v.call.endedAt === null) return { phase: 'connected', since: iso(v.call.answeredAt) };
  return null;
}

/** Where the script is: current step (names masked) and its position, last answer, end reason. */
function liveScript(script: ScriptState | null, policy: PolicyCase | null, ctx: ScriptContext): LiveScript | null {
  if (!script || !policy) return null;
  const last = [...script.log].reverse().find((e) => (e.type === 'answer' && e.answer) || (e.type === 'branch' && e.branch));
  const lastAnswer = last?.stepId ? { stepId: last.stepId, answer: last.type === 'answer' ? (last.answer as string) : `branch:${last.branch}` } : null;
  const active = script.phase === 'asking' || script.phase === 'explaining';
  const step = active ? script.steps[script.index] : undefined;
  return {
    stepId: step?.id ?? null,
    // Counted as the agent's script counts (第 n / total 步), so lead and agent speak of the same step.
    stepIndex: Math.min((active ? script.index : script.steps.length - 1) + 1, 200),
    stepCount: Math.min(Math.max(script.steps.length, 1), 200),
    questionText: step ? liveQuestionText(step.text, policy, ctx).slice(0, 600) : null,
    lastAnswer,
    ...(script.endReason ? { endReason: script.endReason } : {}),
  };
}

/**
 * The desk's live state for the team lead's board, or null while signed out. Carries no personal
 * data beyond the policy number (see `liveQuestionText`).
 */
export function buildLiveState(inputs: LiveInputs, ctx: ScriptContext, now: number): LiveState | null {
  const s = inputs.status;
  if (s.status === 'signed_out') return null;
  const v = inputs.visit;
  const call = liveCall(inputs);
  // Back on the queue with no call, the desk works on no case (the store keeps the last one's number).
  const onCase = v.policyNo !== null && (v.screen !== 'queue' || call !== null);
  return {
    status: s.status,
    statusSince: iso(s.since),
    pauseReason: s.status === 'paused' ? s.reason : null,
    case: onCase && v.policyNo ? { policyNo: v.policyNo, kind: v.kind ?? 'new', ...(v.deadline ? { deadline: v.deadline } : {}) } : null,
    call,
    script: liveScript(inputs.wizard.script, inputs.wizard.policy, ctx),
    updatedAt: iso(now),
    // An address the protocol would refuse is left out rather than losing the whole state.
    ...(inputs.sipUri && sipAorSchema.safeParse(inputs.sipUri).success ? { sipUri: inputs.sipUri } : {}),
    ...(inputs.recording ? { recording: inputs.recording } : {}),
  };
}
