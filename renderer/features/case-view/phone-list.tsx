import { useRef, useState, type FormEvent } from 'react';
import { maskPhone } from '../../../shared/domain';
import type { PhoneEntry } from '../../data/phone-book';
import { correctionProblem } from '../../data/correct-phone';
import { messages } from '../../i18n/messages';

/** Every phone number on file and every correction, with who corrected what when. */
export function PhoneList({
  entries,
  selected,
  revealed,
  correcting,
  onSelect,
  onCorrect,
  onCancelCorrect,
}: {
  entries: readonly PhoneEntry[];
  selected: number;
  revealed: boolean;
  correcting: boolean;
  onSelect: (i: number) => void;
  /** Saves the correction; a rejected promise's message is shown in the form. */
  onCorrect: (original: string, corrected: string, reason: string) => Promise<void>;
  onCancelCorrect: () => void;
}) {
  const shown = (n: string) => (revealed ? n : maskPhone(n));
  const when = (iso: string) => messages.common.dateTime(iso);
  return (
    <section aria-labelledby="phones-title" className="phones">
      <h3 id="phones-title">{messages.caseView.phones}</h3>
      <ul role="listbox" aria-label={messages.caseView.phones}>
        {entries.map((e, i) => (
          <li
            key={`${e.number}-${i}`}
            role="option"
            aria-selected={i === selected}
            aria-disabled={e.replacedBy !== null}
            className={`phone${e.replacedBy ? ' is-replaced' : ''}${i === selected ? ' is-selected' : ''}`}
            onClick={() => onSelect(i)}
          >
            <span className="phone-number">{shown(e.number)}</span>
            {e.replacedBy ? <span className="phone-note">{messages.caseView.phoneCorrected(e.replacedBy.by, when(e.replacedBy.at))}</span> : null}
            {e.addedBy ? <span className="phone-note">{messages.caseView.phoneAdded(e.addedBy.by, when(e.addedBy.at))}</span> : null}
          </li>
        ))}
      </ul>
      {correcting && entries[selected] ? (
        <CorrectionForm original={entries[selected].number} shown={shown(entries[selected].number)} onSave={onCorrect} onCancel={onCancelCorrect} />
      ) : null}
    </section>
  );
}

function CorrectionForm({
  original,
  shown,
  onSave,
  onCancel,
}: {
  original: string;
  shown: string;
  onSave: (o: string, c: string, r: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [corrected, setCorrected] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const problem = correctionProblem(corrected, reason);
    setError(problem?.message ?? null);
    if (problem) {
      // Straight to the field at fault: a bad number is selected (typing replaces it), else the reason.
      const field = problem.field === 'number' ? numberRef.current : reasonRef.current;
      field?.focus();
      if (problem.field === 'number') field?.select();
      return;
    }
    setSaving(true);
    onSave(original, corrected, reason).catch((err: unknown) => {
      setSaving(false);
      setError(messages.common.labelled(messages.caseView.correctFailed, err instanceof Error ? err.message : String(err)));
    });
  };
  return (
    <form className="correction" aria-label={messages.caseView.correctTitle} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p>{messages.common.labelled(messages.caseView.correctTitle, shown)}</p>
      <label>
        {messages.caseView.correctNew}
        <input ref={numberRef} autoFocus inputMode="tel" value={corrected} onChange={(e) => setCorrected(e.target.value)} />
      </label>
      <label>
        {messages.caseView.correctReason}
        <input ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={saving}>
        {messages.caseView.save}
      </button>
      <button type="button" onClick={onCancel}>
        {messages.caseView.cancel}
      </button>
    </form>
  );
}
