/**
 * Answers a call cut off before the script's end leaves for the next call (docs/domain.md §6 "A
 * call cut off before the script ends"): the answers so far are kept, and the next call — after
 * its own opening — starts by finishing the explanation that was under way, then asks the rest.
 */

import type { ScriptStep } from './script-definition';
import type { ScriptState, StepRecord } from './script-state';

/** What a cut-off call hands to the next call of the same case. */
export interface CarriedProgress {
  readonly scriptId: string;
  readonly scriptVersion: string;
  /** When the call that left these answers was cut off. */
  readonly cutOffAt: string;
  /** Records of the steps passed after the opening, by step id. */
  readonly records: Readonly<Record<string, StepRecord>>;
}

/**
 * Sections asked again on every call: who is on the line, the greeting and the consent to record
 * belong to this call, never to an earlier one (docs/domain.md §4–5).
 */
export const OPENING_SECTIONS: readonly ScriptStep['section'][] = ['identity', 'greeting', 'purpose'];

/** Whether a step's record is carried from call to call. */
export function carriesOver(step: ScriptStep): boolean {
  return !OPENING_SECTIONS.includes(step.section);
}

/** The progress a broken-off script leaves for the next call; null when it passed nothing beyond the opening. */
export function carryFrom(state: ScriptState): CarriedProgress | null {
  if (state.phase !== 'broken_off') return null;
  const records: Record<string, StepRecord> = {};
  for (const step of state.steps) {
    const r = state.records[step.id];
    if (r && carriesOver(step)) records[step.id] = r;
  }
  if (Object.keys(records).length === 0) return null;
  return { scriptId: state.scriptId, scriptVersion: state.scriptVersion, cutOffAt: state.endedAt ?? '', records };
}

/** A record the next call still has to complete: an answer whose explanation was under way. */
export function isPending(r: StepRecord | undefined): boolean {
  return r?.kind === 'answered' && r.final === null;
}

/** The step a carried progress resumes at on `steps` (the first step not yet passed), or null. */
export function resumeStep(carried: CarriedProgress, steps: readonly ScriptStep[]): ScriptStep | null {
  return steps.find((s) => carriesOver(s) && (!carried.records[s.id] || isPending(carried.records[s.id]))) ?? null;
}
