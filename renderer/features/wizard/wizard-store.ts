import { create } from 'zustand';
import type { PolicyCase } from '../../../shared/domain/case';
import type { Answer } from '../../../shared/domain/script/answer';
import type { BranchCode, ScriptDefinition } from '../../../shared/domain/script/script-definition';
import { acceptedAnswers, initScript, scriptReducer } from '../../../shared/domain/script/script-engine';
import type { BreakOffReason, ScriptState } from '../../../shared/domain/script/script-state';

/** A marker for the recording: question, time, answer. */
export interface AnswerMarker {
  readonly questionId: string;
  readonly at: number;
  readonly answer: string | null;
}

interface WizardState {
  readonly policy: PolicyCase | null;
  readonly script: ScriptState | null;
  /** The answer chosen with 1–4, waiting for Enter. */
  readonly chosen: Answer | null;
  /** Shown when the agent pressed Enter without choosing. */
  readonly hint: string | null;
  readonly notes: string;
  /** Receives a marker for every accepted answer (the recording session). */
  readonly onMarker: ((m: AnswerMarker) => void) | null;
  begin(script: ScriptDefinition, policy: PolicyCase, onMarker: ((m: AnswerMarker) => void) | null, now?: Date): void;
  choose(answer: Answer): void;
  /** Enter: confirms the chosen answer, or acknowledges a statement. */
  confirm(needAnswerHint: string, now?: Date): void;
  back(now?: Date): void;
  branch(code: BranchCode, note?: string, now?: Date): void;
  breakOff(reason: BreakOffReason, note?: string, now?: Date): void;
  setNotes(notes: string): void;
  reset(): void;
}

const initial = { policy: null, script: null, chosen: null, hint: null, notes: '', onMarker: null };

/**
 * Zustand slice of the script wizard: a thin shell around the domain core's pure `scriptReducer`
 * (the engine decides which questions apply and what a step accepts). Holds only serialisable data.
 */
export const useWizardStore = create<WizardState>((set, get) => {
  const dispatch = (event: Parameters<typeof scriptReducer>[1]) => {
    const cur = get().script;
    if (!cur) return null;
    const next = scriptReducer(cur, event);
    set({ script: next, chosen: null, hint: next.rejection ? next.rejection.message.zh : null });
    return next;
  };
  return {
    ...initial,
    begin(script, policy, onMarker, now = new Date()) {
      const at = now.toISOString();
      const started = scriptReducer(initScript(script, policy, at), { type: 'start', at });
      set({ ...initial, policy, script: started, onMarker });
    },
    choose(answer) {
      const s = get().script;
      if (!s || !acceptedAnswers(s).includes(answer)) return;
      set({ chosen: answer, hint: null });
    },
    confirm(needAnswerHint, now = new Date()) {
      const { script, chosen, onMarker } = get();
      if (!script) return;
      const step = script.phase === 'asking' || script.phase === 'explaining' ? script.steps[script.index] : null;
      if (!step) return;
      if (step.kind === 'statement' && script.phase === 'asking') {
        dispatch({ type: 'acknowledge', at: now.toISOString() });
        return;
      }
      if (chosen === null) {
        set({ hint: needAnswerHint });
        return;
      }
      const next = dispatch({ type: 'answer', at: now.toISOString(), answer: chosen });
      if (next && !next.rejection) onMarker?.({ questionId: step.id, at: now.getTime(), answer: chosen });
    },
    back(now = new Date()) {
      dispatch({ type: 'back', at: now.toISOString() });
    },
    branch(code, note, now = new Date()) {
      const { script, onMarker } = get();
      const step = script && (script.phase === 'asking' || script.phase === 'explaining') ? script.steps[script.index] : null;
      const next = dispatch({ type: 'branch', at: now.toISOString(), branch: code, ...(note ? { note } : {}) });
      if (step && next && !next.rejection) onMarker?.({ questionId: step.id, at: now.getTime(), answer: `branch:${code}` });
    },
    breakOff(reason, note, now = new Date()) {
      dispatch({ type: 'break_off', at: now.toISOString(), reason, ...(note ? { note } : {}) });
    },
    setNotes: (notes) => set({ notes }),
    reset: () => set(initial),
  };
});
