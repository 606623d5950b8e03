import { useEffect, useRef } from 'react';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import type { AttemptOutcome } from '../../../shared/domain/outcome/attempt-outcome';
import { UNREACHED_CHOICES } from '../outcome/attempt-mapping';
import { messages } from '../../i18n/messages';

/**
 * After a failed dial: the softphone's result with the matching attempt outcome preselected.
 * Two keystrokes record it: a digit to pick (or keep the preselection), Enter to confirm.
 * 0 = not counted (e.g. the agent cancelled).
 */
export function UnreachedPanel({
  reason,
  choice,
  onChoose,
  onConfirm,
}: {
  reason: string;
  choice: AttemptOutcome | null;
  onChoose: (c: AttemptOutcome | null) => void;
  onConfirm: () => void;
}) {
  // An alert dialog takes focus: its digits and Enter are the agent's next keystrokes.
  const rootRef = useRef<HTMLElement>(null);
  useFocusOnMount(rootRef);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const hit = UNREACHED_CHOICES.find((c) => c.key === e.key);
      if (hit) {
        e.preventDefault();
        onChoose(hit.outcome);
      } else if (e.key === '0') {
        e.preventDefault();
        onChoose(null);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        onConfirm();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChoose, onConfirm]);
  return (
    <section className="unreached" aria-labelledby="unreached-title" role="alertdialog" tabIndex={-1} ref={rootRef}>
      <h3 id="unreached-title">{messages.caseView.unreachedTitle(reason)}</h3>
      <div role="radiogroup" aria-label={messages.caseView.unreachedGroup}>
        {UNREACHED_CHOICES.map((c) => (
          <button key={c.key} type="button" role="radio" aria-checked={choice === c.outcome} onClick={() => onChoose(c.outcome)}>
            <kbd>{c.key}</kbd> {c.label}
          </button>
        ))}
        <button type="button" role="radio" aria-checked={choice === null} onClick={() => onChoose(null)}>
          <kbd>0</kbd> {messages.caseView.notCounted}
        </button>
      </div>
      <button type="button" className="primary" onClick={onConfirm}>
        {messages.caseView.record}
      </button>
    </section>
  );
}
