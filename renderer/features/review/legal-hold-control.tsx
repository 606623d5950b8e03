import { useState } from 'react';
import type { CallSession } from '../../../shared/ipc/channels/recording';
import { huifang } from '../../ipc/huifang';
import { messages } from '../../i18n/messages';

type Retention = CallSession['retention'];

/**
 * Places or lifts a legal hold (诉讼保全) on a session: administrators only (the host checks the
 * role again and logs the change). Placing a hold needs a reason.
 */
export function LegalHoldControl({ sessionId, retention, onChanged }: { sessionId: string; retention: Retention; onChanged: (r: Retention) => void }) {
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const placing = !retention.legalHold;

  const submit = async () => {
    const text = reason.trim();
    if (placing && !text) return setError(messages.review.hold.reasonRequired);
    setBusy(true);
    const r = await huifang().session.setLegalHold({ sessionId, hold: placing, reason: text || null });
    setBusy(false);
    if (!r.ok) return setError(messages.review.hold.failed(r.error.message));
    setEditing(false);
    setReason('');
    setError(null);
    onChanged(r.value);
  };

  if (!editing) {
    return (
      <button type="button" className="legal-hold-toggle" onClick={() => setEditing(true)}>
        {placing ? messages.review.hold.place : messages.review.hold.lift}
      </button>
    );
  }
  return (
    <form
      className="legal-hold-form"
      aria-label={placing ? messages.review.hold.place : messages.review.hold.lift}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {messages.review.hold.reason}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus />
      </label>
      <button type="submit" disabled={busy}>
        {messages.review.hold.confirm}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {messages.review.hold.cancel}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
