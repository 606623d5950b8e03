import { useEffect, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { Answer } from '../../../shared/domain/script/answer';
import { availableActions } from '../../../shared/domain/script/script-engine';
import type { BranchDef } from '../../../shared/domain/script/script-definition';
import { keyNotHereHint } from './answer-hints';
import { ANSWER_KEYS, BRANCH_KEYS } from './wizard-keys';
import { useWizardStore } from './wizard-store';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'radio') || el instanceof HTMLSelectElement;

/**
 * The script's keyboard: 1–4 answer (a key the step does not take says which do), Enter confirms
 * or goes on to the outcome once the script has ended, Backspace goes back, Alt+letter takes a
 * branch, Alt+M jumps to the notes; in a text field only Esc (back to the script) counts.
 */
export function useScriptKeys(o: {
  rootRef: RefObject<HTMLElement | null>;
  notesRef: RefObject<HTMLTextAreaElement | null>;
  takeBranch(b: BranchDef): void;
  back(): void;
  choose(a: Answer): void;
  confirmOrPoint(): void;
  onDone(): void;
}): void {
  const { rootRef, notesRef, takeBranch, back, choose, confirmOrPoint, onDone } = o;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useWizardStore.getState().script;
      if (!s) return;
      if (e.altKey && (e.key === 'm' || e.key === 'M' || e.code === 'KeyM')) {
        e.preventDefault();
        notesRef.current?.focus();
        return;
      }
      if (isTextField(e.target)) {
        if (e.key === 'Escape') rootRef.current?.focus();
        return;
      }
      if (s.phase === 'finished' || s.phase === 'broken_off') {
        if (e.key === 'Enter') {
          e.preventDefault();
          onDone();
        }
        return;
      }
      if (e.altKey) {
        const actions = availableActions(s);
        const letter = e.code.startsWith('Key') ? e.code.slice(3) : e.key.toUpperCase();
        const hit = actions.branches.find((b) => BRANCH_KEYS[b.code] === letter);
        if (hit) {
          e.preventDefault();
          takeBranch(hit);
        }
        return;
      }
      // flushSync: the next question is in the DOM before this handler returns, so it is painted
      // in the very next frame (keypress → paint within one frame).
      if (ANSWER_KEYS[e.key]) {
        e.preventDefault();
        const taken = availableActions(s);
        // A key this step does not take says which ones do, instead of doing nothing.
        if (!taken.answers.includes(ANSWER_KEYS[e.key])) {
          useWizardStore.getState().showHint(keyNotHereHint(e.key, taken));
          return;
        }
        flushSync(() => choose(ANSWER_KEYS[e.key]));
      } else if (e.key === 'Enter') {
        e.preventDefault();
        flushSync(confirmOrPoint);
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        flushSync(() => back());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [takeBranch, back, choose, confirmOrPoint, onDone]);
}
