import { create } from 'zustand';
import type { PolicyCase } from '../../../shared/domain/case';
import type { Answer } from '../../../shared/domain/script/answer';
import type { AuthorisedProxy } from '../../../shared/domain/script/authorised-proxy';
import type { CarriedProgress } from '../../../shared/domain/script/carried-progress';
import type { BranchCode, ScriptDefinition } from '../../../shared/domain/script/script-definition';
import { acceptedAnswers, initScript, scriptReducer } from '../../../shared/domain/script/script-engine';
import type { BreakOffReason, ScriptState } from '../../../shared/domain/script/script-state';
import type { CallEndedBy } from '../softphone/softphone-api';

/** A marker for the recording: question, time, answer. */
export interface AnswerMarker {
  readonly questionId: string;
  readonly at: number;
  readonly answer: string | null;
  /** The answer to the re-ask after an explanation (it completes the first answer, not replaces it). */
  readonly reask: boolean;
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
  /** The number dialled for this call (the contact step reads it back), null when unknown. */
  readonly dialledNumber: string | null;
  /** Who ended the call and when; null while the call is up. */
  readonly callEnded: { readonly by: CallEndedBy; readonly at: number } | null;
  /** Starts the script for a connected call; `carried`: answers an earlier cut-off call left (docs/domain.md §6). */
  begin(
    script: ScriptDefinition,
    policy: PolicyCase,
    onMarker: ((m: AnswerMarker) => void) | null,
    now?: Date,
    dialledNumber?: string | null,
    carried?: CarriedProgress | null,
  ): void;
  /**
   * The call ended. A customer hang-up or a dropped line breaks the script off at once (the reason
   * is known); after the agent's own hang-up the script stays where it was and the agent picks the
   * reason (or records a last answer / reads the last statement).
   */
  callEndedBy(by: CallEndedBy, note?: string, at?: Date): void;
  /** Shown when Enter is pressed with no answer chosen after the call ended. */
  /** Shows a hint in the script (a key that does not work here, the end reason to pick). */
  showHint(hint: string): void;
  choose(answer: Answer): void;
  /** Enter: confirms the chosen answer, or acknowledges a statement. */
  confirm(needAnswerHint: string, now?: Date): void;
  back(now?: Date): void;
  /** Takes a branch; `proxy` is the authorised family member for the `proxy` branch. */
  branch(code: BranchCode, note?: string, now?: Date, proxy?: AuthorisedProxy): void;
  breakOff(reason: BreakOffReason, note?: string, now?: Date): void;
  setNotes(notes: string): void;
  reset(): void;
}

const initial = { policy: null, script: null, chosen: null, hint: null, notes: '', onMarker: null, dialledNumber: null, callEnded: null };

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
    begin(script, policy, onMarker, now = new Date(), dialledNumber = null, carried = null) {
      const at = now.toISOString();
      const started = scriptReducer(initScript(script, policy, at, carried), { type: 'start', at });
      set({ ...initial, policy, script: started, onMarker, dialledNumber });
    },
    callEndedBy(by, note, at = new Date()) {
      set({ callEnded: { by, at: at.getTime() } });
      const s = get().script;
      if (by !== 'agent' && s && (s.phase === 'asking' || s.phase === 'explaining')) {
        dispatch({ type: 'break_off', at: at.toISOString(), reason: by === 'customer' ? 'hung_up' : 'line_dropped', ...(note ? { note } : {}) });
      }
    },
    showHint(hint) {
      set({ hint });
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
      if (next && !next.rejection) onMarker?.({ questionId: step.id, at: now.getTime(), answer: chosen, reask: script.phase === 'explaining' });
    },
    back(now = new Date()) {
      dispatch({ type: 'back', at: now.toISOString() });
    },
    branch(code, note, now = new Date(), proxy) {
      const { script, onMarker } = get();
      const step = script && (script.phase === 'asking' || script.phase === 'explaining') ? script.steps[script.index] : null;
      const next = dispatch({ type: 'branch', at: now.toISOString(), branch: code, ...(note ? { note } : {}), ...(proxy ? { proxy } : {}) });
      if (step && next && !next.rejection) onMarker?.({ questionId: step.id, at: now.getTime(), answer: `branch:${code}`, reask: false });
    },
    breakOff(reason, note, now = new Date()) {
      dispatch({ type: 'break_off', at: now.toISOString(), reason, ...(note ? { note } : {}) });
    },
    setNotes: (notes) => set({ notes }),
    reset: () => set(initial),
  };
});
