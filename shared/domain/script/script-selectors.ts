/** Read-only views of a script state for the agent's screen. */

import type { Answer } from './answer';
import type { BranchDef, ScriptStep } from './script-definition';
import type { ScriptState, StepRecord } from './script-state';

/** The step the agent is on, or `null` before the start and after the end. */
export function currentQuestion(state: ScriptState): ScriptStep | null {
  return state.phase === 'asking' || state.phase === 'explaining' ? state.steps[state.index] : null;
}

/** A step as shown in the script panel. */
export interface VisibleStep {
  readonly step: ScriptStep;
  readonly status: 'done' | 'current' | 'pending';
  readonly record: StepRecord | null;
}

/** Every step that applies to the case, with its status and current record. */
export function visibleQuestions(state: ScriptState): VisibleStep[] {
  const active = state.phase === 'asking' || state.phase === 'explaining';
  return state.steps.map((step, i) => ({
    step,
    status: active && i === state.index ? 'current' : state.records[step.id] ? 'done' : 'pending',
    record: state.records[step.id] ?? null,
  }));
}

/** What the agent can do now (for enabling buttons). */
export interface AvailableActions {
  readonly start: boolean;
  readonly answers: readonly Answer[];
  readonly acknowledge: boolean;
  readonly skip: boolean;
  readonly branches: readonly BranchDef[];
  readonly back: boolean;
  readonly breakOff: boolean;
}

/** The events the reducer will accept in this state. */
export function availableActions(state: ScriptState): AvailableActions {
  const none: AvailableActions = { start: false, answers: [], acknowledge: false, skip: false, branches: [], back: false, breakOff: false };
  switch (state.phase) {
    case 'ready':
      return { ...none, start: state.steps.length > 0, breakOff: true };
    case 'asking': {
      const step = state.steps[state.index];
      const q = step.kind === 'question';
      return {
        ...none,
        answers: q ? (step.answers ?? []) : [],
        acknowledge: !q,
        skip: q && !step.mandatory,
        branches: step.branches ?? [],
        back: state.index > 0,
        breakOff: true,
      };
    }
    case 'explaining':
      return { ...none, answers: state.steps[state.index].answers ?? [], back: true, breakOff: true };
    case 'finished':
    case 'broken_off':
      return none;
  }
}
