import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messages } from '../../i18n/messages';
import { useExportStore } from './export-store';
import type { SessionSummary } from './review-store';

/** A session the centre holds with its recording: the only kind a copy can be asked for. */
function exportable(row: SessionSummary | undefined): row is SessionSummary {
  return row !== undefined && row.origin !== 'local' && row.recordingState === 'finalised';
}

/**
 * 申请导出 for the selected session (docs/domain.md §9: a copy only with the department head's
 * written approval). The button opens a short form whose reason is required; Esc or 取消 closes it
 * and focus returns to the button.
 */
export function ExportRequest({ row }: { row: SessionSummary | undefined }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useExportStore((s) => s.busy);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const close = () => {
    setOpen(false);
    setReason('');
    setError(null);
    buttonRef.current?.focus();
  };
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!open) return;
    reasonRef.current?.focus();
    // On window, capture phase: the list's own Esc handling (leave a field) stops the event's propagation there.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && formRef.current?.contains(e.target as Node)) {
        e.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
  // Another row selected: the form was about the previous one.
  useEffect(() => setOpen(false), [row?.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!row) return;
    if (reason.trim().length < 4) return setError(messages.export.reasonMissing);
    if (await useExportStore.getState().request(row.id, reason.trim())) close();
  };

  const ok = exportable(row);
  return (
    <div className="export-request">
      <button
        ref={buttonRef}
        type="button"
        disabled={!ok}
        aria-expanded={open}
        aria-describedby={ok ? undefined : 'export-not-archived'}
        onClick={() => setOpen(true)}
      >
        {messages.export.request}
      </button>
      {ok ? null : (
        <span id="export-not-archived" className="review-count">
          {messages.export.notArchived}
        </span>
      )}
      {open && row ? (
        <form className="export-form" aria-label={messages.export.requestFor(row.caseId ?? row.id)} ref={formRef} onSubmit={(e) => void submit(e)}>
          <p className="review-note">{messages.export.requestHint}</p>
          <label>
            {messages.export.reason}
            <textarea ref={reasonRef} value={reason} maxLength={500} rows={2} aria-invalid={error !== null} onChange={(e) => setReason(e.target.value)} />
          </label>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {messages.export.submit}
          </button>
          <button type="button" onClick={close}>
            {messages.export.cancel}
          </button>
        </form>
      ) : null}
    </div>
  );
}
